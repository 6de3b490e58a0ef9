// The duplicate keys of API.md "Duplicates and merge" as pure functions: what two records
// must share to be likely duplicates. The database computes the same keys with the
// dup_*_key SQL functions of the duplicates migration (their expression indexes make the
// search set-based); rules.test.ts checks both give the same key for the same input.

export const DUPLICATE_OBJECT_TYPES = ["CONTACT", "COMPANY", "LEAD"] as const;
export type DuplicateObjectType = (typeof DUPLICATE_OBJECT_TYPES)[number];

export const DUPLICATE_REASONS = ["email", "phone", "name_company", "domain", "name"] as const;
export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];

/** The reasons each kind is matched on, in the order groups are listed. */
export const REASONS_OF: Record<DuplicateObjectType, readonly DuplicateReason[]> = {
  CONTACT: ["email", "phone", "name_company"],
  LEAD: ["email", "phone", "name_company"],
  COMPANY: ["domain", "name"],
};

export const REASON_LABELS: Record<DuplicateReason, string> = {
  email: "Same email",
  phone: "Same phone",
  name_company: "Same name in the same company",
  domain: "Same domain",
  name: "Same company name",
};

/** An email, trimmed and lower-cased; null without an "@" after its first character. */
export function emailKey(email: string | null | undefined): string | null {
  if (!email || email.indexOf("@") < 1) return null;
  return email.trim().toLowerCase();
}

/** A phone's digits, the last 9; null with fewer than 9 digits. */
export function phoneKey(phone: string | null | undefined): string | null {
  const digits = (phone ?? "").replace(/\D/g, "");
  return digits.length >= 9 ? digits.slice(-9) : null;
}

/** A full name, trimmed, single-spaced, lower-cased; null when empty. */
export function nameKey(first: string | null | undefined, last: string | null | undefined): string | null {
  const name = `${first ?? ""} ${last ?? ""}`.trim().replace(/\s+/g, " ").toLowerCase();
  return name || null;
}

const LEGAL_SUFFIXES = ["inc", "incorporated", "llc", "l l c", "ltd", "limited", "gmbh", "corp", "corporation", "co", "company", "plc", "ag", "sa", "sas", "sarl", "bv", "nv", "srl", "spa", "pty", "oy", "ab", "kg", "lp", "llp"];
const TRAILING_SUFFIXES = new RegExp(`( (${LEGAL_SUFFIXES.join("|")}))+$`);

/** A company name without case, spacing, punctuation and trailing legal suffixes: "Acme, Inc." → "acme". */
export function companyKey(name: string | null | undefined): string | null {
  if (name == null) return null;
  const words = name.toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, " ").trim();
  return words.replace(TRAILING_SUFFIXES, "").replaceAll(" ", "") || null;
}

/** A domain or a website's host: no scheme, "www.", path or port; lower-cased. */
export function domainKey(domain: string | null | undefined): string | null {
  if (domain == null) return null;
  const host = domain
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, "")
    .replace(/^www\./, "")
    .replace(/[/:?#].*$/, "")
    .replace(/\.+$/, "");
  return host || null;
}

type Row = Record<string, unknown>;
const text = (v: unknown) => (typeof v === "string" ? v : null);

/**
 * The keys a record has for each reason (a contact's phone and mobile both count as its
 * phones). Two records of a kind are likely duplicates for a reason when they share a key.
 */
export function keysOf(type: DuplicateObjectType, r: Row): Partial<Record<DuplicateReason, string[]>> {
  const some = (...keys: (string | null)[]) => [...new Set(keys.filter((k): k is string => k !== null))];
  const pair = (a: string | null, b: string | null) => (a && b ? [`${a}\u0000${b}`] : []);
  switch (type) {
    case "CONTACT":
      return {
        email: some(emailKey(text(r.email))),
        phone: some(phoneKey(text(r.phone)), phoneKey(text(r.mobilePhone))),
        name_company: pair(text(r.companyId), nameKey(text(r.firstName), text(r.lastName))),
      };
    case "LEAD":
      return {
        email: some(emailKey(text(r.email))),
        phone: some(phoneKey(text(r.phone))),
        name_company: pair(companyKey(text(r.companyName)), nameKey(text(r.firstName), text(r.lastName))),
      };
    case "COMPANY":
      return { domain: some(domainKey(text(r.domain) ?? text(r.website))), name: some(companyKey(text(r.name))) };
  }
}

/** The reasons for which every record of a group shares one key, in the kind's order. */
export function sharedReasons(type: DuplicateObjectType, rows: readonly Row[]): DuplicateReason[] {
  if (rows.length < 2) return [];
  const keys = rows.map((r) => keysOf(type, r));
  return REASONS_OF[type].filter((reason) => {
    const [first, ...rest] = keys.map((k) => k[reason] ?? []);
    return first!.some((key) => rest.every((ks) => ks.includes(key)));
  });
}
