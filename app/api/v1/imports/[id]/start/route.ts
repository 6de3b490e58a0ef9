import { apiRoute } from "@/lib/api/handler";
import { accepted } from "@/lib/imports/api";
import { startImport } from "@/lib/imports/service";

export const dynamic = "force-dynamic";

/** 202: the worker runs it; follow GET /imports/{id}. */
export const POST = apiRoute<{ id: string }>("records.write", async ({ ctx, params }) => accepted(await startImport(ctx, params.id)));
