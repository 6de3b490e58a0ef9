// The OpenAPI 3.1 document served at GET /api/v1/openapi.json. Every route under
// app/api/v1 has its operation here (lib/api/openapi.test.ts), and every answer a route
// test receives is checked against it (lib/api/contract-check.ts).
import { createDocument, type ZodOpenApiPathsObject } from "zod-openapi";
import { activityPaths } from "@/lib/activities/openapi";
import { assignmentPaths } from "@/lib/assignment/openapi";
import { auditPaths } from "@/lib/audit/openapi";
import { importPaths } from "@/lib/imports/openapi";
import { automationPaths } from "@/lib/automations/openapi";
import { leadPaths } from "@/lib/leads/openapi";
import { listPaths } from "@/lib/lists/openapi";
import { mergePaths } from "@/lib/merge/openapi";
import { notificationPaths } from "@/lib/notifications/openapi";
import { pipelinePaths } from "@/lib/pipelines/openapi";
import { recordPaths } from "@/lib/records/openapi";
import { scoringPaths } from "@/lib/scoring/openapi";
import { searchTagAndFieldPaths } from "@/lib/search/openapi";
import { tenancyPaths } from "@/lib/tenancy/openapi";
import { watcherPaths } from "@/lib/watchers/openapi";
import { workspacePaths } from "@/lib/workspace/openapi";
import { analyticsPaths } from "@/lib/analytics/openapi";
import { quotaPaths } from "@/lib/quotas/openapi";
import { dashboardPaths } from "@/lib/dashboards/openapi";
import { TAGS } from "./openapi-common";
import { emailPaths } from "@/lib/email/openapi";
import { campaignPaths } from "@/lib/campaigns/openapi";

/** Each domain contributes its paths; add yours here. */
const SECTIONS: (() => ZodOpenApiPathsObject)[] = [recordPaths, pipelinePaths, activityPaths, listPaths, watcherPaths, notificationPaths, searchTagAndFieldPaths, automationPaths, tenancyPaths, auditPaths, leadPaths, scoringPaths, assignmentPaths, mergePaths, importPaths, emailPaths, campaignPaths, workspacePaths, analyticsPaths, quotaPaths, dashboardPaths];

let cached: ReturnType<typeof createDocument> | undefined;

export function openApiDocument() {
  cached ??= createDocument({
    openapi: "3.1.0",
    info: {
      title: "Stageline REST API",
      version: "1.0.0",
      description:
        "The REST API of a Stageline workspace. JSON in and out, camelCase fields, UUID ids, ISO-8601 UTC timestamps, money as decimal strings with a currency. Collections page by keyset: pass `nextCursor` back as `cursor`. Errors are `application/problem+json` (RFC 9457, the Problem schema). Every answer carries `x-request-id`.",
    },
    servers: [{ url: "/api/v1" }],
    security: [{ apiKey: [] }],
    tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
    components: {
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", description: "An API key from Settings → API keys or `npm run cli -- api-key create`; its role limits it as it limits a user" },
      },
    },
    paths: Object.assign({}, ...SECTIONS.map((s) => s())),
  });
  return cached;
}
