"use client";

import { Building2, ChartColumn, Kanban, LayoutDashboard, LifeBuoy, List, ListChecks, ListOrdered, Menu, Send, Settings, Sparkles, Trophy, Users, X } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { cn } from "@/components/ui/cn";
import { GlobalSearchBox } from "./global-search-box";
import { NAV_ITEMS } from "./nav-items";
import { UserMenu } from "./user-menu";

const ICONS = { users: Users, building: Building2, sparkles: Sparkles, kanban: Kanban, lifebuoy: LifeBuoy, list: List, tasks: ListChecks, chart: ChartColumn, dashboard: LayoutDashboard, team: Trophy, settings: Settings, send: Send, sequence: ListOrdered };

export interface ShellUser {
  name: string;
  email: string;
  role: string;
}

/** `overdueTasks` is the signed-in user's count of overdue tasks, shown on "My tasks". */
export function AppShell({ tenantName, user, overdueTasks = 0, children }: { tenantName: string; user: ShellUser; overdueTasks?: number; children: React.ReactNode }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  return (
    <div className="flex min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2">
        Skip to content
      </a>
      <aside
        className={cn(
          "fixed inset-y-0 left-0 z-40 w-56 shrink-0 flex-col border-r border-slate-200 bg-white lg:static lg:flex",
          open ? "flex" : "hidden",
        )}
      >
        <div className="flex h-14 items-center justify-between border-b border-slate-200 px-4">
          <div className="min-w-0">
            <p className="text-sm font-bold text-brand-700">Stageline</p>
            <p className="truncate text-xs text-slate-500" data-testid="tenant-name" title={tenantName}>
              {tenantName}
            </p>
          </div>
          <button type="button" className="rounded p-1 hover:bg-slate-100 lg:hidden" aria-label="Close navigation" onClick={() => setOpen(false)}>
            <X className="size-4" aria-hidden />
          </button>
        </div>
        <nav aria-label="Main" className="flex-1 space-y-0.5 p-2">
          {NAV_ITEMS.map((item) => {
            const Icon = ICONS[item.icon];
            const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
            return (
              <Link
                key={item.href}
                href={item.href}
                aria-current={active ? "page" : undefined}
                onClick={() => setOpen(false)}
                className={cn(
                  "flex items-center gap-2.5 rounded-md px-3 py-2 text-sm font-medium",
                  active ? "bg-brand-50 text-brand-700" : "text-slate-700 hover:bg-slate-100",
                )}
              >
                <Icon className="size-4" aria-hidden />
                {item.label}
                {item.href === "/tasks" && overdueTasks > 0 ? (
                  <span className="ml-auto rounded-full bg-red-100 px-1.5 text-xs font-semibold leading-5 text-red-700" data-testid="overdue-tasks">
                    {overdueTasks > 99 ? "99+" : overdueTasks}
                    <span className="sr-only"> overdue</span>
                  </span>
                ) : null}
              </Link>
            );
          })}
        </nav>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-30 flex h-14 items-center gap-3 border-b border-slate-200 bg-white/95 px-4 backdrop-blur">
          <button type="button" className="rounded p-1.5 hover:bg-slate-100 lg:hidden" aria-label="Open navigation" onClick={() => setOpen(true)}>
            <Menu className="size-5" aria-hidden />
          </button>
          <GlobalSearchBox />
          <div className="ml-auto flex items-center gap-2">
            <NotificationBell />
            <UserMenu user={user} />
          </div>
        </header>
        <main id="main" className="min-w-0 flex-1 p-4 lg:p-6">
          {children}
        </main>
      </div>
    </div>
  );
}
