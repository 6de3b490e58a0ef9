import { NextResponse } from "next/server";
import { z } from "zod";
import { apiRoute } from "@/lib/api/handler";
import { uuidParam } from "@/lib/api/records-route";
import { getSyncLedger, requestMailboxSync, resyncMailboxFrom } from "@/lib/email/sync-service";

export const dynamic = "force-dynamic";

/** GET: the mailbox's sync ledger (API.md "Email"). */
export const GET = apiRoute<{ id: string }>("email.send", async ({ ctx, params }) => getSyncLedger(ctx, uuidParam(params.id, { singular: "Mailbox" })));

/** POST → 202: "Sync now", or with `from` "Resync from date"; the worker runs it. */
export const POST = apiRoute<{ id: string }>("email.send", async ({ ctx, params, body }) => {
  const id = uuidParam(params.id, { singular: "Mailbox" });
  const v = await body(z.object({ from: z.iso.date().optional() }));
  if (v.from) await resyncMailboxFrom(ctx, id, `${v.from}T00:00:00Z`);
  else await requestMailboxSync(ctx, id);
  return NextResponse.json({ queued: true }, { status: 202 });
});
