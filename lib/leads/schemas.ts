// Request shapes of lead conversion, disqualification and web forms (API.md, "Leads").
import { z } from "zod";
import { uuidSchema } from "@/lib/records/schemas";

const money = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .refine((v) => /^\d{1,16}(\.\d{1,2})?$/.test(v), { message: "must be a non-negative decimal with at most 2 decimals" });

export const convertDealSchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    pipelineId: uuidSchema.optional(),
    /** Beyond API.md: the stage to start in (the pipeline's first by default). */
    stageId: uuidSchema.optional(),
    amount: money.nullish(),
    currency: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, "must be a 3-letter currency code").optional(),
    closeDate: z.iso.date({ error: "must be a date YYYY-MM-DD" }).nullish(),
  })
  .strict()
  .meta({ id: "LeadConvertDeal" });

export const convertLeadSchema = z
  .object({
    contactId: uuidSchema.optional(),
    companyId: uuidSchema.optional(),
    createCompany: z.boolean().optional(),
    deal: convertDealSchema.nullish(),
  })
  .strict()
  .meta({ id: "LeadConvertInput" });
export type ConvertLeadInput = z.input<typeof convertLeadSchema>;

export const disqualifyLeadSchema = z
  .object({ reason: z.string().trim().min(1, "is required").max(1000) })
  .strict()
  .meta({ id: "LeadDisqualifyInput" });
