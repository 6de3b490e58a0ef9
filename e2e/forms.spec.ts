import type { Page } from "@playwright/test";
import { expect, test } from "./workspace";

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

test("a contact with a tag and custom fields: create, see them on the record page and in the table, edit with validation", async ({ page, seed }) => {
  test.setTimeout(90_000);
  await seed.customField({ objectType: "CONTACT", label: "Region", fieldType: "SELECT", options: ["EMEA", "APAC"], isRequired: true });
  await seed.customField({ objectType: "CONTACT", label: "Profile page", fieldType: "URL" });

  // Create: the required custom field is checked before anything is sent.
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
  await form.getByLabel("Profile page").fill("https://example.com/jane");
  // A new tag, typed into the picker.
  await form.getByRole("button", { name: "Add tags" }).click();
  await page.getByRole("combobox", { name: "Tags: choose or create" }).fill("VIP");
  await page.getByRole("option", { name: "Create “VIP”" }).click();
  await page.keyboard.press("Escape");
  await expect(form.getByRole("group", { name: "Tags" })).toContainText("VIP");
  await form.getByRole("button", { name: "Create contact" }).click();
  await expect(page).toHaveURL(RECORD_URL);
  const contactUrl = page.url();

  // The record page shows them in its details.
  const details = page.getByRole("region", { name: "Details" });
  await expect(details.getByRole("button", { name: "Edit Tags" })).toContainText("VIP");
  await expect(details.getByRole("button", { name: "Edit Region" })).toContainText("EMEA");
  await expect(details.getByRole("button", { name: "Edit Profile page" })).toContainText("https://example.com/jane");

  // The table: the tag column by default, the custom field from the column chooser; a filter on it.
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

  // Inline edit: a bad URL is refused on that field (by the server, on Enter); a good one is saved.
  await page.goto(contactUrl);
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
