import { apiRoute } from "@/lib/api/handler";
import { uuidParam } from "@/lib/api/records-route";
import { getEmail } from "@/lib/email/send";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>("records.read", async ({ ctx, params }) => getEmail(ctx, uuidParam(params.id, { singular: "Email" })));
