import { expect, test, type Page } from "@playwright/test";
import { signUpTenant } from "./fixtures";

/** A fresh workspace per test: sign up through the real form; lands signed in as its admin. */
async function signUpAdmin(page: Page) {
  await signUpTenant(page, { companyName: "Pipelines E2E", name: "Ada Admin" });
}

const stageGroups = (page: Page) => page.getByRole("list", { name: "Stages in order" }).getByRole("group", { name: /^Stage / });

async function expectStageOrder(page: Page, names: string[]) {
  await expect(stageGroups(page)).toHaveCount(names.length);
  await expect.poll(() => stageGroups(page).evaluateAll((els) => els.map((e) => e.getAttribute("aria-label")))).toEqual(names.map((n) => `Stage ${n}`));
}

test("an admin creates an ENFORCED pipeline with stages, reorders by keyboard, requires a field, and deletes an empty stage", async ({ page }) => {
  await signUpAdmin(page);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: /^Pipelines/ }).click();
  await expect(page.getByRole("heading", { name: "Pipelines", level: 1 })).toBeVisible();
  await page.getByRole("navigation", { name: "Pipeline object types" }).getByRole("link", { name: "Deals" }).click();
  await expect(page).toHaveURL(/\/settings\/pipelines\?type=DEAL$/);
  const salesRow = page.getByRole("row").filter({ has: page.getByRole("link", { name: "Sales Pipeline" }) });
  await expect(salesRow.getByText("Default")).toBeVisible();

  await page.getByRole("button", { name: "New pipeline" }).click();
  const dialog = page.getByRole("dialog", { name: "New deal pipeline" });
  await dialog.getByLabel("Pipeline name").fill("Enterprise");
  await dialog.getByRole("radio", { name: /Enforced/ }).check();
  await dialog.getByLabel("Stages").fill("Discovery\nDemo\nProposal\nWon\nObsolete");
  await dialog.getByRole("button", { name: "Create pipeline" }).click();

  await expect(page).toHaveURL(/\/settings\/pipelines\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: "Enterprise", level: 1 })).toBeVisible();
  await expect(page.getByRole("radio", { name: /Enforced/ })).toBeChecked();
  await expect(page.getByLabel("Key", { exact: true })).toHaveValue("enterprise");
  await expectStageOrder(page, ["Discovery", "Demo", "Proposal", "Won", "Obsolete"]);

  // keyboard reorder: Proposal goes up one, before Demo
  const handle = page.getByRole("button", { name: "Reorder Proposal" });
  // The first arrow key can land before dnd-kit has measured the list; a person is never
  // that fast, so the test repeats the gesture until the move is seen.
  await expect(async () => {
    await handle.focus();
    await page.keyboard.press("Space");
    await expect(handle).toHaveAttribute("aria-pressed", "true");
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("Space");
    await expect(handle).not.toHaveAttribute("aria-pressed", "true");
    await expect.poll(() => stageGroups(page).evaluateAll((els) => els.map((e) => e.getAttribute("aria-label"))), { timeout: 3000 }).toEqual(
      ["Discovery", "Proposal", "Demo", "Won", "Obsolete"].map((n) => `Stage ${n}`),
    );
  }).toPass({ timeout: 30_000 });
  await expect(async () => {
    await page.reload();
    await expectStageOrder(page, ["Discovery", "Proposal", "Demo", "Won", "Obsolete"]);
  }).toPass();

  // Proposal requires an amount and is worth 40%
  const proposal = page.getByRole("group", { name: "Stage Proposal" });
  await proposal.getByRole("button", { name: /^Required fields for Proposal/ }).click();
  await page.getByRole("checkbox", { name: "Amount" }).check();
  await page.keyboard.press("Escape");
  await proposal.getByLabel("Probability (%)").fill("40");
  await page.getByRole("button", { name: "Save stages" }).click();
  await expect(page.getByText("1 stage saved")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("group", { name: "Stage Proposal" }).getByRole("button", { name: "Required fields for Proposal: Amount" })).toBeVisible();
  await expect(page.getByRole("group", { name: "Stage Proposal" }).getByLabel("Probability (%)")).toHaveValue("40");

  // an empty stage can be deleted
  await page.getByRole("button", { name: "Delete stage Obsolete" }).click();
  await page.getByRole("dialog", { name: "Delete the stage Obsolete?" }).getByRole("button", { name: "Delete stage" }).click();
  await expect(page.getByText("Stage Obsolete deleted")).toBeVisible();
  await expectStageOrder(page, ["Discovery", "Proposal", "Demo", "Won"]);

  // a stage that holds a record cannot: the refusal names the count
  const pipelineId = page.url().split("/").pop()!;
  const created = await page.request.post("/api/v1/deals", { data: { name: "Big account", pipelineId } });
  expect(created.status()).toBe(201);
  await page.reload();
  await page.getByRole("button", { name: "Delete stage Discovery" }).click();
  await page.getByRole("dialog", { name: "Delete the stage Discovery?" }).getByRole("button", { name: "Delete stage" }).click();
  await expect(page.getByRole("group", { name: "Stage Discovery" }).getByRole("alert")).toContainText("1 record is still in this stage");
  await expectStageOrder(page, ["Discovery", "Proposal", "Demo", "Won"]);
});
