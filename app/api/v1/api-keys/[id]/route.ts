import { apiRoute } from "@/lib/api/handler";
import { revokeApiKey } from "@/lib/api/keys";
import { notFound } from "@/lib/errors";
import { isUuid } from "@/lib/uuid";

export const dynamic = "force-dynamic";

/** DELETE /api/v1/api-keys/{id} — revokes the key (kept, listed as revoked); 404 if unknown or already revoked. */
export const DELETE = apiRoute<{ id: string }>("apiKeys.manage", async ({ ctx, params }) => {
  if (!isUuid(params.id)) throw notFound("API key");
  await revokeApiKey(ctx, params.id);
  return new Response(null, { status: 204 });
});
