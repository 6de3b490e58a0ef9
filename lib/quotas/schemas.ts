// Input of /quotas and Settings → Quotas (API.md "Analytics"), and a quota's period (pure).
import { addMonths, format, parseISO } from "date-fns";
import { z } from "zod";
import { DEAL_TYPES, QUOTA_PERIODS } from "@/db/schema/enums";
import { isValidDate } from "@/lib/custom-fields/rules";

const money = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .pipe(z.string().regex(/^\d{1,16}(\.\d{1,2})?$/, { message: "must be a non-negative amount with at most 2 decimals" }));
const count = z.number().int().min(0).max(1_000_000);

const fields = {
  userId: z.uuid().nullish(),
  groupId: z.uuid().nullish(),
  period: z.enum(QUOTA_PERIODS),
  start: z.string().refine(isValidDate, { message: "must be a date YYYY-MM-DD" }),
  revenueTarget: money.nullish(),
  dealsTarget: count.nullish(),
  callsTarget: count.nullish(),
  meetingsTarget: count.nullish(),
  dealTypes: z.array(z.enum(DEAL_TYPES)).max(DEAL_TYPES.length).optional(),
};

const oneTarget = (q: { userId?: string | null; groupId?: string | null }) => !!q.userId !== !!q.groupId;
const targetMessage = { message: "set exactly one of userId and groupId", path: ["userId"] };

export const quotaCreateSchema = z.strictObject(fields).refine(oneTarget, targetMessage);
export const quotaPatchSchema = z.strictObject(fields).partial();

export type QuotaCreateInput = z.input<typeof quotaCreateSchema>;
export type QuotaPatchInput = z.input<typeof quotaPatchSchema>;
export type QuotaPeriod = (typeof QUOTA_PERIODS)[number];

export { oneTarget as hasOneTarget };

const MONTHS: Record<QuotaPeriod, number> = { MONTH: 1, QUARTER: 3, YEAR: 12 };

/** The day after a quota's period (its exclusive end), YYYY-MM-DD. */
export const periodEndDay = (start: string, period: QuotaPeriod): string => format(addMonths(parseISO(start), MONTHS[period]), "yyyy-MM-dd");

export const quotaListQuerySchema = z.object({ userId: z.uuid().optional(), groupId: z.uuid().optional() });
