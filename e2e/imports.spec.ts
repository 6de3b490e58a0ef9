import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { uniqueEmail } from "./fixtures";
import { expect, test } from "./workspace";

const IMPORT_URL = /\/settings\/imports\/([0-9a-f-]{36})$/;

test("a user imports a HubSpot-style contacts file with a bad row, watches it run, downloads the failed rows and undoes it", async ({ page, workspace }) => {
  const admin = workspace.member("admin");
  const [ada, bob, cy] = [uniqueEmail("ada"), uniqueEmail("bob"), uniqueEmail("cy")];
  const csv = [
    "\uFEFFFirst Name,Last Name,Email,Phone Number,Contact owner",
    `Ada,Lovelace,${ada},+44 1,${admin.email}`,
    "Bad,Row,not-an-email,,",
    `Bob,"Builder, Jr.",${bob},,`,
    `Cy,Young,${cy},,`,
  ].join("\r\n");

  await page.goto("/contacts");
  await page.getByRole("link", { name: "Import", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Import a CSV file" })).toBeVisible();
  await expect(page.getByLabel("Import into")).toHaveValue("CONTACT");
  await page.getByLabel("choose a CSV file").setInputFiles({ name: "hubspot-contacts.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Upload and map columns" }).click();
  await expect(page).toHaveURL(IMPORT_URL);
  const importId = IMPORT_URL.exec(page.url())![1]!;

  // the columns, their samples and suggested fields
  const columns = page.getByRole("region", { name: "Columns" });
  await expect(columns.getByRole("row", { name: /Email/ })).toContainText(ada);
  await expect(page.getByLabel("Field for column First Name")).toHaveValue("firstName");
  await expect(page.getByLabel("Field for column Email")).toHaveValue("email");
  await expect(page.getByLabel("Field for column Phone Number")).toHaveValue("phone");
  await expect(page.getByLabel("Field for column Contact owner")).toHaveValue("owner.email");
  await page.getByLabel("Tags for every row").fill("Imported");

  // the preview shows what each of the first rows would get, before anything is written
  await page.getByRole("button", { name: "Check the first rows" }).click();
  const preview = page.getByRole("region", { name: /Preview of the first 4 rows/ });
  await expect(preview.getByRole("row").nth(2)).toContainText("email: must be an email address");
  await expect(preview.getByRole("row").nth(1)).toContainText("Created");

  const axe = await new AxeBuilder({ page }).include("#main").analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);

  await page.getByRole("button", { name: "Start import of 4 rows" }).click();
  await expect(page.getByRole("progressbar", { name: "Import progress" })).toBeVisible();
  await expect(page.getByTestId("count-created")).toHaveText("3", { timeout: 30_000 });
  await expect(page.getByTestId("count-failed")).toHaveText("1");
  await expect(page.getByTestId("count-rows-done")).toHaveText("4");
  await expect(page.getByRole("progressbar", { name: "Import progress" })).toHaveAttribute("aria-valuenow", "4");

  // leaving and coming back shows the same state
  await page.goto("/settings/imports");
  await expect(page.getByRole("row", { name: /hubspot-contacts\.csv/ })).toContainText("Finished");
  await page.getByRole("link", { name: "hubspot-contacts.csv" }).click();
  await expect(page).toHaveURL(new RegExp(`/settings/imports/${importId}$`));
  await expect(page.getByTestId("count-created")).toHaveText("3");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download failed rows" }).click()]);
  const errors = readFileSync((await download.path())!, "utf8");
  expect(errors).toBe(["First Name,Last Name,Email,Phone Number,Contact owner,row,error", "Bad,Row,not-an-email,,,2,email: must be an email address", ""].join("\r\n"));

  // the imported records, as the list made for this import
  await page.getByRole("link", { name: "View the imported contacts" }).click();
  await expect(page.getByRole("row", { name: /^Select Ada Lovelace/ })).toBeVisible();
  await expect(page.getByRole("row", { name: /^Select Cy Young/ })).toBeVisible();
  await expect(page.getByRole("row", { name: /^Select Bad Row/ })).toHaveCount(0);
  await page.goBack();

  await page.getByRole("button", { name: "Undo import" }).click();
  const dialog = page.getByRole("dialog", { name: "Undo this import?" });
  await dialog.getByRole("button", { name: "Undo import" }).click();
  await expect(page.getByText("Undone: 3 created contacts deleted, 0 updated contacts put back.")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("progressbar", { name: "Undo progress" })).toHaveAttribute("aria-valuenow", "3");

  await page.goto(`/contacts?q=${encodeURIComponent("Lovelace")}`);
  await expect(page.getByRole("heading", { level: 1, name: "Contacts" })).toBeVisible();
  await expect(page.getByRole("row", { name: /^Select Ada Lovelace/ })).toHaveCount(0);
});

test("a table's CSV export goes back in unchanged: one edited cell updates its record, the other rows change nothing", async ({ page, seed }) => {
  const [ann, bob] = [uniqueEmail("ann"), uniqueEmail("bob")];
  await seed.record("CONTACT", { firstName: "Ann", lastName: "Archer", email: ann, jobTitle: "Buyer", tags: ["vip"] });
  await seed.record("CONTACT", { firstName: "Bob", lastName: "Baker", email: bob, jobTitle: "=CFO" });

  await page.goto("/contacts");
  await page.getByRole("checkbox", { name: "Select Ann Archer" }).check();
  await page.getByRole("checkbox", { name: "Select Bob Baker" }).check();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("toolbar", { name: "Bulk actions" }).getByRole("button", { name: "Export CSV" }).click()]);
  const exported = readFileSync((await download.path())!, "utf8");
  expect(exported).toContain("'=CFO");
  const edited = exported.replace(",Buyer,", ",Head buyer,");
  expect(edited).not.toBe(exported);

  await page.goto("/contacts");
  await page.getByRole("link", { name: "Import", exact: true }).click();
  await page.getByLabel("choose a CSV file").setInputFiles({ name: "contacts-export.csv", mimeType: "text/csv", buffer: Buffer.from(edited) });
  await page.getByRole("button", { name: "Upload and map columns" }).click();
  await expect(page).toHaveURL(IMPORT_URL);
  // our own export: the ID column matches records, Name and Owner are understood, Created is skipped
  await expect(page.getByLabel("Field for column ID")).toHaveValue("id");
  await expect(page.getByLabel("Field for column Name")).toHaveValue("fullName");
  await expect(page.getByLabel("Field for column Owner")).toHaveValue("owner.email");
  await expect(page.getByLabel("Field for column Created")).toHaveValue("");
  await expect(page.getByLabel("Mode")).toHaveValue("UPSERT");
  await expect(page.getByLabel("Match records on")).toHaveValue("id");

  await page.getByRole("button", { name: "Start import of 2 rows" }).click();
  await expect(page.getByTestId("count-rows-done")).toHaveText("2", { timeout: 30_000 });
  await expect(page.getByTestId("count-updated")).toHaveText("1");
  await expect(page.getByTestId("count-unchanged-or-skipped")).toHaveText("1");
  await expect(page.getByTestId("count-created")).toHaveText("0");
  await expect(page.getByTestId("count-failed")).toHaveText("0");

  await page.goto(`/contacts?q=${encodeURIComponent("Baker")}`);
  await expect(page.getByRole("row", { name: /^Select Bob Baker/ })).toContainText("=CFO");
  await page.goto(`/contacts?q=${encodeURIComponent("Archer")}`);
  await expect(page.getByRole("row", { name: /^Select Ann Archer/ })).toContainText("Head buyer");
});
