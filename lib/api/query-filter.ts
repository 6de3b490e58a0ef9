import type { SQL } from "drizzle-orm";
import { AppError } from "@/lib/errors";
import type { RecordKind } from "@/lib/records/registry";
import type { TenantContext } from "@/lib/tenancy/context";

/** `filter=<url-encoded filter JSON>` → SQL condition (422 with a path on a bad node). */
export async function compileQueryFilter(_ctx: TenantContext, _kind: RecordKind, raw: string | null): Promise<SQL | undefined> {
  if (!raw) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new AppError("bad-request", "filter is not valid JSON");
  }
  void parsed;
  throw new AppError("bad-request", "filter= is not supported yet");
}
