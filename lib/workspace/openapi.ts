import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { json, pathItem } from "@/lib/api/openapi-common";
import { workspacePatchSchema } from "./schemas";

const workspaceOut = z
  .object({
    name: z.string(),
    timeZone: z.string().meta({ description: "IANA time zone; periods and dates of analytics follow it", example: "Europe/Paris" }),
    currency: z.string().meta({ description: "Default currency of new deals (ISO 4217)", example: "USD" }),
  })
  .meta({ id: "Workspace" });

export function workspacePaths(): ZodOpenApiPathsObject {
  const tag = "workspace";
  return {
    "/workspace": pathItem({
      get: { id: "getWorkspace", tag, permission: "users.read", summary: "The workspace's settings", description: "Name, time zone and default currency.", responses: { "200": json(workspaceOut) } },
      patch: {
        id: "updateWorkspace",
        tag,
        permission: "settings.manage",
        summary: "Change the workspace's settings (partial)",
        description: "`timeZone` must be an IANA name known to the server (e.g. `Europe/Paris`, `UTC`); `currency` a three-letter code. Either is a 422 otherwise.",
        body: workspacePatchSchema.meta({ id: "WorkspacePatch" }),
        responses: { "200": json(workspaceOut) },
      },
    }),
  };
}
