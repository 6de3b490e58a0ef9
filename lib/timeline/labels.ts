// Words for fields and values in the timeline and in notifications. Client-safe, pure.
const SPECIAL: Record<string, string> = {
  ownedByUserId: "Owner",
  ownedByGroupId: "Owner group",
  assignedUserId: "Assignee",
  assignedGroupId: "Assigned group",
  companyId: "Company",
  contactId: "Contact",
  customFields: "Custom fields",
  linkedinUrl: "LinkedIn URL",
  emailOptIn: "Email opt-in",
  forecastProbability: "Forecast probability",
  annualRevenue: "Annual revenue",
  employeeCount: "Employees",
};

/** `jobTitle` → "Job title"; `customFields.budget` → "Budget". */
export function fieldLabel(field: string): string {
  if (SPECIAL[field]) return SPECIAL[field];
  const name = field.startsWith("customFields.") ? field.slice("customFields.".length) : field;
  const words = name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/[_-]+/g, " ").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A stored value as short text: "(empty)" for nothing, lists joined, objects as JSON. */
export function valueText(v: unknown, max = 80): string {
  if (v === null || v === undefined || v === "") return "(empty)";
  const s = Array.isArray(v) ? v.join(", ") || "(empty)" : typeof v === "object" ? JSON.stringify(v) : String(v);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

const ACTIVITY_NOUN: Record<string, string> = { CALL: "call", EMAIL: "email", MEETING: "meeting", NOTE: "note", TASK: "task" };
export const activityNoun = (type: string) => ACTIVITY_NOUN[type] ?? "activity";
