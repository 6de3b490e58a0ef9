// The suppression list's input and entry shapes, shared by the service, the REST API and the
// Settings screen (no I/O: safe in the browser).
import { z } from "zod";
import type { SuppressionReason } from "@/db/schema/campaigns";

/** The reasons an address is added for by hand or by the API; ERASED comes only from the privacy erase. */
export const MANUAL_SUPPRESSION_REASONS = ["UNSUBSCRIBED", "BOUNCED", "COMPLAINED"] as const satisfies readonly SuppressionReason[];

export const suppressInputSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email({ message: "is not an email address" })),
  reason: z.enum(MANUAL_SUPPRESSION_REASONS),
  detail: z.string().max(500).optional(),
});

export const suppressionListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).optional(),
  cursor: z.string().max(200).optional(),
  /** Part of the address, any case. */
  q: z.string().trim().max(254).optional(),
});

export interface SuppressionEntry {
  /** The address hash and the reason: an address may be listed for several reasons. */
  id: string;
  /** Null once the contact was erased (the hash is kept). */
  email: string | null;
  reason: SuppressionReason;
  sourceEmailId: string | null;
  detail: string | null;
  createdAt: string;
  /** False for an erased person's entries, which stay forever. */
  removable: boolean;
}

/**
 * Whether an entry may be taken off the list: an erased person's never — its ERASED entry, nor
 * any other of their entries (the erase blanked the address on all of them).
 */
export const isRemovable = (reason: SuppressionReason, email: string | null) => reason !== "ERASED" && email !== null;
