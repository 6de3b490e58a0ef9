"use server";
// The filter builder's server action: the known values of a field (./known-values.ts).
import "server-only";
import { z } from "zod";
import { tenantAction } from "@/lib/safe-action";
import { FILTER_OBJECT_TYPES } from "./fields";
import { knownValues } from "./known-values";

export const knownValuesAction = tenantAction
  .metadata({ permission: "records.read" })
  .inputSchema(z.object({ objectType: z.enum(FILTER_OBJECT_TYPES), path: z.string().min(1).max(200) }))
  .action(async ({ parsedInput, ctx }) => knownValues(ctx.tenant, parsedInput.objectType, parsedInput.path));
