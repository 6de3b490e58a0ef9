// The REST query of GET /api/v1/search (client-safe).
import { z } from "zod";
import { MAX_QUERY_LENGTH } from "./query-limits";

export const RECORD_TYPES = ["CONTACT", "COMPANY", "DEAL", "LEAD", "TICKET"] as const;

export const searchQuerySchema = z.object({
  q: z
    .string({ error: "is required" })
    .trim()
    .min(1, "is required")
    .max(MAX_QUERY_LENGTH, `must be at most ${MAX_QUERY_LENGTH} characters`),
  limit: z.coerce.number().int().min(1).max(50).default(5).meta({ description: "Hits per record type (1–50, default 5)" }),
  types: z
    .string()
    .transform((s) => s.split(",").map((t) => t.trim().toUpperCase()).filter(Boolean))
    .pipe(z.array(z.enum(RECORD_TYPES)).min(1))
    .optional()
    .meta({ description: "Comma-separated record types to search, e.g. CONTACT,COMPANY (default: all)" }),
});

export const searchHitSchema = z
  .object({
    recordType: z.enum(RECORD_TYPES),
    id: z.string().uuid(),
    title: z.string(),
    subtitle: z.string().nullable(),
    score: z.number().meta({ description: "1 exact · 0.9 starts with · 0.8 a word starts with · 0.7 contains · ≤ 0.6 similar (typo)" }),
  })
  .meta({ id: "SearchHit" });
