import { apiRoute } from "@/lib/api/handler";
import { importPatchSchema } from "@/lib/imports/schemas";
import { getImport, updateImport } from "@/lib/imports/service";

export const dynamic = "force-dynamic";

type Params = { id: string };

export const GET = apiRoute<Params>("records.read", async ({ ctx, params }) => getImport(ctx, params.id));

/** The mapping and settings, while the import is MAPPING. */
export const PATCH = apiRoute<Params>("records.write", async ({ ctx, params, body }) => updateImport(ctx, params.id, await body(importPatchSchema)));
