import { apiRoute } from "@/lib/api/handler";
import { revokeApiKey } from "@/lib/api/keys";
import { notFound } from "@/lib/errors";

export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** DELETE /api/v1/api-keys/{id} — revokes the key (kept, listed as revoked); 404 if unknown or already revoked. */
export const DELETE = apiRoute<{ id: string }>("apiKeys.manage", async ({ ctx, params }) => {
  if (!UUID.test(params.id)) throw notFound("API key");
  await revokeApiKey(ctx, params.id);
  return new Response(null, { status: 204 });
});
