// GET <page>/board-data: the board as JSON (refetches after a move or a live event), or
// with `stage` + `cursor` the next cards of one column ("load more").
import "server-only";
import { apiRoute } from "@/lib/api/handler";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/uuid";
import { parseBoardFilters } from "./filters";
import { loadBoard, loadColumnPage } from "./queries";
import type { BoardKind } from "./types";

function uuidParam(query: URLSearchParams, name: string): string {
  const v = query.get(name);
  if (!v || !isUuid(v)) throw new AppError("bad-request", `${name} must be a UUID`);
  return v;
}

/** `limits=<stageId>:<n>,...` → { stageId: n } (malformed entries are ignored). */
function parseLimits(raw: string | null): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of (raw ?? "").split(",")) {
    const [id, n] = part.split(":");
    if (id && isUuid(id) && /^\d{1,4}$/.test(n ?? "")) out[id] = Number(n);
  }
  return out;
}

export function boardDataRoute(kind: BoardKind) {
  return apiRoute("records.read", async ({ ctx, query }) => {
    const pipelineId = uuidParam(query, "pipeline");
    const filters = parseBoardFilters(query);
    const cursor = query.get("cursor");
    const headers = { "cache-control": "no-store" };
    if (cursor) {
      const page = await loadColumnPage(ctx, kind, { pipelineId, stageId: uuidParam(query, "stage"), cursor, filters });
      return Response.json(page, { headers });
    }
    return Response.json(await loadBoard(ctx, kind, pipelineId, filters, { limits: parseLimits(query.get("limits")) }), { headers });
  });
}
