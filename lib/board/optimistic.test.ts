import { describe, expect, it } from "vitest";
import { SALES_PIPELINE, SUPPORT_PIPELINE } from "@/lib/pipelines/defaults";
import { dropVerdict, dropVerdicts } from "./drop-rules";
import { addMoney, negateMoney, weightedAmount } from "./money";
import { appendPages, applyMove, loadedLimits, planDrop, withLoadedPages } from "./optimistic";
import type { BoardCard, BoardData, BoardKind, BoardPipeline } from "./types";

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

function pipelineOf(template: typeof SALES_PIPELINE): BoardPipeline {
  return {
    id: uuid(900),
    name: template.name,
    movementMode: template.movementMode,
    stages: template.stages.map((s, i) => ({
      id: uuid(100 + i),
      name: s.name,
      color: s.color,
      displayOrder: i,
      stageState: s.stageState,
      probability: s.probability,
      requiredFields: [],
      expectedDays: s.expectedDays ?? null,
    })),
  };
}

const card = (n: number, extra: Partial<BoardCard> = {}): BoardCard => ({
  id: uuid(n),
  title: `Card ${n}`,
  amount: "100.00",
  currency: "USD",
  ownerId: null,
  ownerInitials: null,
  stageEnteredAt: "2026-01-01T00:00:00Z",
  daysInStage: 30,
  stalled: true,
  tags: [],
  ...extra,
});

function board(kind: BoardKind, pipeline: BoardPipeline, cardsByStage: BoardCard[][]): BoardData {
  return {
    kind,
    pipeline,
    members: [],
    generatedAt: "2026-01-01T00:00:00Z",
    columns: pipeline.stages.map((s, i) => {
      const cards = cardsByStage[i] ?? [];
      const amount = cards.reduce((sum, c) => addMoney(sum, c.amount), "0.00");
      return {
        stageId: s.id,
        count: cards.length,
        totals: kind === "DEAL" && cards.length ? [{ currency: "USD", amount, weighted: weightedAmount(amount, s.probability) }] : [],
        cards,
        nextCursor: null,
      };
    }),
  };
}

describe("money", () => {
  it("adds decimal strings exactly and weights them", () => {
    expect(addMoney("1250.5", "0.05")).toBe("1250.55");
    expect(weightedAmount("1250.50", "0.1000")).toBe("125.05");
    expect(negateMoney("3.07")).toBe("-3.07");
    expect(addMoney("9999999999999999.99", "0.01")).toBe("10000000000000000.00");
    expect(weightedAmount("0.05", "0.5000")).toBe("0.03");
  });
});

describe("planDrop", () => {
  const p = pipelineOf(SALES_PIPELINE);
  const [s0, s1] = p.stages;
  const b = board("DEAL", p, [[card(1), card(2), card(3)], [card(4), card(5)]]);

  it("within a column takes the over card's place (arrayMove) and names the new neighbours", () => {
    expect(planDrop(b, uuid(1), { stageId: s0!.id, overCardId: uuid(3), after: false })).toMatchObject({ toIndex: 2, afterId: uuid(3), beforeId: null });
    expect(planDrop(b, uuid(3), { stageId: s0!.id, overCardId: uuid(1), after: false })).toMatchObject({ toIndex: 0, afterId: null, beforeId: uuid(1) });
    expect(planDrop(b, uuid(2), { stageId: s0!.id, overCardId: uuid(2), after: false })).toBeNull();
    expect(planDrop(b, uuid(2), { stageId: s0!.id, overCardId: null, after: false })).toBeNull();
  });

  it("across columns goes before or after the over card, or to the end of the column", () => {
    expect(planDrop(b, uuid(1), { stageId: s1!.id, overCardId: uuid(5), after: false })).toMatchObject({ toStageId: s1!.id, toIndex: 1, afterId: uuid(4), beforeId: uuid(5) });
    expect(planDrop(b, uuid(1), { stageId: s1!.id, overCardId: uuid(5), after: true })).toMatchObject({ toIndex: 2, afterId: uuid(5), beforeId: null });
    expect(planDrop(b, uuid(1), { stageId: s1!.id, overCardId: null, after: false })).toMatchObject({ toIndex: 2, afterId: uuid(5), beforeId: null });
    expect(planDrop(b, uuid(1), { stageId: p.stages[2]!.id, overCardId: null, after: false })).toMatchObject({ toIndex: 0, afterId: null, beforeId: null });
  });
});

describe("applyMove", () => {
  const p = pipelineOf(SALES_PIPELINE);
  const [s0, s1] = p.stages;
  const lost = p.stages.find((s) => s.stageState === "DONE_FAILED")!;

  it("moves the card, its count and its money (weighted by each stage's probability)", () => {
    const b = board("DEAL", p, [[card(1, { amount: "1000.00" }), card(2)], [card(4)]]);
    const plan = planDrop(b, uuid(1), { stageId: s1!.id, overCardId: uuid(4), after: false })!;
    const next = applyMove(b, plan, new Date("2026-02-01T10:00:00.123Z"));
    expect(next.columns[0]).toMatchObject({ count: 1, totals: [{ amount: "100.00", weighted: "10.00" }] });
    expect(next.columns[0]!.cards.map((c) => c.id)).toEqual([uuid(2)]);
    expect(next.columns[1]).toMatchObject({ count: 2, totals: [{ amount: "1100.00", weighted: "275.00" }] });
    expect(next.columns[1]!.cards[0]).toMatchObject({ id: uuid(1), daysInStage: 0, stalled: false, stageEnteredAt: "2026-02-01T10:00:00Z" });
    expect(b.columns[0]!.count).toBe(2); // the old board is untouched (rollback)
  });

  it("reorders within a column without touching counts; remembers where a lost card came from", () => {
    const b = board("DEAL", p, [[card(1), card(2), card(3)]]);
    const next = applyMove(b, planDrop(b, uuid(3), { stageId: s0!.id, overCardId: uuid(1), after: false })!);
    expect(next.columns[0]!.cards.map((c) => c.id)).toEqual([uuid(3), uuid(1), uuid(2)]);
    expect(next.columns[0]!.count).toBe(3);
    const toLost = applyMove(b, planDrop(b, uuid(1), { stageId: lost.id, overCardId: null, after: false })!);
    expect(toLost.columns.find((c) => c.stageId === lost.id)!.cards[0]!.returnStageId).toBe(s0!.id);
  });

  it("appends load-more pages once, in order, and keeps refetch sizes", () => {
    const b = { ...board("DEAL", p, [[card(1), card(2)], [card(7)]]) };
    b.columns[0] = { ...b.columns[0]!, nextCursor: "a" };
    const pages = [
      { stageId: s0!.id, cards: [card(2), card(3)], nextCursor: "b" },
      { stageId: s0!.id, cards: [card(4), card(3)], nextCursor: "c" },
    ];
    const next = withLoadedPages(b, (col) => (col.stageId === s0!.id ? pages : []));
    expect(next.columns[0]!.cards.map((c) => c.id)).toEqual([uuid(1), uuid(2), uuid(3), uuid(4)]);
    expect(next.columns[0]!.nextCursor).toBe("c");
    expect(next.columns[1]).toBe(b.columns[1]);
    expect(appendPages(b.columns[0]!, [{ stageId: s0!.id, cards: [], nextCursor: null }]).nextCursor).toBeNull();
    expect(loadedLimits(next, 2)).toBe(`${s0!.id}:4`);
    expect(loadedLimits(next, 25)).toBe("");
  });
});

describe("dropVerdict (the rules of lib/pipelines/rules.ts)", () => {
  it("ENFORCED: one stage at a time, failed stages from open ones; the reason names the allowed stages", () => {
    const p = pipelineOf(SUPPORT_PIPELINE);
    const [neu, inProgress, waiting, resolved, unresolved] = p.stages;
    const c = card(1);
    const v = dropVerdicts("TICKET", p, c, neu!.id);
    expect(Object.entries(v).filter(([, x]) => x.ok).map(([id]) => id)).toEqual([neu!.id, inProgress!.id, unresolved!.id]);
    const refused = v[resolved!.id]!;
    expect(refused).toMatchObject({ ok: false, short: "Not reachable from New" });
    expect(refused.ok ? "" : refused.reason).toContain("Allowed from New: In Progress, Closed Unresolved");
    expect(dropVerdict("TICKET", p, c, waiting!.id, resolved!.id)).toMatchObject({ ok: true });
  });

  it("from a DONE_FAILED stage only the return stage is allowed", () => {
    const p = pipelineOf(SUPPORT_PIPELINE);
    const [neu, inProgress, , , unresolved] = p.stages;
    const c = card(1, { returnStageId: inProgress!.id });
    expect(dropVerdict("TICKET", p, c, unresolved!.id, inProgress!.id)).toMatchObject({ ok: true });
    expect(dropVerdict("TICKET", p, c, unresolved!.id, neu!.id)).toMatchObject({ ok: false, short: "Only back to the stage it left" });
    expect(dropVerdict("TICKET", p, card(2), unresolved!.id, neu!.id)).toMatchObject({ ok: true });
  });

  it("lets a card into a column whose required fields it lacks, naming them by label to ask for on the drop", () => {
    const p = pipelineOf(SALES_PIPELINE);
    p.stages[4]!.requiredFields = ["amount", "closeDate", "customFields.po"];
    const [s0, , , , won, lost] = p.stages;
    expect(dropVerdict("DEAL", p, card(1, { fields: { amount: null, closeDate: null, customFields: { po: null } } }), s0!.id, won!.id, { po: "PO number" })).toEqual({
      ok: true,
      needsLostReason: false,
      needsFields: ["amount", "closeDate", "customFields.po"],
      note: "Asks for Amount, Close date, PO number",
    });
    expect(dropVerdict("DEAL", p, card(1, { fields: { amount: true, closeDate: true, customFields: { po: true } } }), s0!.id, won!.id)).toEqual({ ok: true, needsLostReason: false, needsFields: [] });
    expect(dropVerdict("DEAL", p, card(1), s0!.id, lost!.id)).toEqual({ ok: true, needsLostReason: true, needsFields: [] });
    expect(dropVerdict("LEAD", p, card(1), s0!.id, lost!.id)).toEqual({ ok: true, needsLostReason: false, needsFields: [] });
  });
});
