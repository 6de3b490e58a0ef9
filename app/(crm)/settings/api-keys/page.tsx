import type { Metadata } from "next";
import { ApiKeysTable } from "@/components/settings/api-keys/api-keys-table";
import { CreateApiKeyDialog } from "@/components/settings/api-keys/create-api-key-dialog";
import { BackToSettings } from "@/components/settings/back-link";
import { PageHeader } from "@/components/shell/page-header";
import { listApiKeys } from "@/lib/api/keys";
import { can } from "@/lib/auth/permissions";
import { requirePageSession } from "@/lib/auth/session";
import { listMembers } from "@/lib/tenancy/members";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysSettingsPage() {
  const s = await requirePageSession();
  if (!can(s.role, "apiKeys.manage")) {
    return (
      <>
        <BackToSettings />
        <PageHeader title="API keys" />
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-600">Only admins can see and manage API keys. Ask an admin of {s.tenantName} for one.</p>
      </>
    );
  }
  const [keys, members] = await Promise.all([listApiKeys(s.ctx), listMembers(s.ctx)]);
  const activeUsers = members.filter((m) => m.isActive).map((m) => ({ userId: m.userId, name: m.name, email: m.email }));
  return (
    <>
      <BackToSettings />
      <PageHeader
        title="API keys"
        description="A key acts with the role you give it, on this workspace only. Send it as Authorization: Bearer <key> to /api/v1."
        actions={<CreateApiKeyDialog users={activeUsers} />}
      />
      <ApiKeysTable keys={keys} />
    </>
  );
}
