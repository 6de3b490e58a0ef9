"use client";

import { toast } from "sonner";
import { actionMessage, type ActionResult } from "@/lib/action-result";

/**
 * Tells the user how an action ended: its failure as an error toast, or `success` as a
 * success toast. Returns whether it succeeded (a ConfirmButton closes on true).
 */
export function toastResult(result: ActionResult, success: string): boolean {
  const err = actionMessage(result);
  if (err) toast.error(err);
  else toast.success(success);
  return !err;
}
