import type { Page } from "@playwright/test";
import { expect, test, type Seed } from "./workspace";

const stageGroups = (page: Page) => page.getByRole("list", { name: "Stages in order" }).getByRole("group", { name: /^Stage / });

async function expectStageOrder(page: Page, names: string[]) {
  await expect(stageGroups(page)).toHaveCount(names.length);
  await expect.poll(() => stageGroups(page).evaluateAll((els) => els.map((e) => e.getAttribute("aria-label")))).toEqual(names.map((n) => `Stage ${n}`));
}

/** The ENFORCED "Enterprise" deal pipeline, made by the services; the page is left on its settings. */
async function enterprise(page: Page, seed: Seed): Promise<string> {
  const id = await seed.newPipeline({
    name: "Enterprise",
    objectType: "DEAL",
    movementMode: "ENFORCED",
    stages: ["Discovery", "Demo", "Proposal", "Won", "Obsolete"].map((name) => ({ name })),
  });
  await page.goto(`/settings/pipelines/${id}`);
  await expectStageOrder(page, ["Discovery", "Demo", "Proposal", "Won", "Obsolete"]);
  return id;
}

test("Settings → Pipelines lists each record type's pipelines, the default marked", async ({ page }) => {
  await page.goto("/contacts");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: /^Pipelines/ }).click();
  await expect(page.getByRole("heading", { name: "Pipelines", level: 1 })).toBeVisible();
  await page.getByRole("navigation", { name: "Pipeline object types" }).getByRole("link", { name: "Deals" }).click();
  await expect(page).toHaveURL(/\/settings\/pipelines\?type=DEAL$/);
  const salesRow = page.getByRole("row").filter({ has: page.getByRole("link", { name: "Sales Pipeline" }) });
  await expect(salesRow.getByText("Default")).toBeVisible();
});

test("an admin creates an ENFORCED pipeline with its stages in one dialog", async ({ page }) => {
  await page.goto("/settings/pipelines?type=DEAL");
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
});

test("stages reorder by keyboard, and the new order is kept", async ({ page, seed }) => {
  await enterprise(page, seed);
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
});

test("a stage's required fields and probability are saved with Save stages", async ({ page, seed }) => {
  await enterprise(page, seed);
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
});

test("an empty stage is deleted after a confirmation", async ({ page, seed }) => {
  await enterprise(page, seed);
  await page.getByRole("button", { name: "Delete stage Obsolete" }).click();
  await page.getByRole("dialog", { name: "Delete the stage Obsolete?" }).getByRole("button", { name: "Delete stage" }).click();
  await expect(page.getByText("Stage Obsolete deleted")).toBeVisible();
  await expectStageOrder(page, ["Discovery", "Demo", "Proposal", "Won"]);
});

test("a stage that holds a record is not deleted: the refusal names the count", async ({ page, seed }) => {
  const pipelineId = await enterprise(page, seed);
  await seed.record("DEAL", { name: "Big account", pipelineId });
  await page.reload();
  await page.getByRole("button", { name: "Delete stage Discovery" }).click();
  await page.getByRole("dialog", { name: "Delete the stage Discovery?" }).getByRole("button", { name: "Delete stage" }).click();
  await expect(page.getByRole("group", { name: "Stage Discovery" }).getByRole("alert")).toContainText("1 record is still in this stage");
  await expectStageOrder(page, ["Discovery", "Demo", "Proposal", "Won", "Obsolete"]);
});
