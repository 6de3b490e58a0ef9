// What a CSV column can be imported into, per object type, and the pure rules around it:
// suggestions from a header (the column names of HubSpot, Salesforce and Pipedrive exports
// among them) and a cell's text turned into the value the record schema takes. No I/O.
import type { ValidationIssue } from "@/lib/errors";
import { unescapeFormula } from "@/lib/export/csv";
import type { FieldDefinitionLike } from "@/lib/custom-fields/rules";

export const IMPORT_KINDS = ["CONTACT", "COMPANY", "LEAD", "DEAL"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface ImportField {
  path: string;
  label: string;
}

/** Targets that are not a column of the record: resolved per row by the import. */
export const SPECIAL = {
  tags: "tags",
  owner: "owner.email",
  companyDomain: "company.domain",
  companyName: "company.name",
  contactEmail: "contact.email",
  stage: "stage",
  id: "id",
  /** A person's whole name (our own export's "Name"): split into first and last name. */
  fullName: "fullName",
} as const;

const STANDARD: Record<ImportKind, [string, string][]> = {
  CONTACT: [
    ["firstName", "First name"], ["lastName", "Last name"], ["email", "Email"], ["phone", "Phone"], ["mobilePhone", "Mobile phone"],
    ["jobTitle", "Job title"], ["department", "Department"], ["lifecycleStage", "Lifecycle stage"], ["linkedinUrl", "LinkedIn URL"],
    ["emailOptIn", "Email opt-in"], ["doNotCall", "Do not call"], [SPECIAL.fullName, "Name (first and last)"],
    [SPECIAL.companyDomain, "Company (by domain)"], [SPECIAL.companyName, "Company (by name)"],
  ],
  COMPANY: [
    ["name", "Name"], ["domain", "Domain"], ["industry", "Industry"], ["website", "Website"], ["phone", "Phone"],
    ["employeeCount", "Employees"], ["annualRevenue", "Annual revenue"], ["description", "Description"],
  ],
  LEAD: [
    ["firstName", "First name"], ["lastName", "Last name"], ["email", "Email"], ["phone", "Phone"], ["jobTitle", "Job title"],
    ["companyName", "Company name"], ["source", "Source"], ["status", "Status"], ["rating", "Rating"], ["score", "Score"],
    ["priority", "Priority"], [SPECIAL.stage, "Stage (by name)"], [SPECIAL.fullName, "Name (first and last)"],
    ["utmSource", "UTM source"], ["utmMedium", "UTM medium"], ["utmCampaign", "UTM campaign"], ["utmContent", "UTM content"], ["utmTerm", "UTM term"],
    ["landingPage", "Landing page"], ["referrer", "Referrer"], ["budget", "Budget"], ["authority", "Authority"], ["need", "Need"], ["timeline", "Timeline"],
  ],
  DEAL: [
    ["name", "Name"], ["amount", "Amount"], ["currency", "Currency"], ["dealType", "Deal type"], ["closeDate", "Close date"],
    ["forecastProbability", "Probability"], [SPECIAL.stage, "Stage (by name)"],
    [SPECIAL.companyDomain, "Company (by domain)"], [SPECIAL.companyName, "Company (by name)"], [SPECIAL.contactEmail, "Contact (by email)"],
  ],
};

const COMMON: [string, string][] = [[SPECIAL.tags, "Tags"], [SPECIAL.owner, "Owner (email or name)"], [SPECIAL.id, "Record ID (Stageline)"]];

/** Every target of a kind: its fields, its custom fields, tags, owner, id. */
export function importFields(kind: ImportKind, custom: readonly Pick<FieldDefinitionLike, "key" | "label">[] = []): ImportField[] {
  return [
    ...STANDARD[kind].map(([path, label]) => ({ path, label })),
    ...custom.map((c) => ({ path: `customFields.${c.key}`, label: c.label })),
    ...COMMON.map(([path, label]) => ({ path, label })),
  ];
}

/** Match keys a kind offers (the contract's `matchOn`). */
export function matchKeys(kind: ImportKind, custom: readonly Pick<FieldDefinitionLike, "key">[] = []): string[] {
  const own = kind === "CONTACT" || kind === "LEAD" ? ["email"] : kind === "COMPANY" ? ["domain"] : [];
  return [...own, "id", ...custom.map((c) => `customFields.${c.key}`)];
}

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");

// Header words (normalised: lower case, letters and digits only) → field, per kind. HubSpot
// ("First Name", "Email", "Company Domain Name", "Contact owner"), Salesforce ("Account
// Name", "Mailing Street", "Opportunity Name", "Close Date"), Pipedrive ("Person - Email",
// "Organization - Name", "Deal - Value").
const SYNONYMS: Record<string, string[]> = {
  firstName: ["firstname", "first", "givenname", "forename"],
  lastName: ["lastname", "last", "surname", "familyname"],
  email: ["email", "emailaddress", "mail", "primaryemail", "workemail", "businessemail", "emailwork"],
  phone: ["phone", "phonenumber", "telephone", "businessphone", "workphone", "tel", "phonework", "officephone"],
  mobilePhone: ["mobile", "mobilephone", "mobilephonenumber", "cellphone", "cell", "phonemobile"],
  jobTitle: ["jobtitle", "title", "position", "role"],
  department: ["department"],
  lifecycleStage: ["lifecyclestage"],
  linkedinUrl: ["linkedin", "linkedinurl", "linkedinprofile", "linkedinprofileurl"],
  emailOptIn: ["emailoptin", "marketingemailoptin", "subscribed"],
  doNotCall: ["donotcall"],
  name: ["name", "dealname", "opportunityname", "title"],
  domain: ["domain", "companydomainname", "companydomain", "websitedomain", "domainname"],
  website: ["website", "websiteurl", "companywebsite", "url"],
  industry: ["industry"],
  employeeCount: ["employees", "employeecount", "numberofemployees", "noofemployees", "companysize"],
  annualRevenue: ["annualrevenue", "revenue"],
  description: ["description", "about", "companydescription"],
  companyName: ["companyname", "company", "accountname", "organization", "organisation", "organizationname"],
  source: ["source", "leadsource", "originalsource"],
  status: ["status", "leadstatus"],
  rating: ["rating", "leadrating"],
  score: ["score", "leadscore", "hubspotscore"],
  priority: ["priority"],
  amount: ["amount", "dealamount", "value", "dealvalue", "opportunityamount"],
  currency: ["currency", "dealcurrency", "currencycode"],
  dealType: ["dealtype", "type", "opportunitytype"],
  closeDate: ["closedate", "expectedclosedate", "dealclosedate"],
  forecastProbability: ["probability", "dealprobability", "forecastprobability"],
  [SPECIAL.stage]: ["stage", "dealstage", "pipelinestage", "leadstage"],
  [SPECIAL.companyDomain]: ["companydomainname", "companydomain", "accountdomain", "organizationdomain", "organisationdomain", "companywebsite", "domain", "website"],
  [SPECIAL.companyName]: ["companyname", "company", "accountname", "account", "organization", "organisation", "organizationname", "organisationname"],
  [SPECIAL.contactEmail]: ["contactemail", "personemail", "email"],
  [SPECIAL.tags]: ["tags", "tag", "labels", "label"],
  [SPECIAL.owner]: ["owner", "owneremail", "contactowner", "companyowner", "dealowner", "leadowner", "accountowner", "opportunityowner", "recordowner"],
  [SPECIAL.id]: ["id", "stagelineid"],
  [SPECIAL.fullName]: ["name", "fullname", "contactname", "leadname", "personname"],
  utmSource: ["utmsource"],
  utmMedium: ["utmmedium"],
  utmCampaign: ["utmcampaign", "campaign"],
  landingPage: ["landingpage", "landingpageurl"],
  referrer: ["referrer", "referer", "referringurl"],
};

// Pipedrive prefixes a column with its object ("Organization - Name", "Person - Email"):
// an organisation's column on a person or deal is about the company.
const PREFIX = /^\s*(person|contact|organization|organisation|company|account|deal|lead|opportunity)\s*-\s*/i;
const COMPANY_PREFIX = /^(organization|organisation|company|account)$/i;

/** The field a header most likely means for `kind`, or null. */
export function suggestField(header: string, kind: ImportKind, fields: readonly ImportField[]): string | null {
  const m = PREFIX.exec(header);
  const prefix = m?.[1] ?? "";
  const rest = norm(m ? header.slice(m[0].length) : header);
  const paths = new Set(fields.map((f) => f.path));
  const candidates: string[] = [];
  if (COMPANY_PREFIX.test(prefix) && kind !== "COMPANY") {
    if (rest === "name") candidates.push(SPECIAL.companyName);
    if (rest === "domain" || rest === "website") candidates.push(SPECIAL.companyDomain);
  }
  const word = prefix && !COMPANY_PREFIX.test(prefix) ? rest : m ? norm(prefix) + rest : rest;
  // exact labels first (a custom field called "Budget"; our own export's labels)
  for (const f of fields) if (norm(f.label) === word || norm(f.label) === rest) candidates.push(f.path);
  for (const w of [word, rest]) for (const [path, words] of Object.entries(SYNONYMS)) if (words.includes(w)) candidates.push(path);
  // a company's "Company Name" or "Company Domain Name" is its own name or domain
  if (kind === "COMPANY") candidates.forEach((c, i) => (candidates[i] = c === SPECIAL.companyName ? "name" : c === SPECIAL.companyDomain ? "domain" : c));
  // the record's own field wins over a lookup (a company's "Company Name" is its name)
  const own = candidates.find((c) => paths.has(c) && !c.includes("."));
  if (own && !(kind !== "COMPANY" && (own === "name" || own === SPECIAL.fullName) && COMPANY_PREFIX.test(prefix))) return own;
  return candidates.find((c) => paths.has(c)) ?? null;
}

/** Suggestions for a whole header row: each field suggested for its first column only. */
export function suggestMapping(headers: readonly string[], kind: ImportKind, fields: readonly ImportField[]): (string | null)[] {
  const taken = new Set<string>();
  return headers.map((h) => {
    const s = suggestField(h, kind, fields);
    if (!s || taken.has(s)) return null;
    taken.add(s);
    return s;
  });
}

const INTEGER_FIELDS = new Set(["employeeCount", "score"]);
const BOOLEAN_FIELDS = new Set(["emailOptIn", "doNotCall"]);
const TRUE = new Set(["true", "yes", "y", "1", "x", "on", "ja", "oui"]);
const FALSE = new Set(["false", "no", "n", "0", "off", "nein", "non", ""]);

/** Splits a multi-value cell ("a; b", "a, b"). */
export const splitList = (text: string) => text.split(/[;,|]/).map((s) => s.trim()).filter(Boolean);

type Coerced = { ok: true; value: unknown } | { ok: false; message: string };

function toNumber(text: string): number | null {
  const t = text.replace(/[\s\u00a0']/g, "").replace(/,(?=\d{3}(\D|$))/g, "");
  const n = Number(t.replace(",", "."));
  return t !== "" && Number.isFinite(n) ? n : null;
}

/** A cell's text as the value `path` takes (the record schema then validates it). */
export function coerceCell(path: string, text: string, custom?: Pick<FieldDefinitionLike, "fieldType">): Coerced {
  const t = text.trim();
  if (custom) {
    switch (custom.fieldType) {
      case "NUMBER": {
        const n = toNumber(t);
        return n === null ? { ok: false, message: "must be a number" } : { ok: true, value: n };
      }
      case "CHECKBOX":
        return TRUE.has(t.toLowerCase()) ? { ok: true, value: true } : FALSE.has(t.toLowerCase()) ? { ok: true, value: false } : { ok: false, message: "must be yes or no" };
      case "MULTI_SELECT":
        return { ok: true, value: splitList(t) };
      default:
        return { ok: true, value: t };
    }
  }
  if (INTEGER_FIELDS.has(path)) {
    const n = toNumber(t);
    return n === null || !Number.isInteger(n) ? { ok: false, message: "must be a whole number" } : { ok: true, value: n };
  }
  if (BOOLEAN_FIELDS.has(path)) {
    const v = t.toLowerCase();
    return TRUE.has(v) ? { ok: true, value: true } : FALSE.has(v) ? { ok: true, value: false } : { ok: false, message: "must be yes or no" };
  }
  if (path === "amount" || path === "annualRevenue") {
    const n = toNumber(t.replace(/^[^\d-]+|[^\d]+$/g, ""));
    return n === null ? { ok: false, message: "must be a number" } : { ok: true, value: t.replace(/^[^\d-]+|[^\d]+$/g, "").replace(/[\s\u00a0',]/g, "") };
  }
  if (path === "forecastProbability") {
    const n = toNumber(t.replace(/%$/, ""));
    if (n === null) return { ok: false, message: "must be a number between 0 and 1 (or a percentage)" };
    return { ok: true, value: String(t.endsWith("%") || n > 1 ? n / 100 : n) };
  }
  if (path === "status" || path === "rating" || path === "priority") return { ok: true, value: t.toLowerCase() };
  if (path === "dealType") return { ok: true, value: t.toUpperCase() };
  if (path === "currency") return { ok: true, value: t.toUpperCase() };
  if (path === "closeDate") return { ok: true, value: /^\d{4}-\d{2}-\d{2}[T ]/.test(t) ? t.slice(0, 10) : t };
  if (path === SPECIAL.tags) return { ok: true, value: splitList(t) };
  return { ok: true, value: t };
}

/**
 * A whole name ("Ada Lovelace", our export's Name column) as first and last name: the first
 * word and the rest. A cell that is only the record's fallback title (its email, or
 * "(no name)") names nobody.
 */
export function splitFullName(text: string, email?: unknown): { firstName?: string; lastName?: string } {
  const t = text.trim();
  if (!t || t === "(no name)" || (typeof email === "string" && t.toLowerCase() === email.trim().toLowerCase())) return {};
  const [first, ...rest] = t.split(/\s+/);
  return rest.length ? { firstName: first, lastName: rest.join(" ") } : { firstName: first };
}

/** "12500.00 EUR" (our export's money cells): the currency code after the amount, if any. */
export const currencySuffix = (text: string): string | null => /\d\s*([A-Za-z]{3})\s*$/.exec(text)?.[1]?.toUpperCase() ?? null;

/** The row as record input: mapped cells coerced (empty cells left out), and the issues per field. */
export function rowInput(
  headers: readonly string[],
  cells: readonly string[],
  mapping: Record<string, string | null>,
  custom: ReadonlyMap<string, Pick<FieldDefinitionLike, "fieldType">>,
): { values: Record<string, unknown>; customFields: Record<string, unknown>; issues: ValidationIssue[] } {
  const values: Record<string, unknown> = {};
  const customFields: Record<string, unknown> = {};
  const issues: ValidationIssue[] = [];
  if (cells.length !== headers.length) {
    issues.push({ path: "row", message: `has ${cells.length} values, the header has ${headers.length}` });
    return { values, customFields, issues };
  }
  headers.forEach((h, i) => {
    const path = mapping[h];
    const text = unescapeFormula(cells[i] ?? "");
    if (!path || !text.trim()) return;
    const key = path.startsWith("customFields.") ? path.slice("customFields.".length) : null;
    const c = coerceCell(path, text, key ? custom.get(key) : undefined);
    if (!c.ok) issues.push({ path, message: c.message });
    else if (key) customFields[key] = c.value;
    else if (path === SPECIAL.tags) values.tags = [...((values.tags as string[] | undefined) ?? []), ...(c.value as string[])];
    else values[path] = c.value;
    // a money cell with its currency (as we export it) also sets the currency, unless a column does
    if (path === "amount" && !Object.values(mapping).includes("currency")) {
      const code = currencySuffix(text);
      if (code) values.currency = code;
    }
  });
  return { values, customFields, issues };
}
