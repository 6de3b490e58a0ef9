import type { Metadata } from "next";
import Link from "next/link";
import { getSession } from "@/lib/auth/session";
import { lookupInvitation } from "@/lib/tenancy/invitations";
import { ROLE_LABELS } from "@/lib/tenancy/schemas";
import { AcceptAsNewUserForm, AcceptAsSignedInForm, SignOutToAccept } from "@/components/auth/accept-form";
import { FormAlert } from "@/components/ui/form-alert";

export const metadata: Metadata = { title: "Accept invitation", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const inv = await lookupInvitation(token);
  if (!inv || inv.status !== "valid") {
    const message = !inv
      ? "This invitation link is not valid. It may have been revoked, or copied incompletely."
      : inv.status === "used"
        ? "This invitation has already been used."
        : "This invitation has expired. Ask an admin of the workspace for a new one.";
    return (
      <div className="space-y-4">
        <h1 className="text-lg font-semibold">Invitation unavailable</h1>
        <FormAlert message={message} />
        <p className="text-center text-sm">
          <Link href="/login" className="font-medium text-brand-700 hover:underline">
            Go to sign in
          </Link>
        </p>
      </div>
    );
  }
  const session = await getSession();
  const signedInAs = session?.user.email.toLowerCase();
  return (
    <div className="space-y-4">
      <h1 className="text-lg font-semibold">Join {inv.tenantName}</h1>
      <p className="text-sm text-slate-600">
        You are invited to <strong>{inv.tenantName}</strong> as <strong>{ROLE_LABELS[inv.role].toLowerCase()}</strong>.
      </p>
      {!session ? (
        <AcceptAsNewUserForm token={token} email={inv.email} />
      ) : signedInAs === inv.email ? (
        <>
          <p className="text-sm text-slate-600">
            You are signed in as <strong>{session.user.email}</strong>.
          </p>
          <AcceptAsSignedInForm token={token} />
        </>
      ) : (
        <>
          <p role="alert" className="rounded-md bg-amber-50 p-2 text-sm text-amber-900">
            You are signed in as <strong>{session.user.email}</strong>, but this invitation is for <strong>{inv.email}</strong>. Sign out to accept it as{" "}
            {inv.email}.
          </p>
          <SignOutToAccept token={token} />
        </>
      )}
    </div>
  );
}
