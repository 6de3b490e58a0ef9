import { apiRoute } from "@/lib/api/handler";
import { refreshList } from "@/lib/lists/dynamic";

export const dynamic = "force-dynamic";

/** POST /api/v1/lists/{id}/refresh — recompute a DYNAMIC list now → { added, removed, total } */
export const POST = apiRoute<{ id: string }>("lists.write", async ({ ctx, params }) => refreshList(ctx, params.id));
