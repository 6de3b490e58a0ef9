import { apiRoute } from "@/lib/api/handler";
import { accepted } from "@/lib/imports/api";
import { undoImport } from "@/lib/imports/service";

export const dynamic = "force-dynamic";

/** 202: the worker undoes it; follow GET /imports/{id} (status UNDONE, `conflicts`). */
export const POST = apiRoute<{ id: string }>("records.write", async ({ ctx, params }) => accepted(await undoImport(ctx, params.id)));
