// The one event writer writes a few events a parameter per value and many as one array per
// column (unnest): both shapes must store the same rows, in the order given.
import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { domainEvents } from "@/db/schema";
import { makeTenant } from "@/db/testing/factories";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { emitEvents, type NewEvent } from "./emit";

const awkward = ['a "quoted" word', "back\\slash", "line\nbreak", "emoji 🎉 and ü", "{braces,commas}", "NULL", ""];

function eventsOf(n: number, entityId: string): NewEvent[] {
  return Array.from({ length: n }, (_, i) => ({
    type: i % 3 === 0 ? "record.updated" : "activity.created",
    ...(i % 4 === 0 ? {} : { entityType: "CONTACT" as const, entityId }),
    payload: { i, text: awkward[i % awkward.length], nested: { list: [i, null, "x"] }, none: null },
  }));
}

describe("emitEvents", () => {
  for (const n of [3, 40]) {
    it(`stores ${n} events as given, in order, with the actor (${n < 16 ? "a parameter per value" : "arrays per column"})`, async () => {
      const t = await makeTenant();
      const entityId = crypto.randomUUID();
      const events = eventsOf(n, entityId);
      const ids = await withTenant(t.ctx, (tx) => emitEvents(tx, t.ctx, events));
      expect(ids).toHaveLength(n);
      const rows = await withTenant(t.ctx, (tx) => tx.select().from(domainEvents).where(eq(domainEvents.tenantId, t.tenantId)).orderBy(asc(domainEvents.seq)));
      const mine = rows.filter((r) => ids.includes(r.id));
      expect(mine.map((r) => r.id)).toEqual(ids);
      mine.forEach((row, i) => {
        const e = events[i]!;
        expect(row).toMatchObject({ eventType: e.type, entityType: e.entityType ?? null, entityId: e.entityId ?? null, actorUserId: t.ctx.actor.userId, source: t.ctx.actor.source });
        expect(row.payload).toEqual({ ...e.payload, actor: { kind: t.ctx.actor.kind, userId: t.ctx.actor.userId, apiKeyId: null } });
      });
    });
  }
});
