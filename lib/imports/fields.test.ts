// Suggestions for the headers of common exports, and cells turned into field values.
import { describe, expect, it } from "vitest";
import { coerceCell, currencySuffix, importFields, rowInput, splitFullName, suggestMapping, type ImportKind } from "./fields";

const suggest = (kind: ImportKind, headers: string[], custom: { key: string; label: string }[] = []) => suggestMapping(headers, kind, importFields(kind, custom));

describe("suggestMapping", () => {
  it("knows HubSpot's contact export", () => {
    expect(suggest("CONTACT", ["Record ID", "First Name", "Last Name", "Email", "Phone Number", "Job Title", "Company Domain Name", "Contact owner", "Lifecycle Stage"])).toEqual([
      null, "firstName", "lastName", "email", "phone", "jobTitle", "company.domain", "owner.email", "lifecycleStage",
    ]);
  });

  it("knows Salesforce's and Pipedrive's column names", () => {
    expect(suggest("CONTACT", ["E-mail Address", "Account Name", "Mobile Phone", "Title"])).toEqual(["email", "company.name", "mobilePhone", "jobTitle"]);
    expect(suggest("CONTACT", ["Person - First name", "Person - Email", "Organization - Name", "Person - Labels"])).toEqual(["firstName", "email", "company.name", "tags"]);
    expect(suggest("COMPANY", ["Account Name", "Company Domain Name", "Website", "Number of Employees", "Annual Revenue", "Industry"])).toEqual([
      "name", "domain", "website", "employeeCount", "annualRevenue", "industry",
    ]);
    expect(suggest("DEAL", ["Opportunity Name", "Amount", "Close Date", "Stage", "Account Name", "Deal owner", "Probability (%)"])).toEqual([
      "name", "amount", "closeDate", "stage", "company.name", "owner.email", "forecastProbability",
    ]);
    expect(suggest("LEAD", ["First Name", "Company", "Lead Source", "Lead Status", "Rating"])).toEqual(["firstName", "companyName", "source", "status", "rating"]);
  });

  it("suggests a custom field by its label or key, and each field for one column only", () => {
    expect(suggest("CONTACT", ["Budget", "shoe_size", "Email", "Work Email"], [{ key: "budget", label: "Budget" }, { key: "shoe_size", label: "Shoe size" }])).toEqual([
      "customFields.budget", "customFields.shoe_size", "email", null,
    ]);
  });
});

describe("coerceCell and rowInput", () => {
  it("turns text into numbers, booleans, lists, percentages and enum spellings", () => {
    expect(coerceCell("employeeCount", " 1,250 ")).toEqual({ ok: true, value: 1250 });
    expect(coerceCell("employeeCount", "lots")).toEqual({ ok: false, message: "must be a whole number" });
    expect(coerceCell("doNotCall", "Yes")).toEqual({ ok: true, value: true });
    expect(coerceCell("amount", "$12,500.00")).toEqual({ ok: true, value: "12500.00" });
    expect(coerceCell("forecastProbability", "25%")).toEqual({ ok: true, value: "0.25" });
    expect(coerceCell("dealType", "renewal")).toEqual({ ok: true, value: "RENEWAL" });
    expect(coerceCell("tags", "VIP; Trade show")).toEqual({ ok: true, value: ["VIP", "Trade show"] });
    expect(coerceCell("customFields.size", "12,5", { fieldType: "NUMBER" })).toEqual({ ok: true, value: 12.5 });
  });

  it("leaves empty cells out, splits custom fields, and reports a short row", () => {
    const headers = ["Email", "Budget", "Skip me", "Tags"];
    const mapping = { Email: "email", Budget: "customFields.budget", "Skip me": null, Tags: "tags" };
    const custom = new Map([["budget", { fieldType: "NUMBER" as const }]]);
    expect(rowInput(headers, ["a@x.test", "", "whatever", "A,B"], mapping, custom)).toEqual({ values: { email: "a@x.test", tags: ["A", "B"] }, customFields: {}, issues: [] });
    expect(rowInput(headers, ["a@x.test", "cheap", "", ""], mapping, custom).issues).toEqual([{ path: "customFields.budget", message: "must be a number" }]);
    expect(rowInput(headers, ["a@x.test"], mapping, custom).issues).toEqual([{ path: "row", message: "has 1 values, the header has 4" }]);
  });
});

describe("our own export read back", () => {
  it("splits a whole name into first and last, and a fallback title into nothing", () => {
    expect(splitFullName("Mary Ann  Lovelace")).toEqual({ firstName: "Mary", lastName: "Ann Lovelace" });
    expect(splitFullName(" Ada ")).toEqual({ firstName: "Ada" });
    expect(splitFullName("ada@x.test", "Ada@X.test")).toEqual({});
    expect(splitFullName("(no name)")).toEqual({});
  });

  it("reads a money cell's currency and a formula-escaped cell as it was", () => {
    expect(currencySuffix("12500.00 EUR")).toBe("EUR");
    expect(currencySuffix("12500.00")).toBeNull();
    expect(currencySuffix("USD 12")).toBeNull();
    const mapping = { Amount: "amount", Title: "name", Phone: "phone" };
    expect(rowInput(["Amount", "Title", "Phone"], ["12500.00 eur", "'=CTO", "'+44 20"], mapping, new Map()).values).toEqual({ amount: "12500.00", currency: "EUR", name: "=CTO", phone: "+44 20" });
    // a Currency column wins over the amount's code
    expect(rowInput(["Amount", "Currency"], ["12 EUR", "GBP"], { Amount: "amount", Currency: "currency" }, new Map()).values).toEqual({ amount: "12", currency: "GBP" });
    // an apostrophe before anything but a formula's first character is the value's own
    expect(rowInput(["Title"], ["'quoted'"], { Title: "name" }, new Map()).values).toEqual({ name: "'quoted'" });
  });

  it("suggests a field for each column our export writes", () => {
    expect(suggest("CONTACT", ["ID", "Name", "Mobile", "Company", "Owner", "Tags"])).toEqual(["id", "fullName", "mobilePhone", "company.name", "owner.email", "tags"]);
    expect(suggest("LEAD", ["Name", "Company", "UTM source", "Landing page", "Referrer", "Stage"])).toEqual(["fullName", "companyName", "utmSource", "landingPage", "referrer", "stage"]);
  });
});
