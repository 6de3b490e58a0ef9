import { apiRoute } from "@/lib/api/handler";
import { uuidParam } from "@/lib/api/records-route";
import { sequenceFigures } from "@/lib/sequences/queries";
import { sequenceInputSchema } from "@/lib/sequences/schemas";
import { deleteSequence, updateSequence } from "@/lib/sequences/service";
import { sequenceJson } from "@/lib/sequences/view";

export const dynamic = "force-dynamic";

type P = { id: string };
const idOf = (p: P) => uuidParam(p.id, { singular: "Sequence" });

/** GET /sequences/{id} → the sequence, its steps and its figures per step. */
export const GET = apiRoute<P>("sequences.read", async ({ ctx, params }) => {
  const { sequence, figures } = await sequenceFigures(ctx, idOf(params));
  return { ...sequenceJson(sequence), figures };
});

/** PUT /sequences/{id} → the sequence (steps kept by position, so their figures stay). */
export const PUT = apiRoute<P>("sequences.manage", async ({ ctx, params, body }) => sequenceJson(await updateSequence(ctx, idOf(params), await body(sequenceInputSchema))));

/** DELETE /sequences/{id} → 204 (its enrollments end with it). */
export const DELETE = apiRoute<P>("sequences.manage", async ({ ctx, params }) => {
  await deleteSequence(ctx, idOf(params));
  return new Response(null, { status: 204 });
});
