// Drops land where they are aimed, say where they went and can be undone; the keyboard
// reaches every column. At laptop size, where the board is wider than the screen.
import type { Page } from "@playwright/test";
import { column, count, handle, liveRegion, saved } from "./board-helpers";
import { expect, test } from "./workspace";

test.use({ viewport: { width: 1280, height: 720 } });

const toasts = (page: Page) => page.locator("[data-sonner-toast]");
const boardScroll = (page: Page) => page.getByTestId("board").evaluate((el) => el.scrollLeft);

/** Whether the board scrolled sideways during `ms` of animation frames (the time a user holds a card still). */
const scrollsWithin = (page: Page, ms: number) =>
  page.getByTestId("board").evaluate(
    (el, ms) =>
      new Promise<boolean>((resolve) => {
        const start = performance.now();
        const from = el.scrollLeft;
        const frame = () => (el.scrollLeft !== from ? resolve(true) : performance.now() - start > ms ? resolve(false) : requestAnimationFrame(frame));
        requestAnimationFrame(frame);
      }),
    ms,
  );

/** The right-most column that shows more than `min` px inside the board (not Closed Lost, which asks for a reason). */
async function columnNearRightEdge(page: Page, min = 120) {
  const board = (await page.getByTestId("board").boundingBox())!;
  const names = await page.getByTestId("board").getByRole("heading", { level: 2 }).allTextContents();
  let best: { name: string; x: number; y: number } | null = null;
  for (const name of names) {
    if (name === "Closed Lost") continue;
    const box = (await column(page, name).boundingBox())!;
    const visibleRight = Math.min(box.x + box.width, board.x + board.width);
    if (visibleRight - box.x < min) continue;
    // 60 px from the board's edge when the column is cut by it: near the edge, outside the 40 px scroll band
    best = { name, x: visibleRight - 60, y: box.y + Math.min(box.height / 2, 200) };
  }
  return best!;
}

test("a card held still over a column near the board's right edge for 2 s lands in that column; Undo puts it back", async ({ page, seed }) => {
  await seed.record("DEAL", { name: "Held deal" });
  await page.goto("/deals");
  await expect(column(page, "Prospecting").getByRole("link", { name: "Held deal" })).toBeVisible();
  // the board is wider than the screen here: some stages are off to the right
  expect(await page.getByTestId("board").evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);

  const target = await columnNearRightEdge(page);
  expect(target.name).not.toBe("Prospecting");
  const grip = (await handle(page, "deal", "Held deal").boundingBox())!;
  await page.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2);
  await page.mouse.down();
  await page.mouse.move(grip.x + 20, grip.y + 20, { steps: 5 });
  await page.mouse.move(target.x, target.y, { steps: 25 });
  await expect(column(page, target.name)).toHaveClass(/ring-brand-500/);
  const before = await boardScroll(page);
  expect(await scrollsWithin(page, 2000)).toBe(false);
  expect(await boardScroll(page)).toBe(before);
  await page.mouse.up();

  await expect(column(page, target.name).getByRole("link", { name: "Held deal" })).toBeVisible();
  await expect(count(page, "Prospecting")).toHaveText("0");
  const moved = toasts(page).filter({ hasText: `Moved to ${target.name}` });
  await expect(moved).toBeVisible();
  await saved(page);

  await moved.getByRole("button", { name: "Undo" }).click();
  await expect(toasts(page).filter({ hasText: "Moved back to Prospecting" })).toBeVisible();
  await expect(column(page, "Prospecting").getByRole("link", { name: "Held deal" })).toBeVisible();
  await saved(page);
  await page.reload();
  await expect(column(page, "Prospecting").getByRole("link", { name: "Held deal" })).toBeVisible();
  await expect(count(page, target.name)).toHaveText("0");
});

test("holding a card in the strip at the board's right edge scrolls the board to the stages beyond", async ({ page, seed }) => {
  await seed.record("DEAL", { name: "Far deal" });
  await page.goto("/deals");
  await expect(column(page, "Prospecting").getByRole("link", { name: "Far deal" })).toBeVisible();
  await expect(column(page, "Closed Won")).not.toBeInViewport({ ratio: 1 });

  const board = (await page.getByTestId("board").boundingBox())!;
  const grip = (await handle(page, "deal", "Far deal").boundingBox())!;
  await page.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2);
  await page.mouse.down();
  await page.mouse.move(grip.x + 20, grip.y + 20, { steps: 5 });
  await page.mouse.move(board.x + board.width - 15, board.y + 200, { steps: 25 });
  await expect(page.getByTestId("board-scroll-right")).toBeVisible();
  await expect.poll(() => boardScroll(page)).toBeGreaterThan(0);
  await expect(column(page, "Closed Won")).toBeInViewport({ ratio: 0.75 });
  // out of the band the board stops; then over Closed Won, the card lands there
  await page.mouse.move(board.x + board.width / 2, board.y + 200, { steps: 5 });
  const still = await boardScroll(page);
  expect(await scrollsWithin(page, 300)).toBe(false);
  expect(await boardScroll(page)).toBe(still);
  const won = (await column(page, "Closed Won").boundingBox())!;
  await page.mouse.move(won.x + won.width / 2, won.y + 200, { steps: 10 });
  await page.mouse.up();
  await expect(column(page, "Closed Won").getByRole("link", { name: "Far deal" })).toBeVisible();
  await expect(toasts(page).filter({ hasText: "Moved to Closed Won" })).toBeVisible();
  await saved(page);
});

test("the keyboard reaches every column: one stage per arrow, scrolled into view, Home and End, each announced", async ({ page, seed }) => {
  await seed.record("DEAL", { name: "Keyed deal" });
  await page.goto("/deals");
  await expect(column(page, "Prospecting").getByRole("link", { name: "Keyed deal" })).toBeVisible();

  await handle(page, "deal", "Keyed deal").focus();
  await page.keyboard.press("Space");
  await expect(liveRegion(page)).toHaveText("Picked up deal Keyed deal from Prospecting.");
  for (const stage of ["Qualification", "Proposal", "Negotiation", "Closed Won"]) {
    await page.keyboard.press("ArrowRight");
    await expect(liveRegion(page)).toHaveText(`Deal Keyed deal is over ${stage}. It can be dropped here.`);
    await expect(column(page, stage)).toBeInViewport({ ratio: 0.75 });
  }
  await page.keyboard.press("ArrowRight");
  await expect(liveRegion(page)).toHaveText("Deal Keyed deal is over Closed Lost. Dropping it here asks for a lost reason.");
  await expect(column(page, "Closed Lost")).toBeInViewport({ ratio: 0.75 });
  await page.keyboard.press("Home");
  await expect(liveRegion(page)).toContainText("is over Prospecting, its own stage");
  await expect(column(page, "Prospecting")).toBeInViewport({ ratio: 0.75 });
  await page.keyboard.press("End");
  await expect(liveRegion(page)).toContainText("is over Closed Lost");
  await page.keyboard.press("ArrowLeft");
  await expect(liveRegion(page)).toHaveText("Deal Keyed deal is over Closed Won. It can be dropped here.");
  await page.keyboard.press("Space");

  await expect(liveRegion(page)).toHaveText("Deal Keyed deal moved to Closed Won.");
  await expect(column(page, "Closed Won").getByRole("link", { name: "Keyed deal" })).toBeVisible();
  await expect(toasts(page).filter({ hasText: "Moved to Closed Won" })).toBeVisible();
  // focus follows the card to its new column
  await expect(handle(page, "deal", "Keyed deal")).toBeFocused();
  await saved(page);

  // Escape puts it down where it was
  await page.keyboard.press("Space");
  await page.keyboard.press("Home");
  await page.keyboard.press("Escape");
  await expect(liveRegion(page)).toHaveText("Move cancelled. Deal Keyed deal stays where it was.");
  await expect(count(page, "Closed Won")).toHaveText("1");
});

test.describe("an ENFORCED pipeline", () => {
  test.use({ viewport: { width: 1920, height: 1000 } });

  test("an Undo the movement rules refuse says why, and nothing moves", async ({ page, seed }) => {
    await seed.record("TICKET", { subject: "Printer jam" });
    await page.goto("/tickets");
    await expect(column(page, "New").getByRole("link", { name: "Printer jam" })).toBeVisible();

    const key = async (...keys: string[]) => {
      await handle(page, "ticket", "Printer jam").focus();
      for (const k of keys) await page.keyboard.press(k);
    };
    await key("Space", "ArrowRight", "Space");
    const first = toasts(page).filter({ hasText: "Moved to In Progress" });
    await expect(first).toBeVisible();
    await saved(page);
    await key("Space", "End", "Space");
    await expect(toasts(page).filter({ hasText: "Moved to Closed Unresolved" })).toBeVisible();
    await saved(page);

    // the first move's Undo: from Closed Unresolved a ticket may only go back to In Progress
    await toasts(page).and(page.locator('[data-front="true"]')).hover(); // sonner spreads its stack on hover
    await first.getByRole("button", { name: "Undo" }).click();
    await expect(toasts(page).filter({ hasText: "Cannot undo: Closed Unresolved cannot go back to New" })).toBeVisible();
    await expect(count(page, "Closed Unresolved")).toHaveText("1");
    await expect(count(page, "New")).toHaveText("0");
  });
});
