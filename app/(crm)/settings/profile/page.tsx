import type { Metadata } from "next";
import { BackToSettings } from "@/components/settings/back-link";
import { ChangePasswordForm } from "@/components/settings/profile/change-password-form";
import { NameForm } from "@/components/settings/profile/name-form";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageSession } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Profile" };

export default async function ProfilePage() {
  const s = await requirePageSession();
  return (
    <>
      <BackToSettings />
      <PageHeader title="Profile" description={`Signed in as ${s.user.email}`} />
      <div className="grid max-w-3xl gap-6">
        <NameForm name={s.user.name} />
        <ChangePasswordForm email={s.user.email} />
      </div>
    </>
  );
}
