import { apiRoute } from "@/lib/api/handler";
import { uuidParam } from "@/lib/api/records-route";
import { getSyncedEmail } from "@/lib/email/sync-service";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>("records.read", async ({ ctx, params }) => getSyncedEmail(ctx, uuidParam(params.id, { singular: "Email" })));
