// Shared handlers for the five record collections (API.md "Records").
import "server-only";
import { z } from "zod";
import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import { listRecords } from "@/lib/records/queries";
import { kindOfCollection, type RecordKindDef } from "@/lib/records/registry";
import { createRecord, deleteRecord, getRecord, serializeRecord, updateRecord } from "@/lib/records/service";
import { isUuid } from "@/lib/uuid";
import type { ApiContext } from "./handler";

export function kindFromParams(collection: string): RecordKindDef {
  const def = kindOfCollection(collection);
  if (!def) throw new AppError("not-found", `No collection named ${collection}`);
  return def;
}

export async function listCollection(api: ApiContext<{ collection: string }>) {
  const def = kindFromParams(api.params.collection);
  const q = api.query;
  const limitRaw = q.get("limit");
  const limit = limitRaw === null ? 50 : Number(limitRaw);
  const { compileQueryFilter } = await import("./query-filter");
  const where = await compileQueryFilter(api.ctx, def.kind, q.get("filter"));
  const page = await listRecords(api.ctx, def.kind, { limit, cursor: q.get("cursor"), sort: q.get("sort"), q: q.get("q"), where });
  return { data: page.data.map(serializeRecord), nextCursor: page.nextCursor };
}

export async function createInCollection(api: ApiContext<{ collection: string }>) {
  const def = kindFromParams(api.params.collection);
  const body = await api.body(z.unknown());
  const row = await createRecord(api.ctx, def.kind, body);
  return NextResponse.json(serializeRecord(row), { status: 201 });
}

export async function getOne(api: ApiContext<{ collection: string; id: string }>) {
  const def = kindFromParams(api.params.collection);
  return serializeRecord(await getRecord(api.ctx, def.kind, uuidParam(api.params.id, def)));
}

export async function patchOne(api: ApiContext<{ collection: string; id: string }>) {
  const def = kindFromParams(api.params.collection);
  const body = await api.body(z.unknown());
  return serializeRecord(await updateRecord(api.ctx, def.kind, uuidParam(api.params.id, def), body));
}

export async function deleteOne(api: ApiContext<{ collection: string; id: string }>) {
  const def = kindFromParams(api.params.collection);
  await deleteRecord(api.ctx, def.kind, uuidParam(api.params.id, def));
  return new NextResponse(null, { status: 204 });
}

/** A malformed id cannot name a record of this tenant: 404, like any unknown id. */
export function uuidParam(id: string, def: { singular: string }): string {
  if (!isUuid(id)) throw new AppError("not-found", `${def.singular} not found`);
  return id;
}
