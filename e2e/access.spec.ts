import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./workspace";

const palette = (page: Page) => page.getByRole("dialog", { name: "Search and go to" });

async function searchFor(page: Page, q: string) {
  await page.keyboard.press("Control+K");
  const input = palette(page).getByRole("combobox", { name: "Search contacts, companies, deals, leads and tickets" });
  await input.fill(q);
  return palette(page);
}

test("Settings → Access: sales reps set to 'own' contacts see only theirs in the table and search; back to 'all', they see all again", async ({ page, seed, openAs }) => {
  const rep = await openAs("sales_rep");
  await seed.record("CONTACT", { firstName: "Quenby", lastName: "Ownrep", ownedByUserId: rep.member.userId });
  await seed.record("CONTACT", { firstName: "Quenby", lastName: "Elsewhere" });

  // by default (all/all) the rep sees both
  await rep.page.goto("/contacts");
  await expect(rep.page.getByRole("row", { name: /Quenby Ownrep/ })).toBeVisible();
  await expect(rep.page.getByRole("row", { name: /Quenby Elsewhere/ })).toBeVisible();

  // the admin narrows sales reps' contacts to their own
  await page.goto("/settings/access");
  const read = page.getByRole("combobox", { name: "Sales reps, contacts: read" });
  await expect(read).toHaveValue("all");
  await read.selectOption("own");
  await expect(page.getByTestId("access-summary-sales_rep-CONTACT")).toHaveText("Sales reps see and edit only the contacts they or their groups own or are assigned.");
  await expect(page.getByRole("combobox", { name: "Sales reps, contacts: write" })).toHaveValue("own");
  const axe = await new AxeBuilder({ page }).include("#main").analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);

  // the rep's next request: only their own contact, in the table and in search
  await rep.page.reload();
  await expect(rep.page.getByRole("row", { name: /Quenby Ownrep/ })).toBeVisible();
  await expect(rep.page.getByRole("row", { name: /Quenby Elsewhere/ })).toHaveCount(0);
  const dialog = await searchFor(rep.page, "quenby");
  await expect(dialog.getByRole("option", { name: /Quenby Ownrep/ })).toBeVisible();
  await expect(dialog.getByRole("option", { name: /Quenby Elsewhere/ })).toHaveCount(0);
  await rep.page.keyboard.press("Escape");

  // back to all: the rep sees both again on the next request
  await page.getByRole("combobox", { name: "Sales reps, contacts: read" }).selectOption("all");
  await expect(page.getByTestId("access-summary-sales_rep-CONTACT")).toHaveText("Sales reps see all contacts and edit only the contacts they or their groups own or are assigned.");
  await rep.page.reload();
  await expect(rep.page.getByRole("row", { name: /Quenby Elsewhere/ })).toBeVisible();
  await expect(rep.page.getByRole("row", { name: /Quenby Ownrep/ })).toBeVisible();
  const again = await searchFor(rep.page, "quenby");
  await expect(again.getByRole("option", { name: /Quenby Elsewhere/ })).toBeVisible();
});

test("Settings → Groups: an admin sets a group's manager", async ({ page, workspace }) => {
  const admin = workspace.member("admin");
  await page.goto("/settings/groups");
  await page.getByRole("button", { name: "New group" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Group name").fill("EMEA");
  await dialog.getByRole("button", { name: "Create group" }).click();
  const manager = page.getByRole("combobox", { name: "Manager of EMEA" });
  await expect(manager).toHaveValue("");
  await manager.selectOption({ label: `${admin.name} (${admin.email})` });
  await expect(page.getByText("Manager set")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("combobox", { name: "Manager of EMEA" }).locator("option:checked")).toHaveText(`${admin.name} (${admin.email})`);
});

test("Settings → API keys: a key that acts as a rep sees, over REST, only what the rep may see", async ({ page, request, workspace, seed }) => {
  const rep = await workspace.join("sales_rep");
  const mine = await seed.record("CONTACT", { firstName: "Kit", lastName: "Owned", ownedByUserId: rep.userId });
  const theirs = await seed.record("CONTACT", { firstName: "Not", lastName: "Kits" });
  await seed.accessPolicy({ sales_rep: { CONTACT: { read: "own", write: "own" } } });

  await page.goto("/settings/api-keys");
  await page.getByRole("button", { name: "New API key" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Key name").fill("Kit's sync");
  await dialog.getByLabel("Acts as").selectOption({ label: `${rep.name} (${rep.email})` });
  await expect(dialog.getByLabel("Role")).toHaveCount(0);
  await dialog.getByRole("button", { name: "Create key" }).click();
  const keyField = dialog.getByRole("textbox", { name: "API key", exact: true });
  await expect(keyField).toHaveValue(/^slk_/);
  const key = await keyField.inputValue();

  const headers = { authorization: `Bearer ${key}` };
  const list = (await (await request.get("/api/v1/contacts", { headers })).json()) as { data: { id: string }[] };
  expect(list.data.map((c) => c.id)).toEqual([mine]);
  expect((await request.get(`/api/v1/contacts/${theirs}`, { headers })).status()).toBe(404);
  expect((await request.get(`/api/v1/contacts/${mine}`, { headers })).status()).toBe(200);
});
