import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { uuidParam } from "@/lib/api/records-route";
import { originFrom } from "@/lib/public-origin";
import { listEnrollments } from "@/lib/sequences/queries";
import { enrollSchema } from "@/lib/sequences/schemas";
import { enroll } from "@/lib/sequences/service";
import { enrollmentJson } from "@/lib/sequences/view";

export const dynamic = "force-dynamic";

type P = { id: string };

/** GET /sequences/{id}/enrollments → the latest 200 enrollments. */
export const GET = apiRoute<P>("sequences.read", async ({ ctx, params }) => ({ data: (await listEnrollments(ctx, { sequenceId: uuidParam(params.id, { singular: "Sequence" }) })).map(enrollmentJson), nextCursor: null }));

/** POST /sequences/{id}/enrollments { contactId } | { listId } → 201 { enrolled, skipped, enrollments }. */
export const POST = apiRoute<P>("sequences.enroll", async ({ ctx, params, body, req }) => {
  const r = await enroll(ctx, uuidParam(params.id, { singular: "Sequence" }), await body(enrollSchema), { publicOrigin: originFrom(req.headers), source: "API" });
  return NextResponse.json({ enrolled: r.enrolled, skipped: r.skipped, enrollments: r.enrollments.map(enrollmentJson) }, { status: 201 });
});
