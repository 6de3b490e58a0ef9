import { createDocument, type ZodOpenApiPathsObject } from "zod-openapi";
import { recordPaths } from "@/lib/records/openapi";
import { activityPaths } from "@/lib/activities/openapi";
import { notificationPaths } from "@/lib/notifications/openapi";
import { watcherPaths } from "@/lib/watchers/openapi";
import { pipelinePaths } from "@/lib/pipelines/openapi";
import { listPaths } from "@/lib/lists/openapi";
import { searchTagAndFieldPaths } from "@/lib/search/openapi";
import { automationPaths } from "@/lib/automations/openapi";

/** Each domain contributes its paths; add yours here. */
const SECTIONS: (() => ZodOpenApiPathsObject)[] = [recordPaths, pipelinePaths, activityPaths, watcherPaths, notificationPaths, listPaths, searchTagAndFieldPaths, automationPaths];

let cached: ReturnType<typeof createDocument> | undefined;

export function openApiDocument() {
  cached ??= createDocument({
    openapi: "3.1.0",
    info: { title: "Stageline REST API", version: "1.0.0", description: "The contract of /work/shared/API.md. Errors are application/problem+json (RFC 9457)." },
    servers: [{ url: "/api/v1" }],
    security: [{ apiKey: [] }],
    components: { securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "An API key from Settings → API keys or the CLI" } } },
    paths: Object.assign({}, ...SECTIONS.map((s) => s())),
  });
  return cached;
}
