"use client";

import { DropdownMenu } from "radix-ui";
import { LogOut, UserRound } from "lucide-react";
import Link from "next/link";
import { signOutAction } from "@/lib/auth/actions";
import type { ShellUser } from "./app-shell";
import { labelFor } from "@/lib/format/labels";

export function UserMenu({ user }: { user: ShellUser }) {
  const initials = user.name
    .split(/\s+/)
    .map((p) => p[0])
    .join("")
    .slice(0, 2)
    .toUpperCase();
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger asChild>
        <button type="button" aria-label={`User menu for ${user.name}`} className="flex items-center gap-2 rounded-full p-0.5 pr-2 hover:bg-slate-100">
          <span aria-hidden className="flex size-8 items-center justify-center rounded-full bg-brand-600 text-xs font-semibold text-white">
            {initials || <UserRound className="size-4" />}
          </span>
          <span className="hidden text-sm font-medium text-slate-700 md:inline">{user.name}</span>
        </button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={6} className="z-50 min-w-56 rounded-md border border-slate-200 bg-white p-1 shadow-lg">
          <div className="px-2 py-1.5">
            <p className="text-sm font-medium">{user.name}</p>
            <p className="text-xs text-slate-500">{user.email}</p>
            <p className="mt-0.5 text-xs text-slate-500">Role: {labelFor("TENANT_ROLES", user.role)}</p>
          </div>
          <DropdownMenu.Separator className="my-1 h-px bg-slate-200" />
          <DropdownMenu.Item asChild>
            <Link href="/settings/profile" className="block rounded px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-slate-100">
              Profile and password
            </Link>
          </DropdownMenu.Item>
          <DropdownMenu.Item
            className="flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-slate-100"
            onSelect={() => void signOutAction()}
          >
            <LogOut className="size-4" aria-hidden /> Sign out
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
