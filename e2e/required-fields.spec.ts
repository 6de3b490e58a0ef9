// Issue 13, item 2: a move into a stage whose required fields the record lacks asks for
// them (by label) in a dialog and moves in one step — on the board, the record page's
// stage picker and the table view.
import AxeBuilder from "@axe-core/playwright";
import type { Locator, Page } from "@playwright/test";
import { expect, test, type Seed } from "./workspace";

const column = (page: Page, stage: string) => page.getByRole("region", { name: stage, exact: true });
const count = (page: Page, stage: string) => column(page, stage).getByTestId("stage-count");

/** Proposal requires Amount, Close date and the custom field "PO number"; Closed Lost requires Amount. */
async function requireFields(seed: Seed): Promise<{ stages: Record<string, string> }> {
  await seed.customField({ objectType: "DEAL", label: "PO number", key: "po", fieldType: "TEXT" });
  await seed.stage("DEAL", "Proposal", { requiredFields: ["amount", "closeDate", "customFields.po"] });
  await seed.stage("DEAL", "Closed Lost", { requiredFields: ["amount"] });
  return { stages: (await seed.pipeline("DEAL")).stages };
}
async function dealOf(page: Page, id: string) {
  return (await (await page.request.get(`/api/v1/deals/${id}`)).json()) as Record<string, unknown>;
}

async function historyOf(page: Page, id: string) {
  return ((await (await page.request.get(`/api/v1/deals/${id}/stage-history`)).json()) as { data: { toStageId: string }[] }).data;
}

/** The dialog a move into Proposal opens: it names the missing fields by label, never by key. */
async function expectProposalDialog(page: Page, title: string): Promise<Locator> {
  const dialog = page.getByRole("dialog", { name: "Required for Proposal" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(`Moving “${title}” to Proposal needs: Amount, Close date, PO number.`);
  await expect(dialog).not.toContainText("closeDate");
  await expect(dialog).not.toContainText("customFields");
  return dialog;
}

async function fillProposal(dialog: Locator, values: { amount: string; closeDate: string; po: string }) {
  await dialog.getByLabel("Amount").fill(values.amount);
  await dialog.getByLabel("Close date").fill(values.closeDate);
  await dialog.getByLabel("PO number").fill(values.po);
}

test.describe("with every deal stage in view", () => {
  test.use({ viewport: { width: 1920, height: 1000 } });

  test("board: a drop into a stage with required fields asks for them by label, then moves in one step", async ({ page, seed }) => {
    const { stages } = await requireFields(seed);
    const id = await seed.record("DEAL", { name: "Acme renewal" });
    await page.goto("/deals");
    const card = column(page, "Prospecting").getByRole("button", { name: /^Move deal Acme renewal, in / });
    await expect(card).toBeVisible();

    const dropOnProposal = async () => {
      const a = (await card.boundingBox())!;
      const b = (await column(page, "Proposal").boundingBox())!;
      await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
      await page.mouse.down();
      await page.mouse.move(a.x + a.width / 2 + 10, a.y + a.height / 2 + 10, { steps: 5 });
      await page.mouse.move(b.x + b.width / 2, b.y + Math.min(b.height / 2, 220), { steps: 20 });
      // while held over it, the column says what the drop will ask for
      await expect(column(page, "Proposal")).toContainText("Asks for Amount, Close date, PO number");
      await page.mouse.up();
    };

    // Cancel: nothing moves, nothing is written.
    await dropOnProposal();
    let dialog = await expectProposalDialog(page, "Acme renewal");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
    await expect(count(page, "Proposal")).toHaveText("0");
    expect(await historyOf(page, id)).toHaveLength(1);

    // The record form's validation: each asked field is required, an amount must be a number.
    await dropOnProposal();
    dialog = await expectProposalDialog(page, "Acme renewal");
    const axe = await new AxeBuilder({ page }).include('[role="dialog"]').analyze();
    expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
    await dialog.getByRole("button", { name: "Move to Proposal" }).click();
    await expect(dialog.getByText("Amount is required")).toBeVisible();
    await fillProposal(dialog, { amount: "lots", closeDate: "2030-03-31", po: "PO-77" });
    await dialog.getByRole("button", { name: "Move to Proposal" }).click();
    await expect(dialog.getByRole("alert")).toHaveText("must be a non-negative decimal with at most 2 decimals");
    expect(await historyOf(page, id)).toHaveLength(1);

    await dialog.getByLabel("Amount").fill("12500");
    await dialog.getByRole("button", { name: "Move to Proposal" }).click();
    await expect(dialog).toBeHidden();
    await expect(column(page, "Proposal").getByRole("link", { name: "Acme renewal" })).toBeVisible();
    await expect(count(page, "Prospecting")).toHaveText("0");

    // One move, with the values: the record shows them.
    expect(await dealOf(page, id)).toMatchObject({ stageId: stages.Proposal, amount: "12500.00", closeDate: "2030-03-31", customFields: { po: "PO-77" } });
    expect((await historyOf(page, id)).map((h) => h.toStageId)).toEqual([stages.Proposal, stages.Prospecting]);
    await page.reload();
    await expect(column(page, "Proposal").getByRole("link", { name: "Acme renewal" })).toBeVisible();
    await column(page, "Proposal").getByRole("link", { name: "Acme renewal" }).click();
    await expect(page.getByRole("list", { name: /^Stages of / }).locator('[aria-current="step"]')).toContainText("Proposal");
    const details = page.getByRole("region", { name: "Details" });
    await expect(details.getByRole("button", { name: "Edit Amount" })).toContainText(/12,?500/);
    await expect(details.getByRole("button", { name: "Edit PO number" })).toContainText("PO-77");
  });
});

test("record page: the stage picker asks for the missing fields by label and moves in one step", async ({ page, seed }) => {
  const { stages } = await requireFields(seed);
  const id = await seed.record("DEAL", { name: "Globex pilot" });
  await page.goto(`/deals/${id}`);
  const picker = page.getByRole("list", { name: /^Stages of / });
  await picker.getByRole("button", { name: "Move to Proposal" }).click();
  const dialog = await expectProposalDialog(page, "Globex pilot");
  await fillProposal(dialog, { amount: "900", closeDate: "2030-03-01", po: "PO-1" });
  await dialog.getByRole("button", { name: "Move to Proposal" }).click();
  await expect(dialog).toBeHidden();
  await expect(picker.locator('[aria-current="step"]')).toContainText("Proposal");
  expect(await dealOf(page, id)).toMatchObject({ stageId: stages.Proposal, amount: "900.00", closeDate: "2030-03-01", customFields: { po: "PO-1" } });
  expect(await historyOf(page, id)).toHaveLength(2);
});

test("table view: moving a deal asks for what the stage requires; a lost deal is asked for the reason and the amount at once", async ({ page, seed }) => {
  const { stages } = await requireFields(seed);
  const first = await seed.record("DEAL", { name: "Initech upgrade" });
  const second = await seed.record("DEAL", { name: "Umbrella trial" });
  await page.goto("/deals?view=table");

  const stageOf = (title: string) => page.getByRole("combobox", { name: `Stage of ${title}` });
  await stageOf("Initech upgrade").selectOption({ label: "Proposal" });
  const dialog = await expectProposalDialog(page, "Initech upgrade");
  await fillProposal(dialog, { amount: "4000", closeDate: "2030-06-30", po: "PO-9" });
  await dialog.getByRole("button", { name: "Move to Proposal" }).click();
  await expect(dialog).toBeHidden();
  await expect(stageOf("Initech upgrade")).toHaveValue(stages.Proposal!);
  expect(await dealOf(page, first)).toMatchObject({ stageId: stages.Proposal, amount: "4000.00", closeDate: "2030-06-30", customFields: { po: "PO-9" } });

  await stageOf("Umbrella trial").selectOption({ label: "Closed Lost" });
  const lost = page.getByRole("dialog", { name: "Required for Closed Lost" });
  await expect(lost).toContainText("needs: Amount, Lost reason.");
  await lost.getByLabel("Amount").fill("250");
  await lost.getByLabel("Lost reason").fill("Went with a competitor");
  await lost.getByRole("button", { name: "Move to Closed Lost" }).click();
  await expect(lost).toBeHidden();
  await expect(stageOf("Umbrella trial")).toHaveValue(stages["Closed Lost"]!);
  expect(await dealOf(page, second)).toMatchObject({ stageId: stages["Closed Lost"], status: "lost", amount: "250.00", lostReason: "Went with a competitor" });
});
