// The record page's "Send email" (contacts, leads, deals): loads what the dialog needs.
import "server-only";
import { loadComposeData } from "@/lib/email/compose-data";
import type { TenantContext } from "@/lib/tenancy/context";
import { ComposeEmailDialog } from "./compose-email-dialog";

export async function ComposeEmailButton({ ctx, kind, id }: { ctx: TenantContext; kind: "CONTACT" | "LEAD" | "DEAL"; id: string }) {
  return <ComposeEmailDialog kind={kind} recordId={id} data={await loadComposeData(ctx, kind, id)} />;
}
