// Settings → Email → Suppression list in a real browser: an admin adds an address by hand,
// finds it by searching, a campaign to it leaves it out (recipient "Suppressed"), and the
// admin removes it after confirming.
import { sharedMailbox } from "./mailbox-fixture";
import { expect, test } from "./workspace";

test("an admin suppresses an address, a campaign skips it, and the admin removes it after confirming", async ({ page, seed }) => {
  const run = Math.random().toString(36).slice(2, 8);
  const address = `angry-${run}@complaints.example`;
  const contactId = await seed.record("CONTACT", { firstName: "Angry", lastName: "Reader", email: address });
  const listId = await seed.list({ name: `Complainers ${run}`, objectType: "CONTACT", processingType: "STATIC" });
  await seed.addToList(listId, [contactId]);
  const mailboxId = await sharedMailbox(page, `news-${run}@camp.example`);

  await page.goto("/settings/email");
  await page.getByRole("link", { name: "Open the suppression list" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Suppression list" })).toBeVisible();
  await expect(page.getByText(/No suppressed addresses yet\. Addresses land here when someone unsubscribes/)).toBeVisible();

  await page.getByRole("button", { name: "Add address" }).click();
  const dialog = page.getByRole("dialog", { name: "Suppress an address" });
  await dialog.getByLabel("Email address").fill(address.toUpperCase());
  await dialog.getByLabel("Reason").selectOption({ label: "Complained" });
  await dialog.getByLabel("Note (optional)").fill("Phoned to complain");
  await dialog.getByRole("button", { name: "Suppress" }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByRole("row", { name: new RegExp(address) });
  await expect(row).toContainText("Complained");
  await expect(row).toContainText("Phoned to complain");

  // found by part of it, in any case; a search for something else finds nothing
  await page.getByRole("searchbox", { name: "Search by address" }).fill("ANGRY-");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("row", { name: new RegExp(address) })).toBeVisible();
  await page.getByRole("searchbox", { name: "Search by address" }).fill("nobody-here");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText("No suppressed address contains that.")).toBeVisible();

  // a campaign to the list leaves the address out
  const created = await page.request.post("/api/v1/campaigns", { data: { name: `Spring ${run}`, mailboxId, listId, subject: "Hello", body: "Spring is here" } });
  expect(created.status()).toBe(201);
  const campaignId = ((await created.json()) as { id: string }).id;
  expect((await page.request.post(`/api/v1/campaigns/${campaignId}/send`, { data: {} })).ok()).toBe(true);
  await page.goto(`/campaigns/${campaignId}`);
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("row", { name: new RegExp(address) })).toContainText("Suppressed", { timeout: 1000 });
  }).toPass({ timeout: 30_000 });

  // removed only after confirming
  await page.goto("/settings/email/suppression");
  await page.getByRole("button", { name: `Remove ${address} from the suppression list` }).click();
  const confirm = page.getByRole("dialog", { name: `Remove ${address}?` });
  await expect(confirm).toContainText("Campaigns and sequences may email this address again");
  await confirm.getByRole("button", { name: "Remove from list" }).click();
  await expect(page.getByText(/No suppressed addresses yet/)).toBeVisible();
});
