import { z } from "zod";

const optionalText = (max = 500) => z.string().trim().max(max).nullish().transform((v) => (v === "" ? null : v));
export const uuidSchema = z.string().uuid({ message: "must be a UUID" });
const money = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .refine((v) => /^\d{1,16}(\.\d{1,2})?$/.test(v), { message: "must be a non-negative decimal with at most 2 decimals" });

const ownership = {
  ownedByUserId: uuidSchema.nullish(),
  ownedByGroupId: uuidSchema.nullish(),
  tags: z.array(z.string().trim().min(1).max(60)).max(50).optional(),
  customFields: z.record(z.string(), z.unknown()).optional(),
};

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
    industry: optionalText(100),
    website: z.string().trim().url("must be a URL").max(500).nullish().or(z.literal("").transform(() => null)),
    phone: optionalText(50),
    employeeCount: z.number().int().min(0).max(10_000_000).nullish(),
    annualRevenue: money.nullish(),
    ...ownership,
  })
  .strict();
export type CompanyCreateInput = z.input<typeof companyCreateSchema>;
export const companyUpdateSchema = companyCreateSchema.partial().strict();
