// The board's e2e vocabulary: its columns, cards' handles, quick-create, a mouse drag as
// dnd-kit needs it, the keyboard announcer, and "the server has answered".
import { expect, type Locator, type Page } from "@playwright/test";

export const column = (page: Page, stage: string) => page.getByRole("region", { name: stage, exact: true });
export const count = (page: Page, stage: string) => column(page, stage).getByTestId("stage-count");
export const handle = (page: Page, kind: string, title: string) => page.getByRole("button", { name: new RegExp(`^Move ${kind} ${title}, in `) });
/** The board's keyboard moves are announced here. */
export const liveRegion = (page: Page) => page.getByTestId("board-announcer");
/** Moves show at once (optimistic); this waits until the server has answered. */
export const saved = (page: Page) => expect(page.getByTestId("board")).not.toHaveAttribute("aria-busy", "true");

export async function quickCreate(page: Page, opts: { kind: "deal" | "ticket"; stage: string; title: string; amount?: string }) {
  const col = column(page, opts.stage);
  const form = col.getByRole("form", { name: `New ${opts.kind} in ${opts.stage}` });
  if (!(await form.isVisible())) await col.getByRole("button", { name: `Add ${opts.kind} to ${opts.stage}` }).click();
  await form.getByLabel(opts.kind === "deal" ? "Deal name" : "Subject").fill(opts.title);
  if (opts.amount) await form.getByLabel("Amount").fill(opts.amount);
  await form.getByRole("button", { name: `Add ${opts.kind}` }).click();
}

/** A mouse drag as dnd-kit needs it: press, a small move past the 5 px activation distance, then glide. */
export async function drag(page: Page, from: Locator, to: Locator, release = true) {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 10, a.y + a.height / 2 + 10, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + Math.min(b.height / 2, 220), { steps: 20 });
  if (release) await page.mouse.up();
}
