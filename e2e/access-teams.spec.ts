// Access scopes with a whole team (two reps and their manager): these make their own
// workspace and members through the invitation page (e2e/fixtures.ts), as the team of
// e2e/team.ts has one member per role.
import { expect, test, type Page } from "@playwright/test";
import { addUser, E2E_PASSWORD, signUpTenant, uniqueEmail } from "./fixtures";

const palette = (page: Page) => page.getByRole("dialog", { name: "Search and go to" });

async function searchFor(page: Page, q: string) {
  await page.keyboard.press("Control+K");
  const input = palette(page).getByRole("combobox", { name: "Search contacts, companies, deals, leads and tickets" });
  await input.fill(q);
  return palette(page);
}

/** Sends a JSON request with the admin's session (page.request shares its cookies) and returns the created id. */
async function post(page: Page, path: string, data: Record<string, unknown>): Promise<string> {
  const res = await page.request.post(`/api/v1/${path}`, { data });
  expect(res.status(), await res.text()).toBeLessThan(300);
  return ((await res.json()) as { id: string }).id;
}

async function userIds(page: Page): Promise<Map<string, string>> {
  const users = (await (await page.request.get("/api/v1/users")).json()) as { data: { id: string; email: string }[] };
  return new Map(users.data.map((u) => [u.email, u.id]));
}

test("deals by team: a rep sees only own deals on the table, board and search, the team's manager the team's; the admin's change applies on the next request and is in the audit log", async ({ page, browser }) => {
  test.slow();
  await signUpTenant(page);
  const [repEmail, mateEmail, managerEmail] = [uniqueEmail("rep"), uniqueEmail("mate"), uniqueEmail("manager")];
  const rep = await addUser(page, browser, { name: "Rae Rep", email: repEmail, role: "sales_rep", password: E2E_PASSWORD });
  const mate = await addUser(page, browser, { name: "Max Mate", email: mateEmail, role: "sales_rep", password: E2E_PASSWORD });
  await mate.context.close();
  const manager = await addUser(page, browser, { name: "Mo Manager", email: managerEmail, role: "manager", password: E2E_PASSWORD });
  const ids = await userIds(page);
  await post(page, "groups", { name: "EMEA", memberUserIds: [ids.get(repEmail), ids.get(mateEmail)], managerUserId: ids.get(managerEmail) });
  await post(page, "deals", { name: "Quillon Rae", ownedByUserId: ids.get(repEmail) });
  await post(page, "deals", { name: "Quillon Max", ownedByUserId: ids.get(mateEmail) });
  await post(page, "deals", { name: "Quillon House" });
  const names = ["Quillon Rae", "Quillon Max", "Quillon House"];
  const card = (p: Page, name: string) => p.getByTestId("board").getByRole("link", { name, exact: true });

  // by default (all/all) the rep's board holds all three
  await rep.page.goto("/deals");
  for (const n of names) await expect(card(rep.page, n)).toBeVisible();

  // the admin narrows deals: sales reps to their own, managers to their teams'
  await page.goto("/settings/access");
  await page.getByRole("combobox", { name: "Sales reps, deals: read" }).selectOption("own");
  await expect(page.getByTestId("access-summary-sales_rep-DEAL")).toHaveText("Sales reps see and edit only the deals they or their groups own or are assigned.");
  await page.getByRole("combobox", { name: "Managers, deals: read" }).selectOption("team");
  await expect(page.getByTestId("access-summary-manager-DEAL")).toContainText("Managers see and edit the deals of their teams");

  // the rep's next request: the board, the table and search hold only their deal
  await rep.page.reload();
  await expect(card(rep.page, "Quillon Rae")).toBeVisible();
  await expect(card(rep.page, "Quillon Max")).toHaveCount(0);
  await expect(card(rep.page, "Quillon House")).toHaveCount(0);
  await rep.page.goto("/deals?view=table");
  await expect(rep.page.getByRole("row", { name: /Quillon Rae/ })).toBeVisible();
  await expect(rep.page.getByRole("row", { name: /Quillon (Max|House)/ })).toHaveCount(0);
  const found = await searchFor(rep.page, "quillon");
  await expect(found.getByRole("option", { name: /Quillon Rae/ })).toBeVisible();
  await expect(found.getByRole("option", { name: /Quillon (Max|House)/ })).toHaveCount(0);
  await rep.page.keyboard.press("Escape");

  // the manager sees the team's deals (the rep's and the mate's), not the house's
  await manager.page.goto("/deals");
  await expect(card(manager.page, "Quillon Rae")).toBeVisible();
  await expect(card(manager.page, "Quillon Max")).toBeVisible();
  await expect(card(manager.page, "Quillon House")).toHaveCount(0);
  await manager.page.goto("/deals?view=table");
  await expect(manager.page.getByRole("row", { name: /Quillon (Rae|Max)/ })).toHaveCount(2);
  await expect(manager.page.getByRole("row", { name: /Quillon House/ })).toHaveCount(0);

  // the audit log keeps both changes, newest first, with what they were and became
  await page.goto("/settings/audit-log");
  const changes = page.getByRole("table").getByRole("row").filter({ hasText: "Access policy changed" });
  await expect(changes).toHaveCount(2);
  await expect(changes.nth(0)).toContainText('{"read":"all","write":"all"} → {"read":"team","write":"team"}');
  await expect(changes.nth(1)).toContainText('{"read":"all","write":"all"} → {"read":"own","write":"own"}');
  await rep.context.close();
  await manager.context.close();
});

test("scoped child rows: a rep's list shows only their members and count; logging a call on a deal they may see but not edit is refused", async ({ page, browser }) => {
  test.slow();
  await signUpTenant(page);
  const repEmail = uniqueEmail("rep");
  const rep = await addUser(page, browser, { name: "Rae Rep", email: repEmail, role: "sales_rep", password: E2E_PASSWORD });
  const repId = (await userIds(page)).get(repEmail);
  const mine = await post(page, "deals", { name: "Tamsin Rae", ownedByUserId: repId });
  const house = await post(page, "deals", { name: "Tamsin House" });
  const list = await post(page, "lists", { name: "Q3 push", objectType: "DEAL" });
  await post(page, `lists/${list}/members`, { memberIds: [mine, house] });
  const policy = await page.request.put("/api/v1/access-policy", { data: { sales_rep: { DEAL: { read: "own", write: "own" } } } });
  expect(policy.status(), await policy.text()).toBe(200);

  // the list: the rep's member only, and a count that says so
  await rep.page.goto(`/lists/${list}`);
  await expect(rep.page.getByText("Static list of deals · 1 member")).toBeVisible();
  const members = rep.page.getByRole("region", { name: "Members" });
  await expect(members.getByRole("link", { name: "Tamsin Rae" })).toBeVisible();
  await expect(members.getByRole("link", { name: "Tamsin House" })).toHaveCount(0);
  await page.goto(`/lists/${list}`);
  await expect(page.getByText("Static list of deals · 2 members")).toBeVisible();

  // reps may now read every deal but still edit only their own: a call on the house's deal is refused, on theirs logged
  const wider = await page.request.put("/api/v1/access-policy", { data: { sales_rep: { DEAL: { read: "all", write: "own" } } } });
  expect(wider.status(), await wider.text()).toBe(200);
  await rep.page.goto(`/deals/${house}`);
  const composer = rep.page.getByRole("form", { name: "Log an activity" });
  await composer.getByLabel("Subject").fill("Pricing call");
  await composer.getByRole("button", { name: "Log call" }).click();
  await expect(rep.page.getByText("You may see this record but not change it")).toBeVisible();
  await expect(rep.page.getByRole("list", { name: "Timeline" })).not.toContainText("Pricing call");
  await rep.page.goto(`/deals/${mine}`);
  await composer.getByLabel("Subject").fill("Pricing call");
  await composer.getByRole("button", { name: "Log call" }).click();
  await expect(rep.page.getByRole("list", { name: "Timeline" }).getByRole("listitem").first()).toContainText("Rae Rep logged a call: Pricing call");
  await rep.context.close();
});
