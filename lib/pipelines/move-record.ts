// moveRecord: the only way a record's stage changes — board, record page, REST, automations
// and imports all call it. It locks the row, checks the movement rules and required fields
// against the current state, and writes the record, one stage_history row and one
// stage.changed event in one transaction. A move that also fills the fields its stage
// requires (`fields`) writes them and the move in one transaction too (move-with-fields.ts).
//
// It is the hottest write in the product (a board of reps dragging cards). A move goes at
// once in a transaction of its own unless two transactions of moves of its tenant and
// record type are running in this process; then it waits, and the moves that waited go
// together in the next one (lib/pipelines/move-batch.ts): each checked on its own against
// its locked row and writing its own rows, but sharing the statements, which were most of
// a move's cost. The price: a transaction waiting on a row lock another writer holds also
// holds up the moves that wait behind it (the other transaction keeps going).
import "server-only";
import { assertCan } from "@/lib/auth/permissions";
import { AppError, forbidden, validationError } from "@/lib/errors";
import { getRecord } from "@/lib/records/service";
import type { TenantContext } from "@/lib/tenancy/context";
import { actorSettings } from "@/lib/tenancy/with-tenant";
import { runMoves, type MoveJob, type MoveResult, type PipelineKind } from "./move-batch";
import { labelledRefusal, moveWithFields } from "./move-with-fields";
import { moveSchema, type MoveInput } from "./schemas";

export type { MoveResult, PipelineKind };

/** Moves written together at most; more wait for the next transaction. */
const MAX_BATCH = 50;
/** Transactions of one tenant and record type at once, per process: both cores of a small server. */
const MAX_RUNNING = 2;

interface Waiting extends MoveJob {
  resolve(result: MoveResult): void;
  reject(error: unknown): void;
}

interface Lane {
  waiting: Waiting[];
  running: number;
  /** Records in a running transaction: their next moves wait for it. */
  busy: Set<string>;
}

// Per process, per tenant and record type. On globalThis, so Next's chunks share them.
const g = globalThis as unknown as { __stagelineMoveLanes?: Map<string, Lane> };
const lanes = (g.__stagelineMoveLanes ??= new Map());

export async function moveRecord(ctx: TenantContext, kind: PipelineKind, id: string, rawInput: MoveInput): Promise<MoveResult> {
  const input = moveSchema.parse(rawInput);
  assertCan(ctx.actor.role, "records.move");
  if (input.override) {
    assertCan(ctx.actor.role, "records.moveOverride");
    if (!input.reason) throw validationError([{ path: "reason", message: "an override needs a reason" }]);
  }
  const { fields, ...move } = input;
  if (fields && Object.keys(fields).length) {
    assertCan(ctx.actor.role, "records.write");
    return moveWithFields({ ctx, kind, id, input: move, fields }).catch(async (err: unknown) => Promise.reject(await outOfWriteScope(ctx, kind, id, await labelledRefusal(ctx, kind, err))));
  }
  return new Promise<MoveResult>((resolve, reject) => {
    // Moves batch into one transaction, which runs with one actor's access scope (RLS): a
    // lane per tenant, kind and scoped actor (admins and the system see all, and share one).
    const a = actorSettings(ctx.actor);
    const key = `${ctx.tenantId}:${kind}:${a.role === "system" || a.role === "admin" ? "all" : `${a.userId}:${a.role}`}`;
    let lane = lanes.get(key);
    if (!lane) lanes.set(key, (lane = { waiting: [], running: 0, busy: new Set() }));
    lane.waiting.push({
      ctx,
      kind,
      id,
      input: move,
      resolve,
      reject: (err: unknown) => void labelledRefusal(ctx, kind, err).then((e) => outOfWriteScope(ctx, kind, id, e)).then(reject, reject),
    });
    pump(key, lane);
  });
}

/** A record the move could not lock (FOR UPDATE passes the write scope) but the actor can read: a 403, not a 404. */
async function outOfWriteScope(ctx: TenantContext, kind: PipelineKind, id: string, err: unknown): Promise<unknown> {
  const a = actorSettings(ctx.actor);
  if (!(err instanceof AppError) || err.code !== "not-found" || a.role === "system" || a.role === "admin") return err;
  const readable = await getRecord(ctx, kind, id).then(
    () => true,
    () => false,
  );
  return readable ? forbidden("You may see this record but not move it: the access policy of your role limits what you may edit (Settings → Access)") : err;
}

/** Starts transactions for what waits, up to MAX_RUNNING; a record goes at most once per transaction. */
function pump(key: string, lane: Lane): void {
  while (lane.running < MAX_RUNNING && lane.waiting.length) {
    const batch: Waiting[] = [];
    const ids = new Set<string>();
    for (let i = 0; i < lane.waiting.length && batch.length < MAX_BATCH; ) {
      const { id } = lane.waiting[i]!;
      if (ids.has(id) || lane.busy.has(id)) {
        i++;
        continue;
      }
      ids.add(id);
      batch.push(...lane.waiting.splice(i, 1));
    }
    if (!batch.length) break;
    lane.running++;
    for (const id of ids) lane.busy.add(id);
    void run(batch)
      // not expected (runMoves settles every move); never leave a move waiting forever
      .catch((error: unknown) => batch.forEach((job) => job.reject(error)))
      .finally(() => {
        lane.running--;
        for (const id of ids) lane.busy.delete(id);
        if (!lane.running && !lane.waiting.length) lanes.delete(key);
        else pump(key, lane);
      });
  }
}

async function run(batch: Waiting[]): Promise<void> {
  const outcome = await runMoves(batch);
  if (outcome === "write-failed") {
    // one move's write failed the shared one: each again on its own, to its own outcome
    for (const job of batch) await run([job]);
    return;
  }
  outcome.forEach((o, i) => (o.ok ? batch[i]!.resolve(o.value) : batch[i]!.reject(o.error)));
}
