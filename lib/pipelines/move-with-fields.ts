// A move that also fills the fields its target stage requires (the board's drop dialog,
// the record page's stage picker, the table view, `fields` in the REST move): the values go
// through the record service (validation, record_changes, record.updated) and the move
// through moveRecord's own checks and write (stage_history, stage.changed), in ONE
// transaction. A value the record service refuses, or a move the rules refuse, writes
// nothing. Rare next to plain drops, so it does not join moveRecord's batches.
import "server-only";
import { and, eq } from "drizzle-orm";
import { pipelineStages } from "@/db/schema";
import { AppError, notFound, type ValidationIssue } from "@/lib/errors";
import { listCustomFields } from "@/lib/custom-fields/service";
import { RECORD_KINDS, updateSchemaOf } from "@/lib/records/registry";
import { lockLiveRecords, updateRecordIn } from "@/lib/records/service";
import type { TenantContext } from "@/lib/tenancy/context";
import { rawTransaction, withTenant } from "@/lib/tenancy/with-tenant";
import { movesIn, type MoveConn, type MoveJob, type MoveResult, type PipelineKind, type Settle } from "./move-batch";
import { customFieldLabels, RequiredFieldsMissing, requiredFieldLabel, type CustomFieldLabels } from "./required-fields";

const CUSTOM_PREFIX = "customFields.";

/** The field paths a `fields` body names: `amount`, `customFields.budget`. */
function pathsOf(fields: Record<string, unknown>): string[] {
  return Object.entries(fields).flatMap(([k, v]) =>
    k === "customFields" && v && typeof v === "object" ? Object.keys(v).map((c) => `${CUSTOM_PREFIX}${c}`) : [k],
  );
}

/** A validation error about `fields`, paths under `fields.` (the body's own) and its message in labels. */
function fieldsError(issues: ValidationIssue[], labels: CustomFieldLabels): AppError {
  const errors = issues.map((i) => ({ path: `fields.${i.path.replace(/^fields\./, "")}`, message: i.message }));
  const message = issues.map((i) => `${requiredFieldLabel(i.path.replace(/^fields\./, "").replace(/\[\d+\]$/, ""), labels)}: ${i.message}`).join("; ");
  return new AppError("validation", message, { errors });
}

const issuesOf = (err: unknown): ValidationIssue[] | null =>
  err instanceof AppError && err.code === "validation" ? ((err.extensions.errors as ValidationIssue[] | undefined) ?? []) : null;

export async function moveWithFields(job: MoveJob & { fields: Record<string, unknown> }): Promise<MoveResult> {
  const { ctx, kind, id, fields } = job;
  const def = RECORD_KINDS[kind];
  const labels = customFieldLabels(await listCustomFields(ctx, kind));
  const parsed = updateSchemaOf(def).safeParse(fields);
  if (!parsed.success) {
    throw fieldsError(
      parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })),
      labels,
    );
  }
  const data = parsed.data as Record<string, unknown>;
  return withTenant(ctx, async (tx) => {
    const [before] = await lockLiveRecords(tx, ctx, kind, [id]);
    if (!before) throw notFound(def.singular);
    const [stage] = await tx
      .select({ name: pipelineStages.name, requiredFields: pipelineStages.requiredFields })
      .from(pipelineStages)
      .where(and(eq(pipelineStages.tenantId, ctx.tenantId), eq(pipelineStages.id, job.input.toStageId), eq(pipelineStages.pipelineId, before.pipelineId as string)));
    // A stage of another pipeline: movesIn refuses the move in its own words.
    if (stage) {
      // The move fills what its stage requires; any other change is an update (PATCH), with its own permission.
      const extra = pathsOf(data).filter((p) => !stage.requiredFields.includes(p));
      if (extra.length) throw fieldsError(extra.map((p) => ({ path: p, message: `is not a field ${stage.name} requires` })), labels);
    }
    try {
      await updateRecordIn(tx, ctx, kind, before, data);
    } catch (err) {
      const issues = issuesOf(err);
      throw issues ? fieldsError(issues, labels) : err;
    }
    const conn: MoveConn = {
      sql: rawTransaction(tx),
      // the transaction is withTenant's: its writes go now, the COMMIT when this function returns
      commit: ((...writes: unknown[]) => Promise.all(writes)) as MoveConn["commit"],
    };
    const settled: (Settle | undefined)[] = [undefined];
    await movesIn(conn, [{ ctx, kind, id, input: job.input }], settled);
    const outcome = settled[0];
    if (!outcome) throw new Error("moveWithFields: the move was not settled");
    if (!outcome.ok) throw outcome.error; // rolls the fields back too
    return outcome.value;
  });
}

/** moveRecord's refusal for missing fields, custom fields named by their labels ("Proposal requires: Amount, Budget"); other errors as they are. */
export async function labelledRefusal(ctx: TenantContext, kind: PipelineKind, err: unknown): Promise<unknown> {
  if (!(err instanceof RequiredFieldsMissing) || !err.namesCustomFields) return err;
  return err.withLabels(customFieldLabels(await listCustomFields(ctx, kind)));
}
