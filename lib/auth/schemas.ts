import { z } from "zod";
import { NUL_MESSAGE } from "@/lib/api/no-nul";

/** Text the database stores: U+0000 cannot be stored, so it is a field error, not a 500. */
export const storableText = () => z.string().refine((s) => !s.includes("\u0000"), NUL_MESSAGE);

export const passwordSchema = z
  .string()
  .min(10, "must be at least 10 characters")
  .max(200, "must be at most 200 characters")
  .refine((p) => /[a-zA-Z]/.test(p) && /[^a-zA-Z]/.test(p), "must mix letters with digits or symbols");

export const signUpSchema = z.object({
  companyName: storableText().trim().min(1, "is required").max(120),
  name: storableText().trim().min(1, "is required").max(120),
  email: z.string().trim().toLowerCase().email("must be an email address"),
  password: passwordSchema,
});

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().email("must be an email address"),
  password: z.string().min(1, "is required"),
});

export type FormState = { error?: string; fieldErrors?: Record<string, string>; values?: Record<string, string> } | undefined;

export function fieldErrorsOf(err: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of err.issues) {
    const k = String(i.path[0] ?? "form");
    out[k] ??= i.message;
  }
  return out;
}
