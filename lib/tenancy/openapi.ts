import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { TENANT_ROLES } from "@/db/schema/enums";
import { allOf, empty, idPath, json, pathItem } from "@/lib/api/openapi-common";
import { ACCESS_RECORD_TYPES, ACCESS_ROLES, accessPolicySchema, accessScopePairSchema } from "./access-schemas";
import { apiKeyCreateSchema, groupCreateSchema, groupUpdateSchema } from "./schemas";

const ts = z.iso.datetime();

const userOut = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    role: z.enum(TENANT_ROLES),
    isActive: z.boolean(),
    joinedAt: ts,
    deactivatedAt: ts.nullable(),
  })
  .meta({ id: "User", description: "A member of the workspace. Members who own records are deactivated, never deleted." });

const groupOut = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string().nullable(),
    managerUserId: z.uuid().nullable().meta({ description: "The team's manager: with the \"team\" scope they see what the group's members own" }),
    memberUserIds: z.array(z.uuid()),
    members: z.array(z.object({ id: z.uuid(), name: z.string(), email: z.string(), isActive: z.boolean() })),
    createdAt: ts,
  })
  .meta({ id: "Group" });

const accessPolicyOut = z
  .object(Object.fromEntries(ACCESS_ROLES.map((r) => [r, z.object(Object.fromEntries(ACCESS_RECORD_TYPES.map((t) => [t, accessScopePairSchema])))])))
  .meta({ id: "AccessPolicy" });

const apiKeyFields = {
  id: z.uuid(),
  name: z.string(),
  role: z.enum(TENANT_ROLES),
  userId: z.uuid().nullable().meta({ description: "The member the key acts as (their current role and access scope); null for a workspace key" }), keyPrefix: z.string().meta({ description: "The first characters of the key, to tell keys apart" }), createdAt: ts };
const apiKeyOut = z.object({ ...apiKeyFields, lastUsedAt: ts.nullable(), revokedAt: ts.nullable() }).meta({ id: "ApiKey", description: "A key as listed: never the key itself" });
const apiKeyCreated = z.object({ ...apiKeyFields, key: z.string().meta({ description: "The key, shown this once: only a hash is stored" }) }).meta({ id: "ApiKeyCreated" });

export function tenancyPaths(): ZodOpenApiPathsObject {
  return {
    "/users": pathItem({
      get: {
        id: "listUsers",
        tag: "users",
        permission: "users.read",
        summary: "List the workspace's members",
        description: "Active and deactivated members by name. People join by invitation (Settings → Users).",
        responses: { "200": json(allOf(userOut)) },
      },
    }),
    "/groups": pathItem({
      get: { id: "listGroups", tag: "groups", permission: "users.read", summary: "List groups", description: "Every group with its members.", responses: { "200": json(allOf(groupOut)) } },
      post: {
        id: "createGroup",
        tag: "groups",
        permission: "groups.manage",
        summary: "Create a group",
        description: "`memberUserIds` must be active members of the workspace (422 naming the bad one); a name the workspace already has is a 409.",
        body: groupCreateSchema.meta({ id: "GroupInput" }),
        responses: { "201": json(groupOut, "Created") },
      },
    }),
    "/groups/{id}": pathItem({
      get: { id: "getGroup", tag: "groups", permission: "users.read", summary: "Get a group", description: "The group with its members.", path: idPath, responses: { "200": json(groupOut) } },
      patch: {
        id: "updateGroup",
        tag: "groups",
        permission: "groups.manage",
        summary: "Update a group (partial)",
        description: "`memberUserIds` replaces the whole member set.",
        path: idPath,
        body: groupUpdateSchema.meta({ id: "GroupPatch" }),
        responses: { "200": json(groupOut) },
      },
      delete: {
        id: "deleteGroup",
        tag: "groups",
        permission: "groups.manage",
        summary: "Delete a group",
        description: "Its watches go with it. A group that still owns or is assigned records is a 409: reassign them first.",
        path: idPath,
        responses: { "204": empty("Deleted") },
      },
    }),
    "/api-keys": pathItem({
      get: { id: "listApiKeys", tag: "api-keys", permission: "apiKeys.manage", summary: "List API keys", description: "Newest first, revoked ones included; never the key itself.", responses: { "200": json(allOf(apiKeyOut)) } },
      post: {
        id: "createApiKey",
        tag: "api-keys",
        permission: "apiKeys.manage",
        summary: "Create an API key",
        description: "With `userId`, the key acts as that member: their role and access scope at each request, and it stops working when they are deactivated. Without, a workspace key carries `role`, which limits it exactly as it limits a user, and sees every record. The answer holds the key this once (`Cache-Control: no-store`).",
        body: apiKeyCreateSchema.meta({ id: "ApiKeyInput" }),
        responses: { "201": json(apiKeyCreated, "Created") },
      },
    }),
    "/access-policy": pathItem({
      get: {
        id: "getAccessPolicy",
        tag: "users",
        permission: "users.manage",
        summary: "Read the access policy",
        description: "Per role and record type, the read and write scope: `own` (records owned by or assigned to the user or a group they belong to), `team` (also those of any member of a group they manage or belong to) or `all`. Admins see and write all; readonly never writes. Default all/all.",
        responses: { "200": json(accessPolicyOut) },
      },
      put: {
        id: "putAccessPolicy",
        tag: "users",
        permission: "users.manage",
        summary: "Replace the access policy",
        description: "Roles and record types left out keep their scope. A write scope wider than the read scope is a 422. The database applies the policy from the next request on.",
        body: accessPolicySchema.meta({ id: "AccessPolicyInput" }),
        responses: { "200": json(accessPolicyOut) },
      },
    }),
    "/api-keys/{id}": pathItem({
      delete: {
        id: "revokeApiKey",
        tag: "api-keys",
        permission: "apiKeys.manage",
        summary: "Revoke an API key",
        description: "The key stops working at once and stays listed as revoked; an unknown or already revoked key is a 404.",
        path: idPath,
        responses: { "204": empty("Revoked") },
      },
    }),
  };
}
