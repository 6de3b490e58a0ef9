import { z } from "zod";
import { apiRoute } from "@/lib/api/handler";
import { mergeRecords } from "@/lib/merge/merge-records";
import { mergeParams } from "@/lib/merge/route";
import { serializeRecord } from "@/lib/records/service";

export const dynamic = "force-dynamic";

/** POST /api/v1/{contacts|companies|leads}/{id}/merge → 200 the surviving record (API.md "Duplicates and merge"). */
export const POST = apiRoute<{ collection: string; id: string }>("records.delete", async (api) => {
  const { kind, id } = mergeParams(api.params);
  return serializeRecord(await mergeRecords(api.ctx, kind, id, await api.body(z.unknown())));
});
