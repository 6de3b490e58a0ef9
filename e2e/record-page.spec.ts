import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test, type Seed } from "./workspace";

/** The five kinds, each with its one required field (`field` is its label on the page). */
const KINDS = [
  { kind: "COMPANY", collection: "companies", field: "Name", data: { name: "Acme Rockets" } },
  { kind: "CONTACT", collection: "contacts", field: "First name", data: { firstName: "Jane" } },
  { kind: "LEAD", collection: "leads", field: "First name", data: { firstName: "Larry" } },
  { kind: "DEAL", collection: "deals", field: "Deal name", data: { name: "Rocket fuel" } },
  { kind: "TICKET", collection: "tickets", field: "Subject", data: { subject: "Printer on fire" } },
] as const;
const valueOf = (k: (typeof KINDS)[number]) => Object.values(k.data)[0]!;

/** The record, made by the services; the page is left on it. */
async function openRecord(page: Page, seed: Seed, kind: (typeof KINDS)[number]) {
  const id = await seed.record(kind.kind, kind.data);
  await page.goto(`/${kind.collection}/${id}`);
}

test.describe("at 1280×720", () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test("every kind's record page shows the composer and the timeline without scrolling, and axe finds nothing serious", async ({ page, seed }) => {
    test.slow();
    for (const kind of KINDS) {
      await openRecord(page, seed, kind);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expect(page.getByRole("form", { name: "Log an activity" }), kind.collection).toBeInViewport({ ratio: 1 });
      await expect(page.getByRole("list", { name: "Timeline" }).getByRole("listitem").first(), kind.collection).toBeInViewport();
      expect(await page.evaluate(() => window.scrollY)).toBe(0);
      // The fields are in the side panel, read-only until clicked.
      await expect(page.getByRole("region", { name: "Details" }).getByRole("button", { name: `Edit ${kind.field}` })).toContainText(valueOf(kind));
      const results = await new AxeBuilder({ page }).include("#main").analyze();
      const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(serious.map((v) => `${kind.collection}: ${v.id} ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    }
  });
});

test("a field is edited in place: Enter saves, Escape cancels, one at a time, the server's error under the field", async ({ page, seed }) => {
  await openRecord(page, seed, KINDS[1]);
  const details = page.getByRole("region", { name: "Details" });
  const jobTitle = details.getByRole("button", { name: "Edit Job title" });
  await expect(jobTitle).toContainText("Empty");
  await expect(details.getByRole("textbox")).toHaveCount(0);

  // Enter saves.
  await jobTitle.click();
  const input = details.getByRole("textbox", { name: "Job title" });
  await expect(input).toBeFocused();
  await input.fill("VP Sales");
  await input.press("Enter");
  await expect(page.getByText("Changes saved")).toBeVisible();
  await expect(jobTitle).toContainText("VP Sales");
  await expect(jobTitle).toBeFocused();
  await page.reload();
  await expect(jobTitle).toContainText("VP Sales");
  await expect(page.getByRole("list", { name: "Timeline" }).getByRole("listitem").first()).toContainText("Job title: (empty) → VP Sales");

  // Escape cancels: nothing is sent.
  await jobTitle.click();
  await input.fill("Intern");
  await input.press("Escape");
  await expect(input).toHaveCount(0);
  await expect(jobTitle).toContainText("VP Sales");
  await expect(jobTitle).toBeFocused();

  // One field at a time: opening another closes the first.
  await jobTitle.click();
  await details.getByRole("button", { name: "Edit Phone" }).click();
  await expect(input).toHaveCount(0);
  await expect(details.getByRole("textbox", { name: "Phone" })).toBeFocused();
  await details.getByRole("textbox", { name: "Phone" }).press("Escape");

  // A bad value is sent and refused by the server, its message under the field; the editor stays open.
  await details.getByRole("button", { name: "Edit Email" }).click();
  const email = details.getByRole("textbox", { name: "Email" });
  await email.fill("not-an-email");
  await email.press("Enter");
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expect(details.getByRole("alert").filter({ hasText: "must be an email address" })).toBeVisible();
  await email.press("Escape");
  await page.reload();
  await expect(details.getByRole("button", { name: "Edit Email" })).toContainText("Empty");
});

test("a call records its direction, duration and outcome, a meeting its place and attendees, and the timeline says so", async ({ page, seed }) => {
  await openRecord(page, seed, KINDS[3]);
  const composer = page.getByRole("form", { name: "Log an activity" });
  await composer.getByLabel("Subject").fill("Pricing call");
  await composer.getByLabel("Direction").selectOption({ label: "Outbound" });
  await composer.getByLabel("Duration (min)").fill("12");
  await composer.getByLabel("Outcome").selectOption({ label: "Connected" });
  await composer.getByRole("button", { name: "Log call" }).click();
  const timeline = page.getByRole("list", { name: "Timeline" });
  await expect(timeline.getByRole("listitem").first()).toContainText("Ada Admin logged a call: Pricing call");
  await expect(timeline.getByRole("listitem").first()).toContainText("Outbound call · 12 min · Connected");

  await composer.getByRole("radio", { name: "Meeting" }).check();
  await composer.getByLabel("Subject").fill("Kick-off");
  await composer.getByLabel("Location").fill("Room 4");
  await composer.getByRole("combobox", { name: "Attendees" }).fill("Jane Doe");
  await composer.getByRole("combobox", { name: "Attendees" }).press("Enter"); // adds her, does not log yet
  await expect(composer.getByRole("list", { name: "Attendees" })).toContainText("Jane Doe");
  await composer.getByRole("combobox", { name: "Attendees" }).fill("Ada Admin");
  await composer.getByRole("button", { name: "Add", exact: true }).click();
  await composer.getByRole("button", { name: "Log meeting" }).click();
  await expect(timeline.getByRole("listitem").first()).toContainText("logged a meeting: Kick-off");
  await expect(timeline.getByRole("listitem").first()).toContainText("At Room 4 · with Jane Doe, Ada Admin");

  await page.reload();
  await expect(timeline.getByRole("listitem").nth(1)).toContainText("Outbound call · 12 min · Connected");
});

test("a note is pinned from its timeline entry by keyboard and shows at the top until unpinned", async ({ page, seed }) => {
  await openRecord(page, seed, KINDS[4]);
  const composer = page.getByRole("form", { name: "Log an activity" });
  await composer.getByRole("radio", { name: "Note" }).check();
  for (const subject of ["Customer uses the old firmware", "Called back twice"]) {
    await composer.getByLabel("Subject").fill(subject);
    await composer.getByRole("button", { name: "Log note" }).click();
    await expect(page.getByRole("list", { name: "Timeline" }).getByRole("listitem").first()).toContainText(subject);
  }
  await expect(page.getByRole("list", { name: "Pinned notes" })).toHaveCount(0);

  const pin = page.getByRole("list", { name: "Timeline" }).getByRole("button", { name: "Pin note: Customer uses the old firmware" });
  await pin.focus();
  await page.keyboard.press("Enter");
  const pinned = page.getByRole("list", { name: "Pinned notes" });
  await expect(pinned.getByRole("listitem")).toHaveCount(1);
  await expect(pinned).toContainText("Customer uses the old firmware");
  await expect(page.getByRole("heading", { name: "Pinned" })).toBeVisible();
  // Above the timeline, whose newest entry is the other note.
  const pinnedBox = await pinned.boundingBox();
  const timelineBox = await page.getByRole("list", { name: "Timeline" }).boundingBox();
  expect(pinnedBox!.y + pinnedBox!.height).toBeLessThanOrEqual(timelineBox!.y);

  await page.reload();
  await expect(pinned).toContainText("Customer uses the old firmware");
  await pinned.getByRole("button", { name: "Unpin note: Customer uses the old firmware" }).click();
  await expect(pinned).toHaveCount(0);
  await expect(page.getByRole("list", { name: "Timeline" }).getByRole("button", { name: "Pin note: Customer uses the old firmware" })).toBeVisible();
});
