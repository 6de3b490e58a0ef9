// Quick navigation in the ⌘K palette: the main sections and the settings pages.
import { NAV_ITEMS } from "@/components/shell/nav-items";

export interface NavCommand {
  label: string;
  href: string;
  keywords: string[];
}

const SETTINGS: [string, string, string[]][] = [
  ["Users", "/settings/users", ["members", "roles", "invite"]],
  ["Groups", "/settings/groups", ["teams"]],
  ["API keys", "/settings/api-keys", ["tokens", "integrations"]],
  ["Pipelines", "/settings/pipelines", ["stages"]],
  ["Fields", "/settings/fields", ["custom fields"]],
  ["Tags", "/settings/tags", ["labels", "colours", "colors"]],
  ["Profile", "/settings/profile", ["password", "name"]],
];

export const NAV_COMMANDS: NavCommand[] = [
  ...NAV_ITEMS.map((i) => ({ label: `Go to ${i.label}`, href: i.href, keywords: [i.label.toLowerCase()] })),
  ...SETTINGS.map(([label, href, keywords]) => ({ label: `Settings: ${label}`, href, keywords: ["settings", label.toLowerCase(), ...keywords] })),
];
