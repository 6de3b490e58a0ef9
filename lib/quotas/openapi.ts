import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { DEAL_TYPES, QUOTA_PERIODS } from "@/db/schema/enums";
import { allOf, empty, idPath, json, pathItem } from "@/lib/api/openapi-common";
import { quotaCreateSchema, quotaListQuerySchema, quotaPatchSchema } from "./schemas";

const quotaOut = z
  .object({
    id: z.uuid(),
    userId: z.uuid().nullable(),
    groupId: z.uuid().nullable(),
    period: z.enum(QUOTA_PERIODS),
    start: z.string().meta({ description: "First day (YYYY-MM-DD, workspace time zone)" }),
    end: z.string().meta({ description: "Last day, inclusive" }),
    revenueTarget: z.string().nullable(),
    dealsTarget: z.number().int().nullable(),
    callsTarget: z.number().int().nullable(),
    meetingsTarget: z.number().int().nullable(),
    dealTypes: z.array(z.enum(DEAL_TYPES)),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "Quota" });

const attainmentOut = z
  .object({
    revenueWon: z.string().meta({ description: "Σ amount of the deals won in the period (decimal string)" }),
    dealsWon: z.number().int(),
    calls: z.number().int(),
    meetings: z.number().int(),
    committed: z.string().meta({ description: "Σ amount × forecast probability of open deals closing in the period" }),
  })
  .meta({ id: "QuotaAttainment" });

export function quotaPaths(): ZodOpenApiPathsObject {
  const tag = "analytics";
  return {
    "/quotas": pathItem({
      get: { id: "listQuotas", tag, permission: "users.read", summary: "List quotas", description: "By start day; `userId` or `groupId` narrows the list.", query: quotaListQuerySchema, responses: { "200": json(allOf(quotaOut)) } },
      post: {
        id: "createQuota",
        tag,
        permission: "quotas.manage",
        summary: "Set a quota",
        description: "Exactly one of `userId` (a member) and `groupId`; the period runs from `start` for a month, a quarter or a year.",
        body: quotaCreateSchema.meta({ id: "QuotaInput" }),
        responses: { "201": json(quotaOut, "Created") },
      },
    }),
    "/quotas/{id}": pathItem({
      get: { id: "getQuota", tag, permission: "users.read", summary: "Get a quota", description: "The quota and its period's last day.", path: idPath, responses: { "200": json(quotaOut) } },
      patch: { id: "updateQuota", tag, permission: "quotas.manage", summary: "Change a quota (partial)", description: "Still exactly one of `userId` and `groupId` afterwards.", path: idPath, body: quotaPatchSchema.meta({ id: "QuotaPatch" }), responses: { "200": json(quotaOut) } },
      delete: { id: "deleteQuota", tag, permission: "quotas.manage", summary: "Delete a quota", description: "Gone for good.", path: idPath, responses: { "204": empty("Deleted") } },
    }),
    "/quotas/{id}/attainment": pathItem({
      get: {
        id: "getQuotaAttainment",
        tag,
        permission: "users.read",
        summary: "A quota's attainment",
        description:
          "For the quota's period (whole days in the workspace's time zone): won deals owned by the user (group quota: by the group or any member) whose stage became DONE_SUCCESS in the period and still is (of `dealTypes` when given); CALL and MEETING activities they created with `activityAt` in the period; `committed` over their open deals with `closeDate` in the period. Within the caller's access scope.",
        path: idPath,
        responses: { "200": json(attainmentOut) },
      },
    }),
  };
}
