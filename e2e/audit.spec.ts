import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { uniqueEmail } from "./fixtures";
import { expect, test } from "./workspace";

test("an admin's edit shows in Settings → Audit log filtered by the record, and the log exports as CSV", async ({ page, seed }) => {
  const contactId = await seed.record("CONTACT", { firstName: "Audrey", lastName: "Trail" });
  await page.goto(`/contacts/${contactId}`);
  const details = page.getByRole("region", { name: "Details" });
  await details.getByRole("button", { name: "Edit Job title" }).click();
  await details.getByRole("textbox", { name: "Job title" }).fill("Auditor");
  await details.getByRole("textbox", { name: "Job title" }).press("Enter");
  await expect(page.getByText("Changes saved")).toBeVisible();

  await page.goto("/settings");
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: /^Audit log/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  const filters = page.getByRole("form", { name: "Filter the audit log" });
  await filters.getByRole("combobox", { name: "Record", exact: true }).fill("Audrey");
  await page.getByRole("option", { name: /Audrey Trail/ }).click();
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(new RegExp(`recordId=${contactId}`));
  const rows = page.getByRole("table").getByRole("row");
  await expect(rows).toHaveCount(3); // header, the update, the creation
  await expect(rows.nth(1)).toContainText("Record changed");
  await expect(rows.nth(1)).toContainText("Job title: — → Auditor");
  await expect(rows.nth(2)).toContainText("Record created");

  const axe = await new AxeBuilder({ page }).include("#main").analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d\d-\d\d\.csv$/);
  const csv = readFileSync((await download.path())!, "utf8").replace(/^\ufeff/, "").trim().split("\r\n");
  expect(csv[0]).toBe("At,Action,User,API key,Record type,Record ID,Changes,IP");
  expect(csv.slice(1).map((l) => l.split(",")[1])).toEqual(["record.updated", "record.created"]);
  expect(csv[1]).toContain("Auditor");
});

test("an admin erases a contact after confirming: it shows as erased, and its email cannot be used again", async ({ page, seed }) => {
  const email = uniqueEmail("erase-me");
  await page.goto(`/contacts/${await seed.record("CONTACT", { firstName: "Eraseme", email })}`);

  // the personal-data export holds the contact
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export personal data" }).click()]);
  const exported = JSON.parse(readFileSync((await download.path())!, "utf8")) as { contact: { email: string }; auditEntries: { action: string }[] };
  expect(exported.contact.email).toBe(email);
  expect(exported.auditEntries.map((e) => e.action)).toContain("record.created");

  await page.getByRole("button", { name: "Erase contact Eraseme" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("cannot be undone");
  await dialog.getByRole("button", { name: "Erase personal data" }).click();
  await expect(page.getByText("The contact's personal data was erased")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("erased");
  await expect(page.getByText("Erased", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Erase contact Eraseme" })).toHaveCount(0);
  expect(await page.locator("body").innerText()).not.toContain(email);
  // nor anywhere in what the server sends for it now (the page was first opened before the erasure)
  await page.reload();
  await expect(page.getByText("Erased", { exact: true })).toBeVisible();
  expect(await page.content()).not.toContain(email);

  // re-creating the email is refused
  await page.goto("/contacts/new");
  await page.getByLabel("First name", { exact: true }).fill("Again");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByRole("button", { name: "Create contact" }).click();
  await expect(page.getByText("erased contact")).toBeVisible();
  await expect(page).toHaveURL(/\/contacts\/new$/);
});
