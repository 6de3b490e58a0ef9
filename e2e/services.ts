// The product's own services, on the e2e server's database (the URL its runtime file
// gives): seeding goes through the same write path as the app, without the UI. The
// Playwright process resolves `server-only` as the scripts do (tsconfig.node.json).
import { readFileSync } from "node:fs";
import { E2E_RUNTIME_FILE } from "./runtime";

async function load() {
  if (!process.env.APP_DATABASE_URL) {
    const runtime = JSON.parse(readFileSync(E2E_RUNTIME_FILE, "utf8")) as { appUrl: string };
    process.env.APP_DATABASE_URL = runtime.appUrl;
  }
  return {
    ...(await import("@/lib/tenancy/create-tenant")),
    ...(await import("@/lib/tenancy/with-tenant")),
    ...(await import("@/lib/tenancy/context")),
    ...(await import("@/lib/tenancy/invitations")),
    ...(await import("@/lib/tenancy/access-policy")),
    ...(await import("@/lib/tenancy/groups")),
    ...(await import("@/lib/records/service")),
    ...(await import("@/lib/pipelines/move-record")),
    ...(await import("@/lib/pipelines/queries")),
    ...(await import("@/lib/pipelines/stage-service")),
    ...(await import("@/lib/pipelines/pipeline-service")),
    ...(await import("@/lib/activities/service")),
    ...(await import("@/lib/lists/service")),
    ...(await import("@/lib/lists/members")),
    ...(await import("@/lib/automations/service")),
    ...(await import("@/lib/custom-fields/service")),
    ...(await import("@/lib/api/keys")),
    ...(await import("@/lib/assignment/service")),
    ...(await import("@/lib/quotas/service")),
    schema: await import("@/db/schema"),
  };
}

let loaded: ReturnType<typeof load> | undefined;

/** The services, loaded once per Playwright process. */
export function services(): ReturnType<typeof load> {
  loaded ??= load();
  return loaded;
}
