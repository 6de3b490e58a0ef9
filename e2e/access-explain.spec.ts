import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { addUser, E2E_PASSWORD, signUpTenant, uniqueEmail } from "./fixtures";

/** Creates a contact through the REST API with the admin's session (page.request shares its cookies). */
async function createContact(page: Page, data: Record<string, unknown>): Promise<string> {
  const res = await page.request.post("/api/v1/contacts", { data });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

test("Who can see this? An admin sees who sees and edits a contact and why, and what a rep can see of contacts", async ({ page, browser }) => {
  test.slow();
  const admin = await signUpTenant(page);
  const repEmail = uniqueEmail("rep");
  const rep = await addUser(page, browser, { name: "Rae Rep", email: repEmail, role: "sales_rep", password: E2E_PASSWORD });
  const users = (await (await page.request.get("/api/v1/users")).json()) as { data: { id: string; email: string }[] };
  const repId = users.data.find((u) => u.email === repEmail)!.id;
  const repsOwn = await createContact(page, { firstName: "Quenby", lastName: "Ownrep", ownedByUserId: repId });
  const adminsOwn = await createContact(page, { firstName: "Quenby", lastName: "Elsewhere" });
  const policy = await page.request.put("/api/v1/access-policy", { data: { sales_rep: { CONTACT: { read: "own", write: "own" } } } });
  expect(policy.status(), await policy.text()).toBe(200);

  await page.goto(`/contacts/${adminsOwn}`);
  await page.getByRole("button", { name: "Who can see this?" }).click();
  const dialog = page.getByRole("dialog", { name: "Who can see Quenby Elsewhere?" });
  const repRow = dialog.getByRole("row", { name: /Rae Rep/ });
  await expect(repRow.getByRole("cell").nth(0)).toHaveText("No");
  await expect(repRow).toContainText("Sales reps see and edit only the contacts they or their groups own or are assigned.");
  const adminRow = dialog.getByRole("row", { name: new RegExp(admin.name) });
  await expect(adminRow.getByRole("cell").nth(0)).toHaveText("Yes");
  await expect(adminRow).toContainText("Admins see and edit all contacts");

  // what the rep can see of contacts: only their own
  await dialog.getByRole("combobox", { name: "Member" }).selectOption({ label: "Rae Rep (Sales rep)" });
  await expect(dialog.getByText(/They see 1 contact/)).toBeVisible();
  const visible = dialog.getByRole("list", { name: "Contacts they can see" });
  await expect(visible.getByRole("link")).toHaveText(["Quenby Ownrep"]);
  const axe = await new AxeBuilder({ page }).include('[role="dialog"]').analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  // on the rep's own contact: they own it, so they see and edit it
  await page.goto(`/contacts/${repsOwn}`);
  await page.getByRole("button", { name: "Who can see this?" }).click();
  const onOwn = page.getByRole("dialog", { name: "Who can see Quenby Ownrep?" }).getByRole("row", { name: /Rae Rep/ });
  await expect(onOwn.getByRole("cell").nth(0)).toHaveText("Yes");
  await expect(onOwn.getByRole("cell").nth(1)).toHaveText("Yes");
  await expect(onOwn).toContainText("Owner");

  // not for the rep
  await rep.page.goto(`/contacts/${repsOwn}`);
  await expect(rep.page.getByRole("heading", { name: "Quenby Ownrep" })).toBeVisible();
  await expect(rep.page.getByRole("button", { name: "Who can see this?" })).toHaveCount(0);
  await rep.context.close();
});
