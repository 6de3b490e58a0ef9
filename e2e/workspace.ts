// A test's own workspace, its team signed in and its data seeded through the services.
//
//   import { expect, test } from "./workspace";
//   test("…", async ({ page, workspace, seed, openAs }) => { … });
//
// - `workspace`: a new tenant (the default pipelines, as sign-up makes them) whose admin is
//   the team's admin (e2e/team.ts). Each test has its own, so tests never see each other's
//   rows and run in parallel.
// - `page`: the admin's browser, already signed in (the saved state of the setup
//   project's one sign-in), its session moved into this workspace. It starts blank: go to
//   a page first.
// - `openAs(role)`: another member's browser (manager, sales_rep, readonly), who joins
//   the workspace through an invitation (the services) and is signed in the same way.
// - `seed`: records, moves, activities, lists, automations and settings, written by the
//   services as the admin: what a test needs, not what it tests.
// A context a test opens itself (browser.newContext) starts signed in as the admin too, as
// Playwright applies the project's options to it: pass `storageState: SIGNED_OUT`
// (e2e/fixtures.ts) for a stranger's browser. A test that signs out or changes a password
// must not do it to the team: it uses @playwright/test's `test` and signUpTenant.
import { randomUUID } from "node:crypto";
import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";
import type { ActivityCreateInput } from "@/lib/activities/schemas";
import type { AssignmentRuleCreateInput } from "@/lib/assignment/schemas";
import type { CustomFieldCreateInput } from "@/lib/custom-fields/schemas";
import type { PipelineCreateInput, StagePatchInput } from "@/lib/pipelines/schemas";
import type { ObjectType } from "@/lib/pipelines/queries";
import type { RecordKind } from "@/lib/records/kinds";
import type { TenantContext } from "@/lib/tenancy/context";
import { services } from "./services";
import { readTeam, type TeamMember, type TeamRole } from "./team";

export { expect };

export interface Workspace {
  tenantId: string;
  /** The name the shell shows (data-testid tenant-name). */
  name: string;
  /** The team member of `role` (for names, emails and ids); `join` or `openAs` makes them a member. */
  member(role: TeamRole): TeamMember;
  /** The team member of `role` joins this workspace through an invitation (the services). */
  join(role: Exclude<TeamRole, "admin">): Promise<TeamMember>;
  /** A service context acting as the member of `role`. */
  ctx(role?: TeamRole): TenantContext;
}

/**
 * Moves the session of `context` into the workspace `tenantId`, as the app does after an
 * invitation is accepted (Auth.js's session update, POST /api/auth/session): only into a
 * workspace where the user is an active member.
 */
export async function enterWorkspace(context: BrowserContext, tenantId: string): Promise<void> {
  const { csrfToken } = (await (await context.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await context.request.post("/api/auth/session", { data: { csrfToken, data: { tenantId } } });
  expect(res.status()).toBe(200);
  expect(((await res.json()) as { tenantId?: string }).tenantId, "the session moved into the test's workspace").toBe(tenantId);
}

async function createWorkspace(admin: TeamMember): Promise<Workspace> {
  const { withTenant, systemActor, createDefaultPipelines, slugify, schema } = await services();
  const tenantId = randomUUID();
  const name = `E2E Co ${tenantId.slice(0, 5)}`;
  // as createTenant makes one, with an existing user as its first admin
  await withTenant({ tenantId, actor: systemActor() }, async (tx) => {
    await tx.insert(schema.tenants).values({ id: tenantId, name, slug: `${slugify(name)}-${tenantId.slice(0, 8)}` });
    await createDefaultPipelines(tx, tenantId);
    await tx.insert(schema.tenantUsers).values({ tenantId, userId: admin.userId, role: "admin" });
  });
  const team = readTeam();
  const ctx: Workspace["ctx"] = (role = "admin") => ({ tenantId, actor: { kind: "user", userId: team[role].userId, role, source: "USER" } });
  return {
    tenantId,
    name,
    member: (role) => team[role],
    ctx,
    async join(role) {
      const { createInvitation, acceptInvitationAsUser } = await services();
      const { token } = await createInvitation(ctx(), { email: team[role].email, role });
      await acceptInvitationAsUser(token, team[role].userId);
      return team[role];
    },
  };
}

/** What tests seed, through the services, as the workspace's admin. */
export interface Seed {
  /** A company, contact, lead, deal or ticket (the REST body's fields); answers its id. */
  record(kind: RecordKind, data: Record<string, unknown>): Promise<string>;
  update(kind: RecordKind, id: string, patch: Record<string, unknown>): Promise<void>;
  /** The default pipeline of `objectType` (or the one named), with its stages' ids by name. */
  pipeline(objectType: ObjectType, name?: string): Promise<{ id: string; stages: Record<string, string> }>;
  /** Moves a deal, lead or ticket into the stage of that name of its default pipeline. */
  move(kind: "DEAL" | "LEAD" | "TICKET", id: string, stage: string): Promise<void>;
  stage(objectType: ObjectType, stage: string, patch: StagePatchInput): Promise<void>;
  /** A new pipeline; answers its id. */
  newPipeline(input: PipelineCreateInput): Promise<string>;
  activity(input: ActivityCreateInput): Promise<string>;
  list(input: { name: string; objectType: "CONTACT" | "COMPANY" | "DEAL" | "LEAD" | "TICKET"; processingType: "STATIC" | "DYNAMIC"; filter?: unknown }): Promise<string>;
  addToList(listId: string, memberIds: string[]): Promise<void>;
  /** Answers the automation's id and, for a webhook, its signing secret (shown once in the app). */
  automation(input: Record<string, unknown>): Promise<{ id: string; webhookSecret: string | null }>;
  customField(input: CustomFieldCreateInput): Promise<void>;
  accessPolicy(input: unknown): Promise<void>;
  /** An assignment (routing) rule, as Settings → Assignment makes it; answers its id. */
  assignmentRule(input: AssignmentRuleCreateInput): Promise<string>;
  group(input: { name: string; memberUserIds?: string[] }): Promise<void>;
  /** An API key (shown once in the app): its id and the key. */
  apiKey(input: { name: string; role?: TeamRole; userId?: string }): Promise<{ id: string; key: string }>;
}

function seeder(ctx: TenantContext): Seed {
  const pipeline: Seed["pipeline"] = async (objectType, name) => {
    const { listPipelines } = await services();
    const all = await listPipelines(ctx, objectType);
    const p = all.find((x) => (name ? x.name === name : x.isDefault))!;
    return { id: p.id, stages: Object.fromEntries(p.stages.map((s) => [s.name, s.id])) };
  };
  return {
    async record(kind, data) {
      const { createRecord } = await services();
      return (await createRecord(ctx, kind, data)).id;
    },
    async update(kind, id, patch) {
      const { updateRecord } = await services();
      await updateRecord(ctx, kind, id, patch);
    },
    pipeline,
    async move(kind, id, stage) {
      const { moveRecord } = await services();
      const { stages } = await pipeline(kind, undefined);
      await moveRecord(ctx, kind, id, { toStageId: stages[stage]! });
    },
    async stage(objectType, stage, patch) {
      const { updateStage } = await services();
      const p = await pipeline(objectType);
      await updateStage(ctx, p.id, p.stages[stage]!, patch);
    },
    async newPipeline(input) {
      const { createPipeline } = await services();
      return (await createPipeline(ctx, input)).id;
    },
    async activity(input) {
      const { createActivity } = await services();
      return (await createActivity(ctx, input)).id;
    },
    async list(input) {
      const { createList } = await services();
      return (await createList(ctx, input)).id;
    },
    async addToList(listId, memberIds) {
      const { addMembers } = await services();
      await addMembers(ctx, listId, { memberIds });
    },
    async automation(input) {
      const { createAutomation } = await services();
      const { automation, webhookSecret } = await createAutomation(ctx, input);
      return { id: automation.id, webhookSecret };
    },
    async customField(input) {
      const { createCustomField } = await services();
      await createCustomField(ctx, input);
    },
    async apiKey(input) {
      const { createApiKey } = await services();
      const { id, key } = await createApiKey(ctx, input);
      return { id, key };
    },
    async group(input) {
      const { createGroup } = await services();
      await createGroup(ctx, input);
    },
    async accessPolicy(input) {
      const { putAccessPolicy } = await services();
      await putAccessPolicy(ctx, input);
    },
    async assignmentRule(input) {
      const { createAssignmentRule } = await services();
      return (await createAssignmentRule(ctx, input)).id;
    },
  };
}

export interface Signed {
  page: Page;
  context: BrowserContext;
  member: TeamMember;
}

export const test = base.extend<{ workspace: Workspace; seed: Seed; openAs: (role: Exclude<TeamRole, "admin">) => Promise<Signed> }>({
  storageState: async ({}, provide) => provide(readTeam().admin.storageState),
  workspace: async ({}, provide) => provide(await createWorkspace(readTeam().admin)),
  page: async ({ page, workspace }, provide) => {
    await enterWorkspace(page.context(), workspace.tenantId);
    await provide(page);
  },
  seed: async ({ workspace }, provide) => provide(seeder(workspace.ctx())),
  openAs: async ({ browser, baseURL, workspace }, provide) => {
    const opened: BrowserContext[] = [];
    await provide(async (role) => {
      const member = await workspace.join(role);
      const context = await browser.newContext({ baseURL, storageState: member.storageState });
      opened.push(context);
      await enterWorkspace(context, workspace.tenantId);
      return { page: await context.newPage(), context, member };
    });
    for (const c of opened) await c.close();
  },
});
