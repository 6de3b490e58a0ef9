import { sql } from "drizzle-orm";
import { customType, timestamp, uuid } from "drizzle-orm/pg-core";

/** Every tenant table starts with these; (tenant_id, id) is its primary key. */
export const tenantId = () => uuid().notNull();
export const id = () => uuid().notNull().default(sql`gen_random_uuid()`);
export const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
export const updatedAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();

/**
 * Fractional-index keys (fractional-indexing) compare byte by byte; the "C" collation
 * keeps that order whatever the database's default collation is.
 */
export const positionKey = customType<{ data: string }>({ dataType: () => 'text COLLATE "C"' });
