import { describe, expect, it } from "vitest";
import { automationCreateSchema } from "@/lib/automations/schemas";
import { DEFAULT_VALUES, emptyStep, formPath, fromAutomation, toInput, type FormValues } from "./form-values";
import { scopesFor, triggersFor } from "./labels";
import { automationResolver } from "./resolver";

const STAGE = "5b0e8a57-7d0f-4a43-9c47-8a3c0f6f2b11";
const GROUP = "0b3f9f7e-1d7a-4c55-8f8e-2d5b6a1c9e02";

const webhookOnStage: FormValues = {
  ...DEFAULT_VALUES,
  name: "Tell billing",
  scopeType: "PIPELINE_STAGE",
  stageId: STAGE,
  triggerEvent: "stage.entered",
  webhook: { url: "https://example.com/hook", headers: [{ key: "X-Team", value: "billing" }, { key: "", value: "" }], timeoutMs: "5000" },
};

describe("automation form values → API input", () => {
  it("sends only the scope's target (the others as null), the config of the chosen action type, and no empty header rows", () => {
    const input = toInput(webhookOnStage);
    expect(input).toMatchObject({
      name: "Tell billing",
      scopeType: "PIPELINE_STAGE",
      stageId: STAGE,
      pipelineId: null,
      listId: null,
      recordType: null,
      recordId: null,
      fromStageId: null,
      toStageId: null,
      condition: null,
      config: { url: "https://example.com/hook", headers: { "X-Team": "billing" }, timeoutMs: 5000 },
      priority: 100,
    });
    expect(automationCreateSchema.safeParse(input).success).toBe(true);
  });

  it("a RECORD scope names the entity type as record type; non-stage triggers clear from/to stage", () => {
    const input = toInput({ ...webhookOnStage, scopeType: "RECORD", recordId: STAGE, triggerEvent: "record.updated", fromStageId: STAGE });
    expect(input).toMatchObject({ recordType: "DEAL", recordId: STAGE, stageId: null, fromStageId: null });
    expect(automationCreateSchema.safeParse(input).success).toBe(true);
  });

  it("workflow steps keep their order and only their own fields", () => {
    const steps = [
      { ...emptyStep("createTask"), subject: "Call back", dueInDays: "2", priority: "high", body: "" },
      { ...emptyStep("assignRoundRobin"), groupId: GROUP, subject: "ignored" },
      emptyStep("notifyWatchers"),
    ];
    const input = toInput({ ...webhookOnStage, actionType: "WORKFLOW", workflow: { steps } });
    expect(input.config).toEqual({ steps: [{ type: "createTask", subject: "Call back", dueInDays: 2, priority: "high" }, { type: "assignRoundRobin", groupId: GROUP }, { type: "notifyWatchers" }] });
    expect(automationCreateSchema.safeParse(input).success).toBe(true);
  });

  it("a stored automation comes back to the same form values", () => {
    const values = { ...webhookOnStage, webhook: { ...webhookOnStage.webhook, headers: [{ key: "X-Team", value: "billing" }] } };
    const dto = { ...(toInput(values) as Parameters<typeof fromAutomation>[0]), config: { ...(toInput(values).config as object), hasSecret: true } };
    expect(fromAutomation(dto)).toEqual(values);
  });
});

describe("API error paths → form fields", () => {
  it.each([
    ["config.url", "WEBHOOK", "webhook.url"],
    ["config.headers.bad name", "WEBHOOK", "webhook.headers"],
    ["config.steps[1].subject", "WORKFLOW", "workflow.steps.1.subject"],
    ["config.steps", "WORKFLOW", "workflow.steps"],
    ["config.output.field", "AIWORKER", "ai.field"],
    ["config.prompt", "AIWORKER", "ai.prompt"],
    ["condition.all[0].value", "WEBHOOK", "condition"],
    ["recordType", "WEBHOOK", "recordId"],
    ["stageId", "WEBHOOK", "stageId"],
  ] as const)("%s (%s) → %s", (path, actionType, field) => {
    expect(formPath(path, actionType)).toBe(field);
  });

  it("the resolver puts the schema's messages on those fields", async () => {
    const resolve = automationResolver(automationCreateSchema);
    const bad = { ...webhookOnStage, name: "", stageId: "", webhook: { ...webhookOnStage.webhook, url: "ftp://x" } };
    const r = await resolve(bad, undefined, { fields: {}, shouldUseNativeValidation: false });
    expect(Object.keys(r.errors).sort()).toEqual(["name", "stageId", "webhook"]);
    expect(r.errors.webhook?.url?.message).toMatch(/http/);
  });
});

describe("valid combinations", () => {
  it("pipeline scopes and stage events only where there are pipelines; list rules hear list events only", () => {
    expect(scopesFor(false).map((s) => s.value)).toEqual(["ENTITY", "LIST", "RECORD"]);
    expect(triggersFor("ENTITY", false)).not.toContain("stage.entered");
    expect(triggersFor("ENTITY", true)).toContain("stage.entered");
    expect(triggersFor("LIST", true)).toEqual(["list.member_added", "list.member_removed"]);
    expect(triggersFor("PIPELINE_STAGE", true)).toContain("stage.exited");
  });
});
