import { apiRoute } from "@/lib/api/handler";
import { previewImport } from "@/lib/imports/service";

export const dynamic = "force-dynamic";

/** The first rows run through the import's writes and rolled back: each row's outcome or error. */
export const POST = apiRoute<{ id: string }>("records.write", async ({ ctx, params }) => ({ data: await previewImport(ctx, params.id) }));
