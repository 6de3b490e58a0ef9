import { Bot, Building2, Eye, FileInput, FileText, Gauge, GitBranch, KeyRound, Mail, Route, ScrollText, SlidersHorizontal, Tags, Target, Upload, UserRound, Users, UsersRound, Workflow } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageSession } from "@/lib/auth/session";
import { labelFor } from "@/lib/format/labels";

export const metadata: Metadata = { title: "Settings" };

const SECTIONS = [
  { href: "/settings/workspace", label: "Workspace", icon: Building2, description: "Name, time zone of reports and metrics, default currency", adminOnly: true },
  { href: "/settings/quotas", label: "Quotas", icon: Target, description: "Sales targets per member or group, and their attainment", adminOnly: false },
  { href: "/settings/users", label: "Users", icon: Users, description: "Members of this workspace, their roles, invitations", adminOnly: false },
  { href: "/settings/groups", label: "Groups", icon: UsersRound, description: "Teams for ownership, assignment and watching", adminOnly: false },
  { href: "/settings/access", label: "Access", icon: Eye, description: "Who sees and edits which records, per role", adminOnly: true },
  { href: "/settings/api-keys", label: "API keys", icon: KeyRound, description: "Keys for integrations using the REST API", adminOnly: true },
  { href: "/settings/profile", label: "Profile", icon: UserRound, description: "Your name and password", adminOnly: false },
  { href: "/settings/pipelines", label: "Pipelines", icon: GitBranch, description: "Pipelines, stages and movement rules", adminOnly: true },
  { href: "/settings/tags", label: "Tags", icon: Tags, description: "Tags of records: names, colours, categories", adminOnly: false },
  { href: "/settings/fields", label: "Fields", icon: SlidersHorizontal, description: "Custom fields of records", adminOnly: true },
  { href: "/settings/email", label: "Email", icon: Mail, description: "Your mailbox (SMTP) for sending email from records; shared mailboxes", adminOnly: false },
  { href: "/settings/email-templates", label: "Email templates", icon: FileText, description: "Reusable emails with {{contact.firstName}} style variables", adminOnly: false },
  { href: "/settings/web-forms", label: "Web forms", icon: FileInput, description: "Forms on your website whose submissions become leads", adminOnly: true },
  { href: "/settings/lead-scoring", label: "Lead scoring", icon: Gauge, description: "Rules and activity points behind each lead's score", adminOnly: true },
  { href: "/settings/assignment", label: "Assignment", icon: Route, description: "Who gets new records: a user, round robin, least open", adminOnly: true },
  { href: "/settings/automations", label: "Automations", icon: Workflow, description: "Rules, webhooks and their execution log", adminOnly: true },
  { href: "/settings/imports", label: "Imports", icon: Upload, description: "CSV imports: history, progress, failed rows, undo", adminOnly: false },
  { href: "/settings/audit-log", label: "Audit log", icon: ScrollText, description: "Who did what, when and from where", adminOnly: true },
  { href: "/settings/ai", label: "AI", icon: Bot, description: "The OpenAI-compatible endpoint for AI workers", adminOnly: true },
] as const;

export default async function SettingsPage() {
  const s = await requirePageSession();
  return (
    <>
      <PageHeader title="Settings" description={`Workspace ${s.tenantName} · you are ${s.role === "admin" ? "an admin" : `a ${labelFor("TENANT_ROLES", s.role).toLowerCase()}`}`} />
      <nav aria-label="Settings">
        <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
          {SECTIONS.map(({ href, label, icon: Icon, description, adminOnly }) => (
            <li key={href}>
              <Link href={href} className="flex h-full items-start gap-3 rounded-lg border border-slate-200 bg-white p-4 hover:border-brand-500 hover:bg-brand-50/40">
                <Icon className="mt-0.5 size-5 shrink-0 text-brand-600" aria-hidden />
                <span className="min-w-0">
                  <span className="flex items-center gap-2 font-medium text-slate-900">
                    {label}
                    {adminOnly ? <Badge>Admins</Badge> : null}
                  </span>
                  <span className="mt-0.5 block text-sm text-slate-600">{description}</span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <p className="mt-6 text-sm text-slate-500">Changes to roles and memberships take effect at the member&apos;s next request.</p>
    </>
  );
}
