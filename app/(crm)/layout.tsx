import { AppShell } from "@/components/shell/app-shell";
import { myOverdueTaskCount } from "@/lib/activities/queries";
import { requirePageSession } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export default async function CrmLayout({ children }: { children: React.ReactNode }) {
  const s = await requirePageSession();
  const overdueTasks = await myOverdueTaskCount(s.ctx);
  return (
    <AppShell tenantName={s.tenantName} user={{ name: s.user.name, email: s.user.email, role: s.role }} overdueTasks={overdueTasks}>
      {children}
    </AppShell>
  );
}
