// How each kind of record is named and where its pages live, in one place. Pure data, safe
// in the browser: the server registry (registry.ts), the board, search, forms, lists,
// custom fields, notifications and automations all take their words from here.

export const COLLECTIONS = ["companies", "contacts", "leads", "deals", "tickets"] as const;
export type Collection = (typeof COLLECTIONS)[number];
/** The record kinds, in the order the app lists them (for z.enum and iteration). */
export const RECORD_KIND_VALUES = ["COMPANY", "CONTACT", "LEAD", "DEAL", "TICKET"] as const;
export type RecordKind = (typeof RECORD_KIND_VALUES)[number];

export interface KindWords {
  singular: string;
  plural: string;
}

export interface RecordKindWords extends KindWords {
  /** The REST collection and the app's route: /api/v1/deals, /deals/{id}. */
  collection: Collection;
}

export const KIND_WORDS: Record<RecordKind, RecordKindWords> = {
  COMPANY: { singular: "company", plural: "companies", collection: "companies" },
  CONTACT: { singular: "contact", plural: "contacts", collection: "contacts" },
  LEAD: { singular: "lead", plural: "leads", collection: "leads" },
  DEAL: { singular: "deal", plural: "deals", collection: "deals" },
  TICKET: { singular: "ticket", plural: "tickets", collection: "tickets" },
};

/** Activities hang off a record and have no pages of their own, but lists and automations name them too. */
export const ACTIVITY_WORDS: KindWords = { singular: "activity", plural: "activities" };

/** Record types arrive as strings (JSON, URLs, jsonb): is this one a record kind? */
export const isRecordKind = (value: unknown): value is RecordKind => typeof value === "string" && Object.hasOwn(KIND_WORDS, value);

export const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The page of a record (`/deals/{id}`), or with no id the kind's own page (`/deals`). */
export function recordPath(kind: RecordKind, id?: string): string {
  const base = `/${KIND_WORDS[kind].collection}`;
  return id === undefined ? base : `${base}/${id}`;
}
