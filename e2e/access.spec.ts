import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { addUser, E2E_PASSWORD, signUpTenant, uniqueEmail } from "./fixtures";

/** Creates a contact through the REST API with the admin's session (page.request shares its cookies). */
async function createContact(page: Page, data: Record<string, unknown>): Promise<string> {
  const res = await page.request.post("/api/v1/contacts", { data });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const palette = (page: Page) => page.getByRole("dialog", { name: "Search and go to" });

async function searchFor(page: Page, q: string) {
  await page.keyboard.press("Control+K");
  const input = palette(page).getByRole("combobox", { name: "Search contacts, companies, deals, leads and tickets" });
  await input.fill(q);
  return palette(page);
}

test("Settings → Access: sales reps set to 'own' contacts see only theirs in the table and search; back to 'all', they see all again", async ({ page, browser }) => {
  test.slow();
  await signUpTenant(page);
  const repEmail = uniqueEmail("rep");
  const rep = await addUser(page, browser, { name: "Rae Rep", email: repEmail, role: "sales_rep", password: E2E_PASSWORD });
  const users = (await (await page.request.get("/api/v1/users")).json()) as { data: { id: string; email: string }[] };
  const repId = users.data.find((u) => u.email === repEmail)!.id;
  await createContact(page, { firstName: "Quenby", lastName: "Ownrep", ownedByUserId: repId });
  await createContact(page, { firstName: "Quenby", lastName: "Elsewhere" });

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
  await rep.context.close();
});

test("Settings → Groups: an admin sets a group's manager", async ({ page }) => {
  const admin = await signUpTenant(page, { name: "Ada Admin" });
  await page.goto("/settings/groups");
  await page.getByRole("button", { name: "New group" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Group name").fill("EMEA");
  await dialog.getByRole("button", { name: "Create group" }).click();
  const manager = page.getByRole("combobox", { name: "Manager of EMEA" });
  await expect(manager).toHaveValue("");
  await manager.selectOption({ label: `Ada Admin (${admin.email})` });
  await expect(page.getByText("Manager set")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("combobox", { name: "Manager of EMEA" }).locator("option:checked")).toHaveText(`Ada Admin (${admin.email})`);
});

test("Settings → API keys: a key that acts as a rep sees, over REST, only what the rep may see", async ({ page, browser, request }) => {
  test.slow();
  await signUpTenant(page);
  const repEmail = uniqueEmail("keyrep");
  const rep = await addUser(page, browser, { name: "Kit Keyrep", email: repEmail, role: "sales_rep", password: E2E_PASSWORD });
  await rep.context.close();
  const users = (await (await page.request.get("/api/v1/users")).json()) as { data: { id: string; email: string }[] };
  const repId = users.data.find((u) => u.email === repEmail)!.id;
  const mine = await createContact(page, { firstName: "Kit", lastName: "Owned", ownedByUserId: repId });
  const theirs = await createContact(page, { firstName: "Not", lastName: "Kits" });
  const policy = await page.request.put("/api/v1/access-policy", { data: { sales_rep: { CONTACT: { read: "own", write: "own" } } } });
  expect(policy.status(), await policy.text()).toBe(200);

  await page.goto("/settings/api-keys");
  await page.getByRole("button", { name: "New API key" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Key name").fill("Kit's sync");
  await dialog.getByLabel("Acts as").selectOption({ label: `Kit Keyrep (${repEmail})` });
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
