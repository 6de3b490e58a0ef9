import type { Page } from "@playwright/test";
import { expect, test, type Seed } from "./workspace";

const RECORD_URL = /\/contacts\/[0-9a-f-]{36}$/;

/** Settings → Fields: a contact field, as an admin defines it. */
async function defineContactField(page: Page, label: string, type: string, opts: { options?: string; required?: boolean } = {}) {
  await page.goto("/settings/fields?type=contact");
  await page.getByRole("button", { name: "New field" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Label").fill(label);
  await dialog.getByLabel("Type").selectOption(type);
  if (opts.options) await dialog.getByLabel("Options, one per line").fill(opts.options);
  if (opts.required) await dialog.getByLabel(/^Required/).check();
  await dialog.getByRole("button", { name: "Add field" }).click();
  await expect(page.getByRole("row", { name: new RegExp(label) })).toBeVisible();
}

test("Settings → Fields: an admin adds a required choice field and a URL field to contacts", async ({ page }) => {
  await defineContactField(page, "Region", "SELECT", { options: "EMEA\nAPAC", required: true });
  await defineContactField(page, "Profile page", "URL");
  await expect(page.getByRole("row", { name: /Region/ })).toContainText("EMEA, APAC");
});

test.describe("contacts with a required Region and a Profile page field", () => {
  test.beforeEach(async ({ seed }) => {
    await seed.customField({ objectType: "CONTACT", label: "Region", fieldType: "SELECT", options: ["EMEA", "APAC"], isRequired: true });
    await seed.customField({ objectType: "CONTACT", label: "Profile page", fieldType: "URL" });
  });
  /** Jane Doe, tagged VIP, in EMEA, with a profile page. */
  const jane = (seed: Seed) => seed.record("CONTACT", { firstName: "Jane", lastName: "Doe", tags: ["VIP"], customFields: { region: "EMEA", profilePage: "https://example.com/jane" } });

  test("the create form checks the required field before anything is sent", async ({ page }) => {
    await page.goto("/contacts/new");
    const form = page.getByRole("form", { name: "New contact" });
    await form.getByLabel("First name").fill("Jane");
    await form.getByLabel("Last name").fill("Doe");
    await form.getByRole("button", { name: "Create contact" }).click();
    await expect(form.getByLabel("Region")).toHaveAttribute("aria-invalid", "true");
    await expect(form.getByRole("alert").filter({ hasText: "is required" })).toBeVisible();
    await expect(page).toHaveURL(/\/contacts\/new$/);
    await form.getByLabel("Region").selectOption("EMEA");
    await expect(form.getByLabel("Region")).not.toHaveAttribute("aria-invalid", "true");
  });

  test("a contact created with a new tag and its custom fields shows them in its details", async ({ page }) => {
    await page.goto("/contacts/new");
    const form = page.getByRole("form", { name: "New contact" });
    await form.getByLabel("First name").fill("Jane");
    await form.getByLabel("Last name").fill("Doe");
    await form.getByLabel("Region").selectOption("EMEA");
    await form.getByLabel("Profile page").fill("https://example.com/jane");
    // A new tag, typed into the picker.
    await form.getByRole("button", { name: "Add tags" }).click();
    await page.getByRole("combobox", { name: "Tags: choose or create" }).fill("VIP");
    await page.getByRole("option", { name: "Create “VIP”" }).click();
    await page.keyboard.press("Escape");
    await expect(form.getByRole("group", { name: "Tags" })).toContainText("VIP");
    await form.getByRole("button", { name: "Create contact" }).click();
    await expect(page).toHaveURL(RECORD_URL);

    const details = page.getByRole("region", { name: "Details" });
    await expect(details.getByRole("button", { name: "Edit Tags" })).toContainText("VIP");
    await expect(details.getByRole("button", { name: "Edit Region" })).toContainText("EMEA");
    await expect(details.getByRole("button", { name: "Edit Profile page" })).toContainText("https://example.com/jane");
  });

  test("the contacts table shows the tag, and the custom field from the column chooser; the filter offers both", async ({ page, seed }) => {
    await jane(seed);
    await page.goto("/contacts");
    await page.getByRole("button", { name: "Choose columns" }).click();
    await page.getByRole("checkbox", { name: "Region" }).check();
    await page.keyboard.press("Escape");
    await expect(page.getByRole("columnheader", { name: "Region" })).toBeVisible();
    const row = page.getByRole("row", { name: /Jane Doe/ });
    await expect(row).toContainText("EMEA");
    await expect(row).toContainText("VIP");
    await page.getByRole("button", { name: "Filter", exact: true }).click();
    await page.getByRole("button", { name: "Add condition" }).click();
    await page.getByLabel("Condition 1 field").selectOption({ label: "Region" });
    await expect(page.getByLabel("Condition 1 field").locator("option", { hasText: "Tags" })).toHaveCount(1);
  });

  test("edited in place, a bad URL is refused on its field by the server, a good one is saved, and a tag is removed", async ({ page, seed }) => {
    await page.goto(`/contacts/${await jane(seed)}`);
    const details = page.getByRole("region", { name: "Details" });
    await details.getByRole("button", { name: "Edit Profile page" }).click();
    const profile = details.getByRole("textbox", { name: "Profile page" });
    await profile.fill("not a url");
    await profile.press("Enter");
    await expect(profile).toHaveAttribute("aria-invalid", "true");
    await expect(details.getByRole("alert").filter({ hasText: "must be a URL starting with http:// or https://" })).toBeVisible();
    await profile.fill("https://example.com/jane-doe");
    await profile.press("Enter");
    await expect(page.getByText("Changes saved")).toBeVisible();
    await expect(profile).toHaveCount(0);
    await details.getByRole("button", { name: "Edit Tags" }).click();
    await details.getByRole("button", { name: "Remove tag VIP" }).click();
    await details.getByRole("button", { name: "Save", exact: true }).click();
    await expect(details.getByRole("button", { name: "Edit Tags" })).not.toContainText("VIP");
    await page.reload();
    await expect(details.getByRole("button", { name: "Edit Profile page" })).toContainText("https://example.com/jane-doe");
    await expect(details.getByRole("button", { name: "Edit Region" })).toContainText("EMEA");
    await expect(details.getByRole("button", { name: "Edit Tags" })).not.toContainText("VIP");
  });
});
