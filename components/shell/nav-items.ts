export const NAV_ITEMS = [
  { href: "/contacts", label: "Contacts", icon: "users" },
  { href: "/companies", label: "Companies", icon: "building" },
  { href: "/leads", label: "Leads", icon: "sparkles" },
  { href: "/deals", label: "Deals", icon: "kanban" },
  { href: "/tickets", label: "Tickets", icon: "lifebuoy" },
  { href: "/tasks", label: "My tasks", icon: "tasks" },
  { href: "/lists", label: "Lists", icon: "list" },
  { href: "/dashboards", label: "Dashboards", icon: "dashboard" },
  { href: "/team", label: "Team", icon: "team" },
  { href: "/reports", label: "Reports", icon: "chart" },
  { href: "/settings", label: "Settings", icon: "settings" },
] as const;
