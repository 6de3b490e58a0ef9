import type { Page } from "@playwright/test";
import { expect, test } from "./workspace";

const palette = (page: Page) => page.getByRole("dialog", { name: "Search and go to" });

test("⌘K palette: a misspelt name finds the contact, Enter opens its page", async ({ page, seed }) => {
  const contactId = await seed.record("CONTACT", { firstName: "Jonathan", lastName: "Smith", email: "jonathan.smith@globex.example", jobTitle: "CTO" });
  await seed.record("COMPANY", { name: "Globex Corporation", domain: "globex.example" });
  await page.goto("/contacts");

  // The header keeps a search field; the shortcut opens the palette from anywhere.
  await expect(page.getByRole("searchbox", { name: "Search contacts, companies, deals, leads and tickets" })).toBeVisible();
  await page.keyboard.press("Control+K");
  const dialog = palette(page);
  await expect(dialog).toBeVisible();
  const input = dialog.getByRole("combobox", { name: "Search contacts, companies, deals, leads and tickets" });
  await expect(input).toBeFocused();

  await input.fill("jonatan smiht");
  const hit = dialog.getByRole("option", { name: /Jonathan Smith/ });
  await expect(hit).toBeVisible();
  await expect(hit).toHaveAttribute("aria-selected", "true");
  await expect(dialog.getByRole("group", { name: "Contacts" })).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/contacts/${contactId}$`));
  await expect(palette(page)).toBeHidden();
});

test("palette: arrows move between grouped results and page commands; typing in the header field starts a search", async ({ page, seed }) => {
  const companyId = await seed.record("COMPANY", { name: "Globex", domain: "globex.example" });
  await seed.record("DEAL", { name: "Globex renewal", amount: "5000" });
  await page.goto("/contacts");

  // Typing into the header field carries the text over into the palette.
  await page.getByRole("searchbox", { name: "Search contacts, companies, deals, leads and tickets" }).fill("glob");
  const dialog = palette(page);
  const input = dialog.getByRole("combobox");
  await expect(input).toHaveValue("glob");
  await input.fill("globex");
  await expect(dialog.getByRole("group", { name: "Companies" }).getByRole("option", { name: /^Globex/ })).toBeVisible();
  await expect(dialog.getByRole("group", { name: "Deals" }).getByRole("option", { name: /Globex renewal/ })).toBeVisible();
  // the exact company name is the best match; ↓ moves to the deal, ↑ back
  await expect(dialog.getByRole("option", { name: /^Globex globex\.example/ })).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("ArrowDown");
  await expect(dialog.getByRole("option", { name: /Globex renewal/ })).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("ArrowUp");
  await expect(dialog.getByRole("option", { name: /^Globex globex\.example/ })).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/companies/${companyId}$`));

  // Page commands: no record matches "settings: tags", so Enter goes to that page.
  await page.keyboard.press("Control+K");
  await palette(page).getByRole("combobox").fill("settings: tags");
  await expect(palette(page).getByRole("option", { name: "Settings: Tags", exact: true })).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/settings\/tags$/);
  await expect(page.getByRole("heading", { level: 1, name: "Tags" })).toBeVisible();

  // Escape closes; the full results page lists every group.
  await page.keyboard.press("Control+K");
  await expect(palette(page)).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(palette(page)).toBeHidden();
  await page.goto("/search?q=globx");
  await expect(page.getByRole("region", { name: /Companies/ }).getByRole("link", { name: /^Globex/ })).toBeVisible();
  await expect(page.getByRole("region", { name: /Deals/ }).getByRole("link", { name: /Globex renewal/ })).toBeVisible();
});

test("settings: admin defines a custom field and a tag; records are checked against the field", async ({ page, seed }) => {
  await page.goto("/settings/fields?type=deal");
  await expect(page.getByRole("navigation", { name: "Record type" }).getByRole("link", { name: "Deals" })).toHaveAttribute("aria-current", "page");
  await page.getByRole("button", { name: "New field" }).click();
  let dialog = page.getByRole("dialog");
  await dialog.getByLabel("Label").fill("Contract tier");
  await expect(dialog.getByText("Key: customFields.contractTier")).toBeVisible();
  await dialog.getByLabel("Type").selectOption("SELECT");
  await dialog.getByLabel("Options, one per line").fill("Gold\nSilver");
  await dialog.getByRole("button", { name: "Add field" }).click();
  await expect(page.getByRole("row", { name: /Contract tier/ })).toContainText("Gold, Silver");

  const bad = await page.request.post("/api/v1/deals", { data: { name: "Acme", customFields: { contractTier: "Platinum" } } });
  expect(bad.status()).toBe(422);
  expect(await bad.json()).toMatchObject({ errors: [{ path: "customFields.contractTier" }] });

  await page.goto("/settings/tags");
  await page.getByRole("button", { name: "New tag" }).click();
  dialog = page.getByRole("dialog");
  await dialog.getByLabel("Tag name").fill("Key account");
  await dialog.getByRole("button", { name: "Create tag" }).click();
  await expect(page.getByRole("row", { name: /Key account/ })).toBeVisible();
  await seed.record("DEAL", { name: "Tagged", tags: ["key account"], customFields: { contractTier: "Gold" } });
  await page.reload();
  await expect(page.getByRole("row", { name: /Key account/ })).toContainText("1");
});
