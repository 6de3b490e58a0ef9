import { apiRoute } from "@/lib/api/handler";
import { uuidParam } from "@/lib/api/records-route";
import { stopEnrollment } from "@/lib/sequences/service";

export const dynamic = "force-dynamic";

/** POST /sequence-enrollments/{id}/stop → 204 (reason MANUAL). */
export const POST = apiRoute<{ id: string }>("sequences.enroll", async ({ ctx, params }) => {
  await stopEnrollment(ctx, uuidParam(params.id, { singular: "Enrollment" }));
  return new Response(null, { status: 204 });
});
