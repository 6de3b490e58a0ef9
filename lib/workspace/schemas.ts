// Input of GET|PATCH /workspace and Settings → Workspace (API.md "Analytics").
import { z } from "zod";
import { isTimeZone } from "./zone";

export const workspacePatchSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    timeZone: z.string().trim().refine(isTimeZone, { message: "must be an IANA time zone, e.g. Europe/Paris or UTC" }),
    currency: z
      .string()
      .trim()
      .transform((c) => c.toUpperCase())
      .pipe(z.string().regex(/^[A-Z]{3}$/, { message: "must be a three-letter ISO 4217 code, e.g. USD" })),
  })
  .partial();

export type WorkspacePatch = z.input<typeof workspacePatchSchema>;

export interface Workspace {
  name: string;
  timeZone: string;
  currency: string;
}
