import { z } from "zod";
import { isValidDate } from "@/lib/custom-fields/rules";
import { shiftDay, utcDayStart } from "@/lib/days";
import type { RecordKind } from "@/lib/records/kinds";

export const moveSchema = z
  .object({
    toStageId: z.string().uuid({ message: "must be a stage id" }),
    lostReason: z.string().trim().min(1).max(500).optional(),
    wonReason: z.string().trim().min(1).max(500).optional(),
    /** Admins only: force a move the rules refuse; `reason` is required and recorded. */
    override: z.boolean().optional(),
    reason: z.string().trim().min(1).max(500).optional(),
    /** Board drops: place the card between these neighbours of the target column. */
    afterId: z.uuid().nullish(),
    beforeId: z.uuid().nullish(),
    /**
     * Values for the fields the target stage requires, written with the move in one
     * transaction (as a PATCH of the record would take them: `{ "amount": "1200",
     * "customFields": { "budget": 5 } }`). Only fields the stage requires.
     */
    fields: z
      .record(z.string(), z.unknown())
      .optional()
      .meta({ description: "Values for fields the target stage requires, written with the move in one transaction (as in a PATCH of the record). Only fields the stage requires; an invalid value is a 422 `validation` with `errors` under `fields.` and nothing is written." }),
  })
  .strict()
  .meta({ id: "MoveInput" });

export type MoveInput = z.input<typeof moveSchema>;

/** The record kinds that live in a pipeline and move between its stages. */
export const PIPELINE_KINDS = ["DEAL", "LEAD", "TICKET"] as const satisfies readonly RecordKind[];

// ---- Pipeline and stage configuration (Settings → Pipelines and /api/v1/pipelines) ----
// Client-safe: no server imports, so the settings forms validate with the same schemas.

export const PIPELINE_OBJECT_TYPE_VALUES = ["DEAL", "LEAD", "TICKET", "CONTACT", "COMPANY"] as const;
export const MOVEMENT_MODE_VALUES = ["FLEXIBLE", "ENFORCED"] as const;
export const STAGE_STATE_VALUES = ["NOT_STARTED", "IN_PROGRESS", "DONE_SUCCESS", "DONE_FAILED"] as const;

export const objectTypeSchema = z.enum(PIPELINE_OBJECT_TYPE_VALUES, { error: "must be DEAL, LEAD, TICKET, CONTACT or COMPANY" });
export const movementModeSchema = z.enum(MOVEMENT_MODE_VALUES, { error: "must be FLEXIBLE or ENFORCED" });
export const stageStateSchema = z.enum(STAGE_STATE_VALUES, { error: "must be NOT_STARTED, IN_PROGRESS, DONE_SUCCESS or DONE_FAILED" });

const pipelineName = z.string().trim().min(1, "is required").max(100, "must be at most 100 characters");
const stageName = z.string().trim().min(1, "is required").max(80, "must be at most 80 characters");

/** `sales`, `enterprise-deals`: lowercase letters, digits, `-` and `_`, unique per object type. */
export const pipelineKeySchema = z
  .string()
  .trim()
  .min(1, "is required")
  .max(60, "must be at most 60 characters")
  .regex(/^[a-z0-9]+(?:[-_][a-z0-9]+)*$/, "must be a slug: lowercase letters, digits, - or _");

/** A decimal in [0, 1], as a string or a number; stored as numeric(5,4). */
export const probabilitySchema = z
  .union([z.string(), z.number()])
  .transform((v) => (typeof v === "number" ? v : /^\s*(\d+(\.\d*)?|\.\d+)\s*$/.test(v) ? Number(v) : Number.NaN))
  .refine((n) => Number.isFinite(n) && n >= 0 && n <= 1, { message: "must be a number between 0 and 1" })
  .transform((n) => n.toFixed(4))
  .meta({ description: "A decimal between 0 and 1 (string or number)", example: 0.25 });

export const colorSchema = z.string().trim().regex(/^#[0-9a-fA-F]{6}$/, "must be a colour like #3b82f6");

/** Record fields (`amount`) or custom fields (`customFields.budget`); checked against the object type by the service. */
export const requiredFieldsSchema = z
  .array(z.string().trim().min(1, "is required").max(100))
  .max(50, "at most 50 fields")
  .transform((a) => [...new Set(a)]);

export const expectedDaysSchema = z.number({ error: "must be a whole number of days" }).int("must be a whole number of days").min(1, "must be at least 1").max(3650, "must be at most 3650").nullable();

export const stageCreateSchema = z
  .object({
    name: stageName,
    stageState: stageStateSchema.optional(),
    probability: probabilitySchema.optional(),
    color: colorSchema.optional(),
    requiredFields: requiredFieldsSchema.optional(),
    expectedDays: expectedDaysSchema.optional(),
    inheritPipelineActions: z.boolean().optional(),
  })
  .strict()
  .meta({ id: "StageInput" });

export const stagePatchSchema = stageCreateSchema.partial().strict().meta({ id: "StagePatch" });

/** The stage editor's one Save: the edited stages, each with its id and changed fields. */
export const stagesPatchSchema = z.object({
  stages: z
    .array(stagePatchSchema.extend({ stageId: z.uuid({ message: "must be a stage id" }) }))
    .min(1, "nothing to save")
    .max(50, "at most 50 stages")
    .refine((a) => new Set(a.map((s) => s.stageId)).size === a.length, "each stage at most once"),
});

export const pipelineCreateSchema = z
  .object({
    name: pipelineName,
    objectType: objectTypeSchema,
    /** Derived from the name when absent. */
    pipelineKey: pipelineKeySchema.optional(),
    description: z.string().trim().max(1000).nullish(),
    movementMode: movementModeSchema.optional(),
    isActive: z.boolean().optional(),
    isDefault: z.boolean().optional(),
    stages: z.array(stageCreateSchema).max(50, "at most 50 stages").optional(),
  })
  .strict()
  .meta({ id: "PipelineInput" });

export const pipelineUpdateSchema = z
  .object({
    name: pipelineName.optional(),
    pipelineKey: pipelineKeySchema.optional(),
    description: z.string().trim().max(1000).nullish(),
    movementMode: movementModeSchema.optional(),
    isActive: z.boolean().optional(),
    isDefault: z.boolean().optional(),
  })
  .strict()
  .meta({ id: "PipelinePatch" });

const idList = (what: string) => z.array(z.uuid({ message: `must be ${what} id` })).min(1, "must not be empty");

export const stageOrderSchema = z.object({ stageIds: idList("a stage") }).strict().meta({ id: "StageOrder" });
export const pipelineOrderSchema = z.object({ objectType: objectTypeSchema, pipelineIds: idList("a pipeline") }).strict().meta({ id: "PipelineOrder" });

/** `from` / `to`: an ISO date (a whole day; `to` is inclusive) or date-time. */
const instant = (end: boolean) =>
  z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}(T[0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/, "must be an ISO date or date-time")
    .transform((v, c) => {
      const dateOnly = v.length === 10;
      const d = new Date(dateOnly ? `${v}T00:00:00Z` : v);
      // Date rolls 2024-02-30 over to March 1: the day must exist as written
      if (Number.isNaN(d.getTime()) || !isValidDate(v.slice(0, 10))) {
        c.addIssue({ code: "custom", message: "is not a valid date" });
        return z.NEVER;
      }
      return dateOnly && end ? utcDayStart(shiftDay(v, 1)) : d;
    });

export const summaryQuerySchema = z.object({ from: instant(false).optional(), to: instant(true).optional() });

export type PipelineCreateInput = z.input<typeof pipelineCreateSchema>;
export type PipelineUpdateInput = z.input<typeof pipelineUpdateSchema>;
export type StageCreateInput = z.input<typeof stageCreateSchema>;
export type StagePatchInput = z.input<typeof stagePatchSchema>;

// Server-action inputs: the same bodies plus the ids the REST API takes from the path.
const pipelineIdField = { pipelineId: z.uuid({ message: "must be a pipeline id" }) };
const stageIdField = { stageId: z.uuid({ message: "must be a stage id" }) };
export const pipelineIdSchema = z.object(pipelineIdField);
export const updatePipelineActionSchema = pipelineUpdateSchema.extend(pipelineIdField);
export const addStageActionSchema = stageCreateSchema.extend(pipelineIdField);
export const updateStageActionSchema = stagePatchSchema.extend({ ...pipelineIdField, ...stageIdField });
export const stageIdSchema = z.object({ ...pipelineIdField, ...stageIdField });
export const updateStagesActionSchema = stagesPatchSchema.extend(pipelineIdField);
export const reorderStagesActionSchema = stageOrderSchema.extend(pipelineIdField);
