// One way to show a value: the pages a rep, a manager and an admin use, filled with data,
// show no raw enum value ("IN_PROGRESS", "sales_rep", a bare "medium"), no field key
// ("closeDate"), no raw ISO day, no "48000.00 USD" and no "0 seconds ago". The enum
// values come from db/schema/enums.ts, so a new enum is guarded the day it is added.
import type { Page } from "@playwright/test";
import * as ENUMS from "../db/schema/enums";
import { expect, test } from "./workspace";

/** Enum values that are also how the word is written (acronyms). */
const ACRONYMS = new Set(["API", "URL"]);
const enumValues: string[] = [...new Set((Object.values(ENUMS) as unknown[]).filter((v): v is readonly string[] => Array.isArray(v)).flat())];
/** Uppercase or snake_case values are never written so in prose: flag them anywhere. */
const codeLike = enumValues.filter((v) => !ACRONYMS.has(v) && (/^[A-Z][A-Z0-9_]+$/.test(v) || v.includes("_")));
/** Lowercase values ("medium", "open", "readonly") and lowercased sources ("manual") are prose too: flag a text that is only that word. */
const bareWords = new Set([...enumValues.filter((v) => v === v.toLowerCase()), ...ENUMS.LIST_MEMBERSHIP_SOURCES.map((v) => v.toLowerCase())]);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const CODE_LIKE = new RegExp(`(?<![A-Za-z0-9_])(${codeLike.map(escape).join("|")})(?![A-Za-z0-9_])`);
const CAMEL_KEY = /(?<![\w@./:-])[a-z]+(?:[A-Z][a-z0-9]*)+(?![\w@.-])/;
const ISO_DAY = /(?<![\w-])\d{4}-\d{2}-\d{2}(?![\w-])/;
const RAW_MONEY = /\b\d+\.\d{2} [A-Z]{3}\b/;
const ZERO_AGO = /\b0 seconds? ago\b/;

/** Every text a reader meets on the page (including option labels and screen-reader text), minus code blocks. */
async function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const el = node.parentElement;
      const text = node.nodeValue?.trim();
      if (!el || !text) continue;
      if (el.closest("script, style, noscript, template, code, pre, textarea")) continue;
      if (el.tagName !== "OPTION" && !el.checkVisibility()) continue;
      out.push(text);
    }
    for (const el of document.querySelectorAll<HTMLElement>("[title], [aria-label]")) {
      if (el.closest("code, pre")) continue;
      for (const a of ["title", "aria-label"]) {
        const v = el.getAttribute(a)?.trim();
        if (v) out.push(v);
      }
    }
    return out;
  });
}

function rawValues(texts: string[]): string[] {
  const found: string[] = [];
  for (const t of texts) {
    for (const [why, re] of [
      ["enum value", CODE_LIKE],
      ["field key", CAMEL_KEY],
      ["ISO day", ISO_DAY],
      ["raw money", RAW_MONEY],
      ["0 seconds ago", ZERO_AGO],
    ] as const) {
      const m = re.exec(t);
      if (m) found.push(`${why} "${m[0]}" in "${t.slice(0, 120)}"`);
    }
    if (bareWords.has(t)) found.push(`bare enum value "${t}"`);
  }
  return [...new Set(found)];
}

/** Opens `path`, waits for `ready` and checks everything the reader can see. */
async function expectNoRawValues(page: Page, path: string, ready: (page: Page) => Promise<void>) {
  await page.goto(path);
  await ready(page);
  // the browser re-renders dates and money in the reader's locale after hydration; scan after it settles
  await expect.poll(async () => rawValues(await visibleTexts(page)), { message: `raw values on ${path}` }).toEqual([]);
}

test("pages with data show labels and formatted values, never raw enum values, field keys or ISO days", async ({ page, seed }) => {
  test.setTimeout(120_000);
  const company = await seed.record("COMPANY", { name: "Globex", industry: "Retail", annualRevenue: "2500000.00", employeeCount: 120 });
  const contact = await seed.record("CONTACT", { firstName: "Tess", lastName: "Ito", email: "tess@globex.test", companyId: company });
  await seed.automation({
    name: "Stage changes to the event stream",
    entityType: "DEAL",
    scopeType: "ENTITY",
    triggerEvent: "stage.entered",
    actionType: "EVENT",
    config: {},
    priority: 10,
    enabled: true,
  });
  const deal = await seed.record("DEAL", { name: "Orbital hotel", amount: "48000.00", closeDate: "2027-01-31", dealType: "NEW", companyId: company, contactId: contact });
  await seed.record("DEAL", { name: "Moon base", amount: "1250.50", currency: "EUR", closeDate: "2027-03-15" });
  await seed.move("DEAL", deal, "Qualification");
  await seed.update("DEAL", deal, { closeDate: "2027-02-28", amount: "52000.00", dealType: "UPSELL" });
  await seed.activity({ activityType: "TASK", subject: "Send the proposal", recordType: "DEAL", recordId: deal, dueAt: new Date(Date.now() + 2 * 86_400_000).toISOString(), priority: "high" });
  await seed.activity({ activityType: "CALL", subject: "Discovery call", recordType: "DEAL", recordId: deal });
  await seed.record("TICKET", { subject: "Cannot sign in", priority: "medium", companyId: company });
  await seed.record("LEAD", { firstName: "Lee", lastName: "Lead", email: "lee@initech.test", companyName: "Initech", priority: "low" });
  const list = await seed.list({ name: "Key accounts", objectType: "CONTACT", processingType: "STATIC" });
  await seed.addToList(list, [contact]);

  const sees = (text: string | RegExp) => async (p: Page) => void (await expect(p.getByText(text).filter({ visible: true }).first()).toBeVisible());
  const heading = (name: string | RegExp) => async (p: Page) => void (await expect(p.getByRole("heading", { level: 1, name })).toBeVisible());

  await expectNoRawValues(page, "/contacts", sees("Tess Ito"));
  await expectNoRawValues(page, "/companies", sees("Globex"));
  await expectNoRawValues(page, "/deals", sees("Orbital hotel"));
  await expectNoRawValues(page, "/deals?view=table", sees("Orbital hotel"));
  await expectNoRawValues(page, `/deals/${deal}`, sees("Discovery call"));
  await expectNoRawValues(page, "/tickets", sees("Cannot sign in"));
  await expectNoRawValues(page, "/tickets?view=table", sees("Cannot sign in"));
  await expectNoRawValues(page, "/leads", sees("Lee Lead"));
  await expectNoRawValues(page, "/tasks", sees("Send the proposal"));
  await expectNoRawValues(page, "/lists", sees("Key accounts"));
  await expectNoRawValues(page, `/lists/${list}`, sees("Tess Ito"));
  await expectNoRawValues(page, "/reports", heading("Reports"));
  await expectNoRawValues(page, "/dashboards", heading("Dashboards"));
  await page.getByRole("link", { name: "Sales manager" }).click();
  await expect(page.getByRole("list", { name: "Widgets" }).getByRole("listitem")).toHaveCount(6);
  await expectNoRawValues(page, page.url(), heading("Sales manager"));
  await expectNoRawValues(page, "/team", heading("Team"));
  await expectNoRawValues(page, "/settings/pipelines", sees("Sales Pipeline"));
  await page.getByRole("link", { name: "Sales Pipeline" }).click();
  await expect(page).toHaveURL(/\/settings\/pipelines\/[0-9a-f-]{36}/);
  await expectNoRawValues(page, page.url(), heading("Sales Pipeline"));
  // the worker runs the automation the move triggered: its execution shows in the log
  await expect.poll(async () => ((await (await page.request.get("/api/v1/automation-executions")).json()) as { data: unknown[] }).data.length).toBeGreaterThan(0);
  await expectNoRawValues(page, "/settings/automations", sees("Stage changes to the event stream"));
  await expectNoRawValues(page, "/settings/automations/executions", sees("Stage changes to the event stream"));
  await expectNoRawValues(page, "/settings/users", sees("Ada Admin"));
});

test("the guard itself sees a raw value", () => {
  expect(rawValues(["IN_PROGRESS", "Role: sales_rep", "medium", "closes 2027-01-31", "requires: amount, closeDate", "48000.00 USD", "0 seconds ago"])).toHaveLength(7);
  expect(rawValues(["In progress", "Role: Sales rep", "Medium priority", "Closes Jan 31, 2027", "$48,000", "just now", "API keys", "LinkedIn URL", "tess@globex.test"])).toEqual([]);
});

test("a deal's money, close date and column totals read as people write them, exact enough that a move shows", async ({ page, seed }) => {
  for (const [name, amount] of [
    ["Orbital hotel", "4800000.00"],
    ["Moon base", "3414500.00"],
    ["Lunar rover", "48000.50"],
  ]) {
    await seed.record("DEAL", { name, amount, closeDate: "2027-01-31" });
  }
  const { stages } = await seed.pipeline("DEAL");
  await seed.record("DEAL", { name: "Space elevator", amount: "123456789012.00", stageId: stages.Qualification });
  await page.goto("/deals");
  const prospecting = page.getByRole("region", { name: "Prospecting", exact: true });
  // exact, not "$8M": a $48,000 deal moving out changes what the column shows
  await expect(prospecting.getByTestId("stage-total")).toHaveText("$8,262,500.50");
  await expect(prospecting.getByTestId("stage-weighted")).toHaveText("$826,250.05");
  // a total too long for the column goes compact, with the exact amount on hover
  const qualification = page.getByRole("region", { name: "Qualification", exact: true });
  await expect(qualification.getByTestId("stage-total")).toHaveText("$123.5B");
  await expect(qualification.getByTestId("stage-total")).toHaveAttribute("title", "$123,456,789,012");
  await expect(prospecting.getByTestId("stage-total")).not.toHaveAttribute("title");
  const card = page.locator("article").filter({ hasText: "Lunar rover" });
  await expect(card).toContainText("$48,000.50");
  await expect(page.locator("article").filter({ hasText: "Orbital hotel" })).toContainText("$4,800,000");
  const close = card.locator("time");
  await expect(close).toHaveText("Jan 31, 2027");
  await expect(close).toHaveAttribute("datetime", "2027-01-31");
  await expect(close).toHaveAttribute("title", "Sunday, January 31, 2027");
});
