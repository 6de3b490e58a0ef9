import AxeBuilder from "@axe-core/playwright";
import type { TeamMember } from "./team";
import { expect, test, type Seed } from "./workspace";

/** Sales reps see and edit only their own contacts; one contact is the rep's, one the admin's. */
async function ownContacts(seed: Seed, rep: TeamMember): Promise<{ repsOwn: string; adminsOwn: string }> {
  const repsOwn = await seed.record("CONTACT", { firstName: "Quenby", lastName: "Ownrep", ownedByUserId: rep.userId });
  const adminsOwn = await seed.record("CONTACT", { firstName: "Quenby", lastName: "Elsewhere" });
  await seed.accessPolicy({ sales_rep: { CONTACT: { read: "own", write: "own" } } });
  return { repsOwn, adminsOwn };
}

test("Who can see this? An admin sees who sees and edits a contact and why", async ({ page, workspace, seed }) => {
  const rep = await workspace.join("sales_rep");
  const admin = workspace.member("admin");
  const { repsOwn, adminsOwn } = await ownContacts(seed, rep);

  await page.goto(`/contacts/${adminsOwn}`);
  await page.getByRole("button", { name: "Who can see this?" }).click();
  const dialog = page.getByRole("dialog", { name: "Who can see Quenby Elsewhere?" });
  const repRow = dialog.getByRole("row", { name: new RegExp(rep.name) });
  await expect(repRow.getByRole("cell").nth(0)).toHaveText("No");
  await expect(repRow).toContainText("Sales reps see and edit only the contacts they or their groups own or are assigned.");
  const adminRow = dialog.getByRole("row", { name: new RegExp(admin.name) });
  await expect(adminRow.getByRole("cell").nth(0)).toHaveText("Yes");
  await expect(adminRow).toContainText("Admins see and edit all contacts");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  // on the rep's own contact: they own it, so they see and edit it
  await page.goto(`/contacts/${repsOwn}`);
  await page.getByRole("button", { name: "Who can see this?" }).click();
  const onOwn = page.getByRole("dialog", { name: "Who can see Quenby Ownrep?" }).getByRole("row", { name: new RegExp(rep.name) });
  await expect(onOwn.getByRole("cell").nth(0)).toHaveText("Yes");
  await expect(onOwn.getByRole("cell").nth(1)).toHaveText("Yes");
  await expect(onOwn).toContainText("Owner");
});

test("Who can see this? An admin picks a member and sees which contacts they can see", async ({ page, workspace, seed }) => {
  const rep = await workspace.join("sales_rep");
  const { adminsOwn } = await ownContacts(seed, rep);

  await page.goto(`/contacts/${adminsOwn}`);
  await page.getByRole("button", { name: "Who can see this?" }).click();
  const dialog = page.getByRole("dialog", { name: "Who can see Quenby Elsewhere?" });
  // what the rep can see of contacts: only their own
  await dialog.getByRole("combobox", { name: "Member" }).selectOption({ label: `${rep.name} (Sales rep)` });
  await expect(dialog.getByText(/They see 1 contact/)).toBeVisible();
  const visible = dialog.getByRole("list", { name: "Contacts they can see" });
  await expect(visible.getByRole("link")).toHaveText(["Quenby Ownrep"]);
  const axe = await new AxeBuilder({ page }).include('[role="dialog"]').analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
});

test("Who can see this? is not for a sales rep, even on their own contact", async ({ seed, openAs }) => {
  const rep = await openAs("sales_rep");
  const { repsOwn } = await ownContacts(seed, rep.member);

  await rep.page.goto(`/contacts/${repsOwn}`);
  await expect(rep.page.getByRole("heading", { name: "Quenby Ownrep" })).toBeVisible();
  await expect(rep.page.getByRole("button", { name: "Who can see this?" })).toHaveCount(0);
});
