// How the UI names each kind of record (words from lib/records/kinds.ts): settings tabs,
// list and automation forms pick the kinds they offer, in their own order. Pure data.
import { ACTIVITY_WORDS, capitalize, KIND_WORDS } from "@/lib/records/kinds";

const WORDS = { ...KIND_WORDS, ACTIVITY: ACTIVITY_WORDS };

export type LabelledType = keyof typeof WORDS;

/** Select options for `types`, in that order. */
export function typeOptions<const T extends readonly LabelledType[]>(types: T): { value: T[number]; label: string; singular: string }[] {
  return types.map((value) => ({ value, label: capitalize(WORDS[value].plural), singular: WORDS[value].singular }));
}
