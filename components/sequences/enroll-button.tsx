// The contact page's "Enroll in sequence": loads the sequences to choose from.
import "server-only";
import { listSequences } from "@/lib/sequences/service";
import type { TenantContext } from "@/lib/tenancy/context";
import { EnrollDialog } from "./enroll-dialog";

export async function EnrollButton({ ctx, contactId }: { ctx: TenantContext; contactId: string }) {
  const sequences = await listSequences(ctx);
  return <EnrollDialog mode="contact" contactId={contactId} sequences={sequences.map((q) => ({ id: q.id, name: q.name }))} />;
}
