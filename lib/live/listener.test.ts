import { and, eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { pipelines, pipelineStages } from "@/db/schema";
import { makeTenant } from "@/db/testing/factories";
import { moveRecord } from "@/lib/pipelines/move-record";
import { createRecord } from "@/lib/records/service";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/with-tenant";
import { subscribe, subscriberCount, type LiveMessage } from "./listener";
import { browserStream } from "./browser-stream";

async function stageIds(ctx: TenantContext, objectType: "DEAL" | "TICKET") {
  return withTenant(ctx, async (tx) => {
    const [p] = await tx.select().from(pipelines).where(and(eq(pipelines.tenantId, ctx.tenantId), eq(pipelines.objectType, objectType), eq(pipelines.isDefault, true)));
    const stages = await tx.select().from(pipelineStages).where(eq(pipelineStages.pipelineId, p!.id));
    return Object.fromEntries(stages.map((s) => [s.name, s.id]));
  });
}

const waitFor = (fn: () => void) => vi.waitFor(fn, { timeout: 5_000, interval: 20 });

describe("live listener", () => {
  it("delivers a committed event to the subscribers of its tenant, and not to another tenant's", async () => {
    const a = await makeTenant("A");
    const b = await makeTenant("B");
    const gotA: LiveMessage[] = [];
    const gotB: LiveMessage[] = [];
    const offA = await subscribe(a.tenantId, (m) => gotA.push(m));
    const offB = await subscribe(b.tenantId, (m) => gotB.push(m));
    const stages = await stageIds(a.ctx, "DEAL");

    const deal = await createRecord(a.ctx, "DEAL", { name: "Live deal" });
    await waitFor(() => expect(gotA).toContainEqual(expect.objectContaining({ type: "record.created", entityType: "DEAL", entityId: deal.id, tenantId: a.tenantId })));
    await moveRecord(a.ctx, "DEAL", deal.id, { toStageId: stages.Qualification! });
    await waitFor(() => expect(gotA).toContainEqual(expect.objectContaining({ type: "stage.changed", entityId: deal.id })));

    // NOTIFYs reach one listener in commit order: once B's later event is in, A's would be too
    const bDeal = await createRecord(b.ctx, "DEAL", { name: "B deal" });
    await waitFor(() => expect(gotB).toContainEqual(expect.objectContaining({ type: "record.created", entityId: bDeal.id })));
    expect(gotB.every((m) => m.tenantId === b.tenantId)).toBe(true);
    expect(gotA.every((m) => m.tenantId === a.tenantId)).toBe(true);

    // after unsubscribing, nothing more arrives
    offA();
    expect(subscriberCount(a.tenantId)).toBe(0);
    const seen = gotA.length;
    await createRecord(a.ctx, "DEAL", { name: "Unheard" });
    const marker = await createRecord(b.ctx, "DEAL", { name: "Marker" });
    await waitFor(() => expect(gotB).toContainEqual(expect.objectContaining({ entityId: marker.id })));
    expect(gotA).toHaveLength(seen);
    offB();
  });

  it("announces nothing for a refused (rolled back) move", async () => {
    const { ctx, tenantId } = await makeTenant();
    const stages = await stageIds(ctx, "TICKET");
    const got: LiveMessage[] = [];
    const off = await subscribe(tenantId, (m) => got.push(m));
    const ticket = await createRecord(ctx, "TICKET", { subject: "Skip me" });
    await expect(moveRecord(ctx, "TICKET", ticket.id, { toStageId: stages.Resolved! })).rejects.toMatchObject({ code: "movement-not-allowed" });
    await moveRecord(ctx, "TICKET", ticket.id, { toStageId: stages["In Progress"]! });
    await waitFor(() => expect(got.filter((m) => m.type === "stage.changed")).toHaveLength(1));
    expect(got.map((m) => m.type)).toEqual(["record.created", "stage.changed"]);
    off();
  });
});

describe("browserStream (SSE)", () => {
  it("streams the tenant's events of the followed record type, and unsubscribes on abort", async () => {
    const { ctx, tenantId } = await makeTenant();
    const abort = new AbortController();
    const reader = browserStream({ reader: ctx, topics: ["records:TICKET"], signal: abort.signal }).getReader();
    const decoder = new TextDecoder();
    let text = "";
    const pump = (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        text += decoder.decode(value);
      }
    })();
    await waitFor(() => expect(text).toContain(": connected"));
    expect(subscriberCount(tenantId)).toBe(1);
    await createRecord(ctx, "DEAL", { name: "Not a ticket" });
    const ticket = await createRecord(ctx, "TICKET", { subject: "Streamed" });
    await waitFor(() => expect(text).toContain(ticket.id));
    const frames = text.split("\n\n").filter((f) => f.startsWith("data: "));
    expect(frames).toHaveLength(1);
    expect(JSON.parse(frames[0]!.slice("data: ".length))).toEqual({ topic: "records:TICKET", type: "record.created", eventId: expect.any(String), entityType: "TICKET", entityId: ticket.id });
    expect(text).not.toContain(tenantId);
    abort.abort();
    await pump;
    expect(subscriberCount(tenantId)).toBe(0);
  });

  it("sends heartbeat comments", async () => {
    const { ctx } = await makeTenant();
    const abort = new AbortController();
    const reader = browserStream({ reader: ctx, topics: ["records:DEAL"], signal: abort.signal, heartbeatMs: 30 }).getReader();
    const decoder = new TextDecoder();
    let text = "";
    await waitFor(async () => {
      const { value } = await reader.read();
      text += decoder.decode(value);
      expect(text).toMatch(/: ping \d+/);
    });
    abort.abort();
  });
});
