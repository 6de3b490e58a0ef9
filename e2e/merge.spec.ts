import AxeBuilder from "@axe-core/playwright";
import { uniqueEmail } from "./fixtures";
import { expect, test } from "./workspace";

test("a user finds two contacts with the same email on the Duplicates page, merges them keeping the other's first name, and lands on the survivor with both timelines", async ({ page, seed }) => {
  const email = uniqueEmail("dana");
  const first = await seed.record("CONTACT", { firstName: "Dana", lastName: "Whitfield", email });
  const second = await seed.record("CONTACT", { firstName: "Danielle", lastName: "Whitfield", email: email.toUpperCase(), jobTitle: "VP Sales" });
  await seed.activity({ recordType: "CONTACT", recordId: first, activityType: "NOTE", subject: "Met Dana at the fair" });
  await seed.activity({ recordType: "CONTACT", recordId: second, activityType: "CALL", subject: "Called Danielle about pricing" });

  await page.goto("/contacts");
  await page.getByRole("link", { name: "Duplicates" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Duplicate contacts" })).toBeVisible();
  const group = page.getByRole("listitem", { name: "Dana Whitfield and Danielle Whitfield" });
  await expect(group.getByText("Same email")).toBeVisible();

  await group.getByRole("button", { name: "Merge Dana Whitfield and Danielle Whitfield" }).click();
  const dialog = page.getByRole("dialog", { name: "Merge contacts" });
  // the oldest stays by default; its empty job title takes the other's
  await expect(dialog.getByRole("radio", { name: "Dana Whitfield", exact: true })).toBeChecked();
  await expect(dialog.getByRole("group", { name: "Job title" }).getByRole("radio", { name: /^VP Sales/ })).toBeChecked();
  const firstName = dialog.getByRole("group", { name: "First name" });
  await expect(firstName.getByRole("radio", { name: /^Dana from/ })).toBeChecked();
  await firstName.getByRole("radio", { name: /^Danielle from/ }).check();
  const axe = await new AxeBuilder({ page }).include("[role=dialog]").analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  await dialog.getByRole("button", { name: "Merge into Dana Whitfield" }).click();

  await expect(page).toHaveURL(new RegExp(`/contacts/${first}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Danielle Whitfield" })).toBeVisible();
  const timeline = page.getByRole("region", { name: "Timeline" });
  await expect(timeline.getByText("Met Dana at the fair")).toBeVisible();
  await expect(timeline.getByText("Called Danielle about pricing")).toBeVisible();
  const history = page.getByRole("region", { name: "Merge history" });
  await expect(history).toContainText("Merged Danielle Whitfield");
  await expect(page.getByRole("region", { name: "Details" })).toContainText("VP Sales");

  // the merged contact's old address opens the survivor
  await page.goto(`/contacts/${second}`);
  await expect(page).toHaveURL(new RegExp(`/contacts/${first}$`));
});

test("a group marked as not duplicates leaves the Duplicates page and stays away", async ({ page, seed }) => {
  await seed.record("LEAD", { firstName: "Rui", lastName: "Costa", companyName: "Orbit GmbH" });
  await seed.record("LEAD", { firstName: "rui", lastName: "costa", companyName: "ORBIT" });
  await page.goto("/leads");
  await page.getByRole("link", { name: "Duplicates" }).click();
  const group = page.getByRole("listitem", { name: "Rui Costa and rui costa" });
  await expect(group.getByText("Same name in the same company")).toBeVisible();
  await group.getByRole("button", { name: "Rui Costa and rui costa are not duplicates" }).click();
  await expect(page.getByText("No likely duplicates.")).toBeVisible();
  await page.reload();
  await expect(page.getByText("No likely duplicates.")).toBeVisible();
});

test("a record page hints at its possible duplicates and merges with another company picked through Merge with…", async ({ page, seed }) => {
  const acme = await seed.record("COMPANY", { name: "Acme Rockets, Inc." });
  const twin = await seed.record("COMPANY", { name: "ACME ROCKETS LLC", domain: "acme-rockets.test" });
  await seed.record("CONTACT", { firstName: "Wile", companyId: twin });

  await page.goto(`/companies/${acme}`);
  const hint = page.getByRole("region", { name: "Possible duplicates" });
  await expect(hint.getByRole("link", { name: "ACME ROCKETS LLC" })).toBeVisible();
  await expect(hint.getByText("Same company name")).toBeVisible();

  await page.getByRole("button", { name: "Merge Acme Rockets, Inc. with another company" }).click();
  const picker = page.getByRole("dialog", { name: "Merge Acme Rockets, Inc. with…" });
  await picker.getByRole("combobox", { name: "Company to merge" }).fill("rockets llc");
  await page.getByRole("option", { name: /ACME ROCKETS LLC/ }).click();
  const dialog = page.getByRole("dialog", { name: "Merge companies" });
  await expect(dialog.getByRole("group", { name: "Domain" }).getByRole("radio", { name: /^acme-rockets\.test/ })).toBeChecked();
  await dialog.getByRole("button", { name: "Merge into Acme Rockets, Inc." }).click();

  await expect(page).toHaveURL(new RegExp(`/companies/${acme}$`));
  await expect(page.getByRole("region", { name: "Merge history" })).toContainText("Merged ACME ROCKETS LLC");
  await expect(page.getByRole("region", { name: "Related" }).getByRole("link", { name: /Wile/ })).toBeVisible();
  await expect(page.getByRole("region", { name: "Possible duplicates" })).toHaveCount(0);
});

test("creating a contact with an email that exists warns in the form and links to the existing contact; a company likewise by its domain", async ({ page, seed }) => {
  const email = uniqueEmail("grace");
  const grace = await seed.record("CONTACT", { firstName: "Grace", lastName: "Hopper", email });
  await seed.record("COMPANY", { name: "Cobol Works", domain: "cobol-works.example" });

  await page.goto("/contacts/new");
  const form = page.getByRole("form", { name: "New contact" });
  await form.getByLabel("First name").fill("Grace");
  await form.getByLabel("Email").fill(email.toUpperCase());
  const warning = form.getByRole("status").filter({ hasText: "A contact with this email already exists" });
  await expect(warning).toBeVisible();
  await expect(warning.getByRole("link", { name: "Grace Hopper" })).toHaveAttribute("href", `/contacts/${grace}`);
  // another email: the warning goes
  await form.getByLabel("Email").fill(uniqueEmail("someone-else"));
  await expect(form.getByText("already exists")).toHaveCount(0);

  await page.goto("/companies/new");
  const company = page.getByRole("form", { name: "New company" });
  await company.getByLabel("Domain").fill("www.cobol-works.example");
  const found = company.getByRole("status").filter({ hasText: "A company with this domain already exists" });
  await expect(found.getByRole("link", { name: "Cobol Works" })).toBeVisible();
  await found.getByRole("link", { name: "Cobol Works" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Cobol Works" })).toBeVisible();
});
