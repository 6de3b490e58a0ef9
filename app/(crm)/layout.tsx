import { AppShell } from "@/components/shell/app-shell";
import { requirePageSession } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export default async function CrmLayout({ children }: { children: React.ReactNode }) {
  const s = await requirePageSession();
  return (
    <AppShell tenantName={s.tenantName} user={{ name: s.user.name, email: s.user.email, role: s.role }}>
      {children}
    </AppShell>
  );
}
