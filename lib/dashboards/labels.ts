// Names of the fields a widget measures or groups by (pure), for the figures' column
// headers; custom fields by their label when known.
const KNOWN: Record<string, string> = {
  createdAt: "Created",
  updatedAt: "Updated",
  stageEnteredAt: "In stage since",
  closeDate: "Close date",
  closedAt: "Closed",
  convertedAt: "Converted",
  activityAt: "Activity date",
  forecastProbability: "Probability",
  employeeCount: "Employees",
  durationSeconds: "Duration (seconds)",
};

export function humanize(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function widgetFieldLabel(path: string, customLabels: ReadonlyMap<string, string> = new Map()): string {
  if (path.startsWith("customFields.")) return customLabels.get(path) ?? humanize(path.slice("customFields.".length));
  return KNOWN[path] ?? humanize(path);
}
