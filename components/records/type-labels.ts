// How the UI names each kind of record, in one place: settings tabs, list and automation
// forms pick the kinds they offer, in their own order. Pure data.
const TYPE_LABELS = {
  CONTACT: { label: "Contacts", singular: "contact" },
  COMPANY: { label: "Companies", singular: "company" },
  DEAL: { label: "Deals", singular: "deal" },
  LEAD: { label: "Leads", singular: "lead" },
  TICKET: { label: "Tickets", singular: "ticket" },
  ACTIVITY: { label: "Activities", singular: "activity" },
} as const;

export type LabelledType = keyof typeof TYPE_LABELS;

/** Select options for `types`, in that order. */
export function typeOptions<const T extends readonly LabelledType[]>(types: T): { value: T[number]; label: string; singular: string }[] {
  return types.map((value) => ({ value, ...TYPE_LABELS[value] }));
}
