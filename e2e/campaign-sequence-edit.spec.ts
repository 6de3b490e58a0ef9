// Editing campaigns and sequences in the browser, with the same services as the API's PATCH
// and PUT: a draft campaign's name, subjects, A/B split and body; a sent one is read-only
// with a note why; a sequence's name and steps (add, reorder, remove, delays), then pause and
// resume. Each change is seen again after a reload.
import { sharedMailbox } from "./mailbox-fixture";
import { expect, test } from "./workspace";

test("a manager edits a draft campaign and sees the change after a reload; a sent one cannot be edited", async ({ page, seed, openAs }) => {
  const run = Math.random().toString(36).slice(2, 8);
  const listId = await seed.list({ name: `Edit readers ${run}`, objectType: "CONTACT", processingType: "STATIC" });
  const mailboxId = await sharedMailbox(page, `edit-${run}@camp.example`);
  const created = await page.request.post("/api/v1/campaigns", { data: { name: `Draft ${run}`, mailboxId, listId, subject: "First subject", body: "First body" } });
  const campaignId = ((await created.json()) as { id: string }).id;
  // an empty list: sending it is done at once, and it is read-only from then on
  const sent = await page.request.post("/api/v1/campaigns", { data: { name: `Sent ${run}`, mailboxId, listId, subject: "Old", body: "Old" } });
  const sentId = ((await sent.json()) as { id: string }).id;
  expect((await page.request.post(`/api/v1/campaigns/${sentId}/send`, { data: {} })).ok()).toBe(true);

  const { page: p } = await openAs("manager");
  await p.goto(`/campaigns/${campaignId}`);
  await p.getByRole("button", { name: "Edit" }).click();
  const dialog = p.getByRole("dialog", { name: `Edit Draft ${run}` });
  await expect(dialog.getByLabel("Subject", { exact: true })).toHaveValue("First subject");
  await dialog.getByLabel("Campaign name").fill(`Renamed ${run}`);
  await dialog.getByLabel("Subject", { exact: true }).fill("Second subject");
  await dialog.getByLabel("Message").fill("Second body");
  await dialog.getByLabel("A/B test a second subject").check();
  await dialog.getByLabel("Subject B").fill("Other subject");
  await dialog.getByLabel("Share that gets B (%)").fill("25");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog).toBeHidden();

  await p.reload();
  await expect(p.getByRole("heading", { level: 1, name: `Renamed ${run}` })).toBeVisible();
  const facts = p.getByRole("region", { name: "Campaign" });
  await expect(facts).toContainText("Second subject");
  await expect(facts).toContainText("Other subject (25% of recipients)");
  await p.getByRole("button", { name: "Edit" }).click();
  await expect(p.getByRole("dialog", { name: `Edit Renamed ${run}` }).getByLabel("Message")).toHaveValue("Second body");
  await p.keyboard.press("Escape");

  await p.goto(`/campaigns/${sentId}`);
  await expect(p.getByText(/can no longer be edited/)).toBeVisible();
  await expect(p.getByRole("button", { name: "Edit" })).toHaveCount(0);
});

test("a manager edits a sequence's steps (add, reorder, remove, delay) and pauses and resumes it; all seen after a reload", async ({ page, openAs }) => {
  const run = Math.random().toString(36).slice(2, 8);
  const mailboxId = await sharedMailbox(page, `seq-${run}@camp.example`);
  const res = await page.request.post("/api/v1/sequences", {
    data: { name: `Follow-up ${run}`, mailboxId, steps: [{ kind: "EMAIL", subject: "Hello", body: "Hi there" }, { kind: "TASK", delayDays: 1, subject: "Call them" }] },
  });
  expect(res.status()).toBe(201);
  const sequenceId = ((await res.json()) as { id: string }).id;

  const { page: p } = await openAs("manager");
  await p.goto(`/sequences/${sequenceId}`);
  await p.getByRole("button", { name: "Edit" }).click();
  const dialog = p.getByRole("dialog", { name: `Edit Follow-up ${run}` });
  await expect(dialog).toContainText("someone already past a step is not sent it again");
  await dialog.getByLabel("Sequence name").fill(`Nurture ${run}`);
  // a new email step at the end, moved up to second place with the keyboard, then the task to the top with its button
  await dialog.getByRole("button", { name: "Add email step" }).click();
  await dialog.getByLabel("Step 3 subject").fill("Checking in");
  await dialog.getByLabel("Step 3 message").fill("Any news?");
  await dialog.getByLabel("Step 3 wait days").fill("4");
  await dialog.getByLabel("Step 3 subject").press("Alt+ArrowUp");
  await expect(dialog.getByLabel("Step 2 subject")).toHaveValue("Checking in");
  await dialog.getByRole("button", { name: "Move step 3 up" }).click();
  await dialog.getByRole("button", { name: "Move step 2 up" }).click();
  await expect(dialog.getByLabel("Step 1 task")).toHaveValue("Call them");
  // the first email (now second) goes
  await expect(dialog.getByLabel("Step 2 subject")).toHaveValue("Hello");
  await dialog.getByRole("button", { name: "Remove step 2" }).click();
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog).toBeHidden();

  await p.reload();
  await expect(p.getByRole("heading", { level: 1, name: `Nurture ${run}` })).toBeVisible();
  const steps = p.getByRole("region", { name: "Steps" }).getByRole("row");
  await expect(steps.nth(1)).toContainText("1. Task: Call them");
  await expect(steps.nth(2)).toContainText("2. Email: Checking in");
  await expect(steps.nth(2)).toContainText("after 4 days");
  await expect(steps).toHaveCount(3);

  await p.getByRole("button", { name: "Pause" }).click();
  await expect(p.getByRole("status").filter({ hasText: "This sequence is paused" })).toBeVisible();
  await p.reload();
  await expect(p.getByText("This sequence is paused")).toBeVisible();
  await p.getByRole("button", { name: "Resume" }).click();
  await expect(p.getByRole("button", { name: "Pause" })).toBeVisible();
  await p.reload();
  await expect(p.getByText("This sequence is paused")).toHaveCount(0);
});
