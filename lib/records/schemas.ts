// zod schemas for record input, shared by server actions, the REST API and OpenAPI.
import { z } from "zod";
import { DEAL_TYPES, LEAD_RATINGS, LEAD_STATUSES, PRIORITIES } from "@/db/schema/enums";
import { RECORD_KIND_VALUES } from "./kinds";

export const uuidSchema = z.uuid({ message: "must be a UUID" });

const text = (max = 500) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .nullish()
    .transform((v) => (v === "" ? null : v));

const money = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .refine((v) => /^\d{1,16}(\.\d{1,2})?$/.test(v), { message: "must be a non-negative decimal with at most 2 decimals" })
  .meta({ type: "string", example: "12500.00" });

const email = z
  .string()
  .trim()
  .toLowerCase()
  .email("must be an email address")
  .max(320)
  .nullish()
  .or(z.literal("").transform(() => null));

const url = z.string().trim().url("must be a URL").max(500).nullish().or(z.literal("").transform(() => null));
// a real calendar day: 2024-99-99 or 2024-02-30 used to reach the database (a 500)
const isoDate = z.iso.date({ error: "must be a date YYYY-MM-DD" }).nullish();
const probability = z
  .union([z.string(), z.number()])
  .transform((v) => String(v))
  .refine((v) => /^\d+(\.\d+)?$/.test(v) && Number(v) >= 0 && Number(v) <= 1, { message: "must be between 0 and 1" });

/** Fields every record takes: owner (user or group), tags, custom field values. */
const common = {
  ownedByUserId: uuidSchema.nullish(),
  ownedByGroupId: uuidSchema.nullish(),
  tags: z.array(z.string().trim().min(1).max(60)).max(50).optional(),
  customFields: z.record(z.string(), z.unknown()).optional(),
};

/** Where a pipeline record starts; absent means the default pipeline's first stage. */
const placement = { pipelineId: uuidSchema.optional(), stageId: uuidSchema.optional() };

export const companyCreateSchema = z
  .object({
    name: z.string().trim().min(1, "is required").max(200),
    domain: z
      .string()
      .trim()
      .toLowerCase()
      .max(253)
      .regex(/^([a-z0-9-]+\.)+[a-z]{2,}$/, "must be a domain like example.com")
      .nullish()
      .or(z.literal("").transform(() => null)),
    industry: text(100),
    website: url,
    phone: text(50),
    employeeCount: z.number().int().min(0).max(10_000_000).nullish(),
    annualRevenue: money.nullish(),
    description: text(5000),
    ...common,
  })
  .strict()
  .meta({ id: "CompanyInput" });

export const contactCreateSchema = z
  .object({
    firstName: text(100),
    lastName: text(100),
    email,
    phone: text(50),
    mobilePhone: text(50),
    jobTitle: text(150),
    department: text(150),
    companyId: uuidSchema.nullish(),
    lifecycleStage: text(50),
    linkedinUrl: url,
    emailOptIn: z.boolean().optional(),
    doNotCall: z.boolean().optional(),
    ...common,
  })
  .strict()
  .meta({ id: "ContactInput" });

/** Where a lead came from (UTM values, landing page, referrer) and its BANT qualification (free text). */
export const leadTracking = {
  utmSource: text(200),
  utmMedium: text(200),
  utmCampaign: text(200),
  utmContent: text(200),
  utmTerm: text(200),
  landingPage: text(2000),
  referrer: text(2000),
  budget: text(1000),
  authority: text(1000),
  need: text(1000),
  timeline: text(1000),
};

export const leadCreateSchema = z
  .object({
    firstName: text(100),
    lastName: text(100),
    email,
    phone: text(50),
    jobTitle: text(150),
    companyName: text(200),
    source: text(100),
    status: z.enum(LEAD_STATUSES).optional(),
    rating: z.enum(LEAD_RATINGS).nullish(),
    score: z.number().int().min(0).max(100).optional(),
    priority: z.enum(PRIORITIES).nullish(),
    ...leadTracking,
    ...common,
    ...placement,
  })
  .strict()
  .meta({ id: "LeadInput" });

export const dealCreateSchema = z
  .object({
    name: z.string().trim().min(1, "is required").max(200),
    amount: money.nullish(),
    currency: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{3}$/, "must be a 3-letter currency code")
      .optional(),
    dealType: z.enum(DEAL_TYPES).nullish(),
    closeDate: isoDate,
    forecastProbability: probability.nullish(),
    companyId: uuidSchema.nullish(),
    contactId: uuidSchema.nullish(),
    /** The lead it came from (set by a lead's conversion). */
    leadId: uuidSchema.nullish(),
    assignedUserId: uuidSchema.nullish(),
    assignedGroupId: uuidSchema.nullish(),
    ...common,
    ...placement,
  })
  .strict()
  .meta({ id: "DealInput" });

export const ticketCreateSchema = z
  .object({
    subject: z.string().trim().min(1, "is required").max(300),
    description: text(20_000),
    priority: z.enum(PRIORITIES).optional(),
    contactId: uuidSchema.nullish(),
    companyId: uuidSchema.nullish(),
    assignedUserId: uuidSchema.nullish(),
    assignedGroupId: uuidSchema.nullish(),
    ...common,
    ...placement,
  })
  .strict()
  .meta({ id: "TicketInput" });

/** A contact needs at least one of first name, last name, email (API.md). */
export function contactHasIdentity(c: { firstName?: string | null; lastName?: string | null; email?: string | null }): boolean {
  return !!(c.firstName || c.lastName || c.email);
}

export type CompanyCreateInput = z.input<typeof companyCreateSchema>;
export type ContactCreateInput = z.input<typeof contactCreateSchema>;

/** The create schema of each record kind. */
export const RECORD_CREATE_SCHEMAS = {
  COMPANY: companyCreateSchema,
  CONTACT: contactCreateSchema,
  LEAD: leadCreateSchema,
  DEAL: dealCreateSchema,
  TICKET: ticketCreateSchema,
} as const;

/** PATCH bodies: any subset of the create fields; the stage changes only through moveRecord. */
export function recordPatchSchema<S extends z.ZodObject>(createSchema: S) {
  const placement = Object.fromEntries(["pipelineId", "stageId"].filter((k) => k in createSchema.shape).map((k) => [k, true]));
  return createSchema.omit(placement as never).partial().strict();
}

const recordId = z.uuid();

/** A record page's create form: the kind, and the values its create schema takes. */
export const recordCreateActionSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("COMPANY"), values: companyCreateSchema }),
  z.object({ kind: z.literal("CONTACT"), values: contactCreateSchema }),
  z.object({ kind: z.literal("LEAD"), values: leadCreateSchema }),
  z.object({ kind: z.literal("DEAL"), values: dealCreateSchema }),
  z.object({ kind: z.literal("TICKET"), values: ticketCreateSchema }),
]);
export type RecordCreateActionInput = z.input<typeof recordCreateActionSchema>;

/** A record page's inline edit: the record, and a patch its kind's PATCH schema takes. */
/** A stage changes only through moveRecord, so a patch never names one. */
const PLACEMENT = { pipelineId: true, stageId: true } as const;
export const recordUpdateActionSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("COMPANY"), id: recordId, patch: companyCreateSchema.partial().strict() }),
  z.object({ kind: z.literal("CONTACT"), id: recordId, patch: contactCreateSchema.partial().strict() }),
  z.object({ kind: z.literal("LEAD"), id: recordId, patch: leadCreateSchema.omit(PLACEMENT).partial().strict() }),
  z.object({ kind: z.literal("DEAL"), id: recordId, patch: dealCreateSchema.omit(PLACEMENT).partial().strict() }),
  z.object({ kind: z.literal("TICKET"), id: recordId, patch: ticketCreateSchema.omit(PLACEMENT).partial().strict() }),
]);
export type RecordUpdateActionInput = z.input<typeof recordUpdateActionSchema>;

/** One record, by kind and id. */
export const recordRefSchema = z.object({ kind: z.enum(RECORD_KIND_VALUES), id: recordId });
