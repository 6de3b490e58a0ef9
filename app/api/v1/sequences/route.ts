import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { sequenceInputSchema } from "@/lib/sequences/schemas";
import { createSequence, listSequences } from "@/lib/sequences/service";
import { sequenceJson } from "@/lib/sequences/view";

export const dynamic = "force-dynamic";

/** GET /sequences → every sequence, with its step count and how many are in it now. */
export const GET = apiRoute("sequences.read", async ({ ctx }) => ({
  data: (await listSequences(ctx)).map((q) => ({ id: q.id, name: q.name, mailboxId: q.mailboxId, stopOnStageStates: q.stopOnStageStates, track: q.track, stepCount: q.stepCount, active: q.active, createdAt: q.createdAt.toISOString() })),
  nextCursor: null,
}));

/** POST /sequences → 201 the sequence with its steps. */
export const POST = apiRoute("sequences.manage", async ({ ctx, body }) => NextResponse.json(sequenceJson(await createSequence(ctx, await body(sequenceInputSchema))), { status: 201 }));
