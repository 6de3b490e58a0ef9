import AxeBuilder from "@axe-core/playwright";
import { test as anonymous, type Browser, type Page } from "@playwright/test";
import { column, count, drag, handle, liveRegion, quickCreate, saved } from "./board-helpers";
import { expect, test, type Seed } from "./workspace";

/** Two deals, Acme renewal ($5,000) and Globex expansion ($12,000), in the stages given. */
async function twoDeals(seed: Seed, acmeIn = "Prospecting", globexIn = "Prospecting") {
  const acme = await seed.record("DEAL", { name: "Acme renewal", amount: "5000" });
  const globex = await seed.record("DEAL", { name: "Globex expansion", amount: "12000" });
  if (acmeIn !== "Prospecting") await seed.move("DEAL", acme, acmeIn);
  if (globexIn !== "Prospecting") await seed.move("DEAL", globex, globexIn);
}

test("the deals board shows the pipeline's stages; quick-create adds deals that the column counts and totals", async ({ page }) => {
  await page.goto("/contacts");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Deals" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Deals" })).toBeVisible();
  await expect(page.getByLabel("Pipeline")).toHaveValue(/.+/);
  for (const stage of ["Prospecting", "Qualification", "Proposal", "Negotiation", "Closed Won", "Closed Lost"]) await expect(column(page, stage)).toBeVisible();

  await quickCreate(page, { kind: "deal", stage: "Prospecting", title: "Acme renewal", amount: "5000" });
  await expect(column(page, "Prospecting").getByRole("link", { name: "Acme renewal" })).toBeVisible();
  await quickCreate(page, { kind: "deal", stage: "Prospecting", title: "Globex expansion", amount: "12000" });
  await expect(column(page, "Prospecting").getByRole("link", { name: "Globex expansion" })).toBeVisible();
  await expect(count(page, "Prospecting")).toHaveText("2");
  await expect(column(page, "Prospecting").getByTestId("stage-total")).toHaveText("$17,000");
  await page.getByRole("form", { name: "New deal in Prospecting" }).getByRole("button", { name: "Cancel" }).click();
  const axe = await new AxeBuilder({ page }).include("#main").analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
});

test("a deal dragged with the mouse lands in the column; counts and weighted money follow, and the move persists", async ({ page, seed }) => {
  await twoDeals(seed);
  await page.goto("/deals");
  await drag(page, handle(page, "deal", "Acme renewal"), column(page, "Qualification"));
  await expect(column(page, "Qualification").getByRole("link", { name: "Acme renewal" })).toBeVisible();
  await expect(count(page, "Prospecting")).toHaveText("1");
  await expect(count(page, "Qualification")).toHaveText("1");
  // Qualification weighs amounts at 25%
  await expect(column(page, "Qualification").getByTestId("stage-total")).toHaveText("$5,000");
  await expect(column(page, "Qualification").getByTestId("stage-weighted")).toHaveText("$1,250");

  await saved(page);
  await page.reload();
  await expect(column(page, "Qualification").getByRole("link", { name: "Acme renewal" })).toBeVisible();
  await expect(count(page, "Prospecting")).toHaveText("1");
  await expect(count(page, "Qualification")).toHaveText("1");
});

test("the keyboard moves a card: Space picks it up, an arrow chooses the column, Space drops it, each step announced", async ({ page, seed }) => {
  await twoDeals(seed, "Qualification");
  await page.goto("/deals");
  await handle(page, "deal", "Globex expansion").focus();
  await page.keyboard.press("Space");
  await expect(liveRegion(page)).toContainText("Picked up deal Globex expansion from Prospecting");
  await page.keyboard.press("ArrowRight");
  await expect(liveRegion(page)).toContainText("is over Qualification");
  await page.keyboard.press("Space");
  await expect(liveRegion(page)).toContainText("Deal Globex expansion moved to Qualification");
  await expect(count(page, "Qualification")).toHaveText("2");
  await expect(count(page, "Prospecting")).toHaveText("0");
  await saved(page);
  await page.reload();
  await expect(column(page, "Qualification").getByRole("link", { name: "Globex expansion" })).toBeVisible();
});

test("the board's search lives in the URL and narrows the cards and counts; Clear filters shows them all", async ({ page, seed }) => {
  await twoDeals(seed, "Qualification", "Qualification");
  await page.goto("/deals");
  await expect(count(page, "Qualification")).toHaveText("2");
  await page.getByLabel("Search deals").fill("acme");
  await page.getByLabel("Search deals").press("Enter");
  await expect(page).toHaveURL(/q=acme/);
  await expect(count(page, "Qualification")).toHaveText("1");
  await expect(column(page, "Qualification").getByRole("link", { name: "Globex expansion" })).toBeHidden();
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(count(page, "Qualification")).toHaveText("2");
});

test("the table view lists the deals the board shows, with their stages", async ({ page, seed }) => {
  await twoDeals(seed, "Qualification", "Qualification");
  await page.goto("/deals");
  await page.getByRole("navigation", { name: "View" }).getByRole("link", { name: "Table" }).click();
  await expect(page).toHaveURL(/view=table/);
  await expect(page.getByRole("row", { name: /Acme renewal.*Qualification/ })).toBeVisible();
  await expect(page.getByRole("row", { name: /Globex expansion.*Qualification/ })).toBeVisible();
});

test.describe("a deal dropped into Closed Lost", () => {
  test.beforeEach(async ({ page, seed }) => {
    await seed.record("DEAL", { name: "Initech pilot" });
    await page.goto("/deals");
    await expect(column(page, "Prospecting").getByRole("link", { name: "Initech pilot" })).toBeVisible();
    await handle(page, "deal", "Initech pilot").focus();
    await page.keyboard.press("Space");
    await expect(liveRegion(page)).toContainText("Picked up deal Initech pilot");
    for (const stage of ["Qualification", "Proposal", "Negotiation", "Closed Won", "Closed Lost"]) {
      await page.keyboard.press("ArrowRight");
      await expect(liveRegion(page)).toContainText(`is over ${stage}`);
    }
    await page.keyboard.press("Space");
  });
  const lostDialog = (page: Page) => page.getByRole("dialog", { name: "Why was this deal lost?" });

  test("asks why it was lost; Cancel leaves it where it was", async ({ page }) => {
    await expect(lostDialog(page)).toBeVisible();
    await lostDialog(page).getByRole("button", { name: "Cancel" }).click();
    await expect(lostDialog(page)).toBeHidden();
    await expect(count(page, "Closed Lost")).toHaveText("0");
  });

  test("needs a lost reason; with one it moves there, and stays after a reload", async ({ page }) => {
    const dialog = lostDialog(page);
    await dialog.getByRole("button", { name: "Move to Closed Lost" }).click();
    await expect(dialog.getByRole("alert")).toHaveText("A lost reason is required");
    await dialog.getByLabel("Lost reason").fill("Went with a competitor");
    await dialog.getByRole("button", { name: "Move to Closed Lost" }).click();
    await expect(count(page, "Closed Lost")).toHaveText("1");
    await saved(page);
    await page.reload();
    await expect(column(page, "Closed Lost").getByRole("link", { name: "Initech pilot" })).toBeVisible();
  });
});

test.describe("an ENFORCED support pipeline, with every ticket stage in view (no auto-scroll while dragging)", () => {
  test.use({ viewport: { width: 1920, height: 1000 } });

  test("a new ticket may only start in the first stage", async ({ page }) => {
    await page.goto("/tickets");
    await expect(page.getByRole("heading", { level: 1, name: "Tickets" })).toBeVisible();
    await quickCreate(page, { kind: "ticket", stage: "In Progress", title: "Skipping the queue" });
    await expect(column(page, "In Progress").getByRole("alert")).toContainText("Enforced");
    await expect(count(page, "In Progress")).toHaveText("0");

    await quickCreate(page, { kind: "ticket", stage: "New", title: "Printer on fire" });
    await expect(column(page, "New").getByRole("link", { name: "Printer on fire" })).toBeVisible();
  });

  test("a skip is dimmed while dragging, refused with a toast that says what is allowed, and the card goes back", async ({ page, seed }) => {
    await seed.record("TICKET", { subject: "Printer on fire" });
    await page.goto("/tickets");
    await drag(page, handle(page, "ticket", "Printer on fire"), column(page, "Resolved"), false);
    // while dragging, the stages it may not enter are dimmed and say why
    await expect(column(page, "Resolved")).toHaveAttribute("data-droppable", "no");
    await expect(column(page, "Resolved")).toContainText("Cannot move here: Not reachable from New");
    await expect(column(page, "In Progress")).toHaveAttribute("data-droppable", "yes");
    await expect(column(page, "Closed Unresolved")).toHaveAttribute("data-droppable", "yes");
    await page.mouse.up();

    const toast = page.locator("[data-sonner-toast]").filter({ hasText: "Cannot move into Resolved" });
    await expect(toast).toBeVisible();
    await expect(toast).toContainText("Allowed from New: In Progress, Closed Unresolved");
    await expect(count(page, "New")).toHaveText("1");
    await expect(count(page, "Resolved")).toHaveText("0");
    await expect(column(page, "New").getByRole("link", { name: "Printer on fire" })).toBeVisible();
  });

  test("one stage at a time moves, and the move persists", async ({ page, seed }) => {
    await seed.record("TICKET", { subject: "Printer on fire" });
    await page.goto("/tickets");
    await drag(page, handle(page, "ticket", "Printer on fire"), column(page, "In Progress"));
    await expect(count(page, "In Progress")).toHaveText("1");
    await saved(page);
    await page.reload();
    await expect(column(page, "In Progress").getByRole("link", { name: "Printer on fire" })).toBeVisible();
  });
});

test.describe("live", () => {
  test.beforeEach(async ({ seed }) => {
    await seed.record("DEAL", { name: "Hooli merger", amount: "900" });
  });

  /** A second browser of the same user on the deals board, its live stream on. */
  async function watcher(page: Page, browser: Browser, baseURL: string | undefined) {
    const other = await browser.newContext({ storageState: await page.context().storageState(), baseURL });
    const watching = await other.newPage();
    await watching.goto("/deals");
    await expect(column(watching, "Prospecting").getByRole("link", { name: "Hooli merger" })).toBeVisible();
    await expect(watching.getByTestId("live-status")).toHaveAttribute("data-live", "on");
    return { other, watching };
  }

  test("a move in one browser appears in another without a reload", async ({ page, browser, baseURL }) => {
    await page.goto("/deals");
    await expect(column(page, "Prospecting").getByRole("link", { name: "Hooli merger" })).toBeVisible();
    const { other, watching } = await watcher(page, browser, baseURL);
    await expect(page.getByTestId("live-status")).toHaveAttribute("data-live", "on");

    await drag(page, handle(page, "deal", "Hooli merger"), column(page, "Qualification"));
    await expect(count(page, "Qualification")).toHaveText("1");

    await expect(column(watching, "Qualification").getByRole("link", { name: "Hooli merger" })).toBeVisible({ timeout: 5_000 });
    await expect(count(watching, "Prospecting")).toHaveText("0");
    await other.close();
  });

  test("a deal created in one browser shows up in another without a reload", async ({ page, browser, baseURL }) => {
    await page.goto("/deals");
    await expect(page.getByTestId("live-status")).toHaveAttribute("data-live", "on");
    const { other, watching } = await watcher(page, browser, baseURL);
    await quickCreate(watching, { kind: "deal", stage: "Prospecting", title: "Pied Piper seed" });
    await expect(column(page, "Prospecting").getByRole("link", { name: "Pied Piper seed" })).toBeVisible({ timeout: 5_000 });
    await other.close();
  });
});

anonymous("the live stream and the board data need a session", async ({ request }) => {
  expect((await request.get("/api/board-stream?entityType=DEAL")).status()).toBe(401);
  expect((await request.get("/deals/board-data?pipeline=00000000-0000-4000-8000-000000000000")).status()).toBe(401);
});
