// Tenant-wide coloured tags. Records carry tag *names* in their `tags` text[] column, so
// renaming or deleting a tag rewrites those arrays in the same transaction; a record
// write that names an unknown tag creates it (ensureTags) with the default colour.
import "server-only";
import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import { tags, type Tag } from "@/db/schema";
import { assertCan } from "@/lib/auth/permissions";
import { AppError, isUniqueViolation, notFound } from "@/lib/errors";
import { RECORD_KINDS } from "@/lib/records/registry";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant, type Tx } from "@/lib/tenancy/with-tenant";
import { isUuid } from "@/lib/uuid";
import { DEFAULT_TAG_COLOR, tagCreateSchema, tagUpdateSchema, type TagCreateInput, type TagUpdateInput } from "./schemas";

export interface TagWithUsage extends Tag {
  /** Live records (all five kinds) carrying the tag; present when asked for. */
  usageCount?: number;
}

const RECORD_TABLES = Object.values(RECORD_KINDS).map((d) => d.table);

/** A bound text[] literal: array[$1::text, $2::text, ...]. */
export const textArray = (values: readonly string[]) => sql`array[${sql.join(values.map((v) => sql`${v}::text`), sql`, `)}]::text[]`;

/** The API shape: no tenant id. */
export function tagJson(t: TagWithUsage) {
  return { id: t.id, name: t.name, color: t.color, category: t.category, createdAt: t.createdAt, ...(t.usageCount === undefined ? {} : { usageCount: t.usageCount }) };
}

export async function listTags(ctx: TenantContext, opts: { withCounts?: boolean } = {}): Promise<TagWithUsage[]> {
  return withTenant(ctx, async (tx) => {
    const rows = await tx.select().from(tags).where(eq(tags.tenantId, ctx.tenantId)).orderBy(asc(sql`lower(${tags.name})`), asc(tags.name));
    if (!opts.withCounts || rows.length === 0) return rows;
    const counts = await usageCounts(tx, ctx.tenantId, rows.map((r) => r.name));
    return rows.map((r) => ({ ...r, usageCount: counts.get(r.name) ?? 0 }));
  });
}

/** Live records per tag name; `tags && names` lets each table's GIN index on tags find them. */
async function usageCounts(tx: Tx, tenantId: string, names: string[]): Promise<Map<string, number>> {
  const arr = textArray(names);
  const parts = RECORD_TABLES.map(
    (t) => sql`select unnest(${t.tags}) as tag from ${t} where ${t.tenantId} = ${tenantId} and ${t.deletedAt} is null and ${t.tags} && ${arr}`,
  );
  const rows = await tx.execute<{ tag: string; n: number }>(sql`select tag, count(*)::int as n from (${sql.join(parts, sql` union all `)}) x where tag = any(${arr}) group by tag`);
  return new Map(rows.map((r) => [r.tag, Number(r.n)]));
}

export async function getTag(ctx: TenantContext, id: string): Promise<Tag> {
  if (!isUuid(id)) throw notFound("Tag");
  const [row] = await withTenant(ctx, (tx) => tx.select().from(tags).where(and(eq(tags.tenantId, ctx.tenantId), eq(tags.id, id))));
  if (!row) throw notFound("Tag");
  return row;
}

const nameTaken = (name: string) => new AppError("conflict", `A tag named "${name}" already exists`, { errors: [{ path: "name", message: "is already used by another tag" }] });

/** Tag names are compared without case, so "VIP" and "vip" cannot both exist. */
async function assertNameFree(tx: Tx, tenantId: string, name: string, exceptId?: string) {
  const [clash] = await tx
    .select({ id: tags.id })
    .from(tags)
    .where(and(eq(tags.tenantId, tenantId), sql`lower(${tags.name}) = lower(${name})`, exceptId ? ne(tags.id, exceptId) : undefined))
    .limit(1);
  if (clash) throw nameTaken(name);
}

export async function createTag(ctx: TenantContext, input: TagCreateInput): Promise<Tag> {
  assertCan(ctx.actor.role, "fields.manage");
  const data = tagCreateSchema.parse(input);
  try {
    return await withTenant(ctx, async (tx) => {
      await assertNameFree(tx, ctx.tenantId, data.name);
      const [row] = await tx
        .insert(tags)
        .values({ tenantId: ctx.tenantId, name: data.name, color: data.color ?? DEFAULT_TAG_COLOR, category: data.category ?? null })
        .returning();
      return row!;
    });
  } catch (err) {
    if (isUniqueViolation(err, "tags_name_key")) throw nameTaken(data.name);
    throw err;
  }
}

/**
 * Renames, recolours or re-categorises a tag. A rename rewrites the name inside every
 * record's tags array of this tenant (soft-deleted records too, so a restore keeps it)
 * in the same transaction, and bumps those records' updatedAt.
 */
export async function updateTag(ctx: TenantContext, id: string, input: TagUpdateInput): Promise<Tag> {
  assertCan(ctx.actor.role, "fields.manage");
  const data = tagUpdateSchema.parse(input);
  try {
    return await withTenant(ctx, async (tx) => {
      const before = await lockTag(tx, ctx.tenantId, id);
      const patch: Partial<typeof tags.$inferInsert> = {};
      if (data.color !== undefined) patch.color = data.color;
      if (data.category !== undefined) patch.category = data.category;
      const renamed = data.name !== undefined && data.name !== before.name;
      if (renamed) {
        await assertNameFree(tx, ctx.tenantId, data.name!, id);
        patch.name = data.name!;
      }
      if (Object.keys(patch).length === 0) return before;
      const [row] = await tx.update(tags).set(patch).where(and(eq(tags.tenantId, ctx.tenantId), eq(tags.id, id))).returning();
      if (renamed) await renameInRecords(tx, ctx.tenantId, before.name, data.name!);
      return row!;
    });
  } catch (err) {
    if (data.name && isUniqueViolation(err, "tags_name_key")) throw nameTaken(data.name);
    throw err;
  }
}

/** Deletes a tag and removes it from every record's tags array of this tenant. */
export async function deleteTag(ctx: TenantContext, id: string): Promise<void> {
  assertCan(ctx.actor.role, "fields.manage");
  await withTenant(ctx, async (tx) => {
    const before = await lockTag(tx, ctx.tenantId, id);
    for (const t of RECORD_TABLES) {
      await tx.execute(
        sql`update ${t} set tags = array_remove(${t.tags}, ${before.name}::text), updated_at = now() where ${t.tenantId} = ${ctx.tenantId} and ${t.tags} @> array[${before.name}::text]`,
      );
    }
    await tx.delete(tags).where(and(eq(tags.tenantId, ctx.tenantId), eq(tags.id, id)));
  });
}

async function lockTag(tx: Tx, tenantId: string, id: string): Promise<Tag> {
  if (!isUuid(id)) throw notFound("Tag");
  const [row] = await tx.select().from(tags).where(and(eq(tags.tenantId, tenantId), eq(tags.id, id))).for("update");
  if (!row) throw notFound("Tag");
  return row;
}

async function renameInRecords(tx: Tx, tenantId: string, from: string, to: string) {
  for (const t of RECORD_TABLES) {
    // A record that somehow already carries the new name keeps it once.
    await tx.execute(sql`
      update ${t}
      set tags = case when ${t.tags} @> array[${to}::text] then array_remove(${t.tags}, ${from}::text) else array_replace(${t.tags}, ${from}::text, ${to}::text) end,
          updated_at = now()
      where ${t.tenantId} = ${tenantId} and ${t.tags} @> array[${from}::text]`);
  }
}

/**
 * For record writes: the tag names as the tenant spells them ("vip" → "VIP" when a tag
 * "VIP" exists), without duplicates; names no tag has yet become tags with the default
 * colour. Runs in the caller's transaction.
 */
export async function ensureTags(tx: Tx, tenantId: string, names: readonly string[]): Promise<string[]> {
  const wanted: string[] = [];
  const seen = new Set<string>();
  for (const raw of names) {
    const name = raw.trim();
    if (name && !seen.has(name.toLowerCase())) {
      seen.add(name.toLowerCase());
      wanted.push(name);
    }
  }
  if (wanted.length === 0) return [];
  const existing = await tx
    .select({ name: tags.name })
    .from(tags)
    .where(and(eq(tags.tenantId, tenantId), inArray(sql`lower(${tags.name})`, [...seen])));
  const exact = new Set(existing.map((r) => r.name));
  const byLower = new Map(existing.map((r) => [r.name.toLowerCase(), r.name]));
  const canonical = wanted.map((n) => (exact.has(n) ? n : (byLower.get(n.toLowerCase()) ?? n)));
  const missing = canonical.filter((n) => !byLower.has(n.toLowerCase()));
  if (missing.length) await tx.insert(tags).values(missing.map((name) => ({ tenantId, name }))).onConflictDoNothing();
  return canonical;
}
