// The campaigns, sequences, sending settings, suppression list and email preferences
// section of the OpenAPI document (lib/api/openapi.ts; API-ADDITIONS.md).
import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { allOf, empty, idPath, json, pageOf, pathItem } from "@/lib/api/openapi-common";
import { CAMPAIGN_CATEGORIES, CAMPAIGN_STATUSES, ENROLLMENT_SOURCES, ENROLLMENT_STATUSES, SEQUENCE_STEP_KINDS, STOP_REASONS, SUPPRESSION_REASONS } from "@/db/schema/campaigns";
import { PIPELINE_STAGE_STATES } from "@/db/schema/enums";
import { emailPreferencesSchema } from "@/lib/email/preferences";
import { sendSettingsSchema } from "@/lib/email/schemas";
import { suppressInputSchema } from "@/lib/email/suppression";
import { enrollSchema, sequenceInputSchema } from "@/lib/sequences/schemas";
import { RECIPIENT_STATUSES } from "./rules";
import { campaignUpdateSchema, campaignInputSchema, campaignSendSchema } from "./schemas";

const time = z.iso.datetime();
const count = z.number().int();

const campaignOut = z
  .object({
    id: z.uuid(),
    name: z.string(),
    category: z.enum(CAMPAIGN_CATEGORIES),
    status: z.enum(CAMPAIGN_STATUSES),
    mailboxId: z.uuid(),
    listId: z.uuid(),
    templateId: z.uuid().nullable(),
    subject: z.string(),
    body: z.string(),
    subjectB: z.string().nullable(),
    splitPercent: count,
    track: z.boolean(),
    scheduledAt: time.nullable(),
    nextBatchAt: time.nullable().meta({ description: "When the worker sends the next batch (SENDING, SCHEDULED)" }),
    startedAt: time.nullable(),
    completedAt: time.nullable(),
    createdAt: time,
  })
  .meta({ id: "Campaign" });

const figures = {
  recipients: count,
  queued: count,
  suppressed: count,
  failed: count,
  sent: count,
  delivered: count.meta({ description: "Sent and not bounced" }),
  opened: count,
  clicked: count,
  unsubscribed: count,
  bounced: count,
  complained: count,
};
const campaignWithFigures = campaignOut
  .extend({
    figures: z.object({
      total: z.object(figures),
      variants: z.array(z.object({ variant: z.enum(["A", "B"]), subject: z.string(), ...figures })),
      progress: z.number().min(0).max(1).meta({ description: "Share of the recipients emailed or suppressed" }),
    }),
  })
  .meta({ id: "CampaignWithFigures" });

const recipientOut = z
  .object({
    contactId: z.uuid(),
    name: z.string(),
    email: z.string(),
    variant: z.enum(["A", "B"]),
    status: z.enum(RECIPIENT_STATUSES),
    reason: z.string().nullable().meta({ description: "Why a recipient was suppressed" }),
    error: z.string().nullable().meta({ description: "Why a send failed" }),
    sentAt: time.nullable(),
  })
  .meta({ id: "CampaignRecipient" });

const stepOut = z.object({ id: z.uuid(), position: count, kind: z.enum(SEQUENCE_STEP_KINDS), delayDays: count, delayHours: count, subject: z.string(), body: z.string() });
const sequenceOut = z
  .object({
    id: z.uuid(),
    name: z.string(),
    mailboxId: z.uuid(),
    stopOnStageStates: z.array(z.enum(PIPELINE_STAGE_STATES)),
    track: z.boolean(),
    paused: z.boolean().meta({ description: "Due steps wait until it is resumed" }),
    steps: z.array(stepOut),
    createdAt: time,
  })
  .meta({ id: "Sequence" });
const sequenceSummary = z
  .object({ id: z.uuid(), name: z.string(), mailboxId: z.uuid(), stopOnStageStates: z.array(z.enum(PIPELINE_STAGE_STATES)), track: z.boolean(), stepCount: count, active: count, createdAt: time })
  .meta({ id: "SequenceSummary" });
const sequenceWithFigures = sequenceOut
  .extend({
    figures: z.object({
      enrolled: count,
      active: count,
      completed: count,
      stopped: count,
      steps: z.array(z.object({ stepId: z.uuid(), position: count, enrolled: count, sent: count, opened: count, clicked: count, replied: count })),
    }),
  })
  .meta({ id: "SequenceWithFigures" });
const enrollmentOut = z
  .object({
    id: z.uuid(),
    sequenceId: z.uuid(),
    contactId: z.uuid(),
    status: z.enum(ENROLLMENT_STATUSES),
    nextStep: count.meta({ description: "Position of the step due next" }),
    nextRunAt: time.nullable(),
    stopReason: z.enum(STOP_REASONS).nullable(),
    source: z.enum(ENROLLMENT_SOURCES),
    enrolledAt: time,
    endedAt: time.nullable(),
  })
  .meta({ id: "SequenceEnrollment" });

const sendSettingsOut = z
  .object({ windowEnabled: z.boolean(), windowDays: z.array(count), windowStartMinute: count, windowEndMinute: count, hourlyLimit: count, batchSize: count, timeZone: z.string() })
  .meta({ id: "EmailSendSettings" });
const suppressionOut = z
  .object({
    id: z.string().meta({ description: "The entry (an address may be listed for several reasons): DELETE /email-suppressions/{id}" }),
    email: z.string().nullable().meta({ description: "Null once the contact was erased (the hash is kept)" }),
    reason: z.enum(SUPPRESSION_REASONS),
    sourceEmailId: z.uuid().nullable(),
    detail: z.string().nullable(),
    createdAt: time,
    removable: z.boolean().meta({ description: "False for an erased person's entry, which stays forever" }),
  })
  .meta({ id: "EmailSuppression" });
const preferencesOut = z.object({ marketingEmails: z.boolean(), productUpdates: z.boolean(), newsletter: z.boolean() }).meta({ id: "EmailPreferences" });

export function campaignPaths(): ZodOpenApiPathsObject {
  return {
    "/campaigns": pathItem({
      get: { id: "listCampaigns", tag: "campaigns", permission: "campaigns.read", summary: "List campaigns", description: "Every campaign, newest first.", responses: { "200": json(allOf(campaignOut)) } },
      post: {
        id: "createCampaign",
        tag: "campaigns",
        permission: "campaigns.manage",
        summary: "Create a campaign (a draft)",
        description: "One email to the contacts of a list (static or dynamic), from a mailbox the caller may use. A template gives the subject and body left out. `subjectB` with `splitPercent` (1–99) A/B tests the subject: exactly round(n × split / 100) recipients get B.",
        body: campaignInputSchema,
        responses: { "201": json(campaignOut, "Created") },
      },
    }),
    "/campaigns/{id}": pathItem({
      get: { id: "getCampaign", tag: "campaigns", permission: "campaigns.read", summary: "Get a campaign with its figures", description: "Figures are counted from its recipients, their emails and the suppression list, in total and per variant.", path: idPath, responses: { "200": json(campaignWithFigures) } },
      patch: { id: "updateCampaign", tag: "campaigns", permission: "campaigns.manage", summary: "Change a draft or scheduled campaign", description: "The whole input again; a DRAFT, or a SCHEDULED campaign the worker has not started (409 once SENDING or done). A scheduled one also takes `scheduledAt` (later than now) to move its time.", path: idPath, body: campaignUpdateSchema, responses: { "200": json(campaignOut) } },
      delete: { id: "deleteCampaign", tag: "campaigns", permission: "campaigns.manage", summary: "Delete a draft campaign", description: "Only a DRAFT (409 otherwise).", path: idPath, responses: { "204": empty("Deleted") } },
    }),
    "/campaigns/{id}/send": pathItem({
      post: {
        id: "sendCampaign",
        tag: "campaigns",
        permission: "campaigns.manage",
        summary: "Send a draft campaign, now or later",
        description: "SENDING at once, or SCHEDULED for `scheduledAt`. The worker lists the recipients (suppressed addresses and contacts who turned the campaign's kind off are kept as suppressed) and sends batches of the batch size, at most the hourly limit per mailbox in any 60 minutes, inside the send window.",
        path: idPath,
        body: campaignSendSchema,
        responses: { "200": json(campaignOut) },
      },
    }),
    "/campaigns/{id}/cancel": pathItem({
      post: { id: "cancelCampaign", tag: "campaigns", permission: "campaigns.manage", summary: "Cancel a scheduled or sending campaign", description: "Recipients not yet emailed get nothing.", path: idPath, noInput: true, responses: { "200": json(campaignOut) } },
    }),
    "/campaigns/{id}/recipients": pathItem({
      get: {
        id: "listCampaignRecipients",
        tag: "campaigns",
        permission: "campaigns.read",
        summary: "A campaign's recipients and their status",
        description: "By contact id. Status: queued, sent, failed, suppressed, bounced, opened, clicked, unsubscribed (the furthest that happened).",
        path: idPath,
        query: z.object({ limit: z.number().int().min(1).max(500).optional(), cursor: z.uuid().optional() }),
        responses: { "200": json(pageOf(recipientOut)) },
      },
    }),
    "/sequences": pathItem({
      get: { id: "listSequences", tag: "sequences", permission: "sequences.read", summary: "List sequences", description: "Every sequence, with its step count and how many people are in it now.", responses: { "200": json(allOf(sequenceSummary)) } },
      post: {
        id: "createSequence",
        tag: "sequences",
        permission: "sequences.manage",
        summary: "Create a sequence",
        description: "Steps in order: EMAIL (subject and body with placeholders, sent from the sequence's mailbox inside the send window) or TASK (for the contact's owner), each `delayDays`/`delayHours` after the one before. It stops for a person on reply, bounce, unsubscribe, or when one of their deals enters a stage whose state is in `stopOnStageStates`.",
        body: sequenceInputSchema,
        responses: { "201": json(sequenceOut, "Created") },
      },
    }),
    "/sequences/{id}": pathItem({
      get: { id: "getSequence", tag: "sequences", permission: "sequences.read", summary: "Get a sequence with its figures", description: "Per step: enrolled (reached it), sent, opened, clicked, replied.", path: idPath, responses: { "200": json(sequenceWithFigures) } },
      put: { id: "updateSequence", tag: "sequences", permission: "sequences.manage", summary: "Change a sequence", description: "Steps are kept by position (their figures stay); extra ones are removed. People already past a position are not sent it again; a changed step reaches those who have not got to it. `paused: true` pauses it (due steps wait), `false` resumes it (what came due runs now); left out, it stays as it is.", path: idPath, body: sequenceInputSchema, responses: { "200": json(sequenceOut) } },
      delete: { id: "deleteSequence", tag: "sequences", permission: "sequences.manage", summary: "Delete a sequence", description: "Its enrollments end with it.", path: idPath, responses: { "204": empty("Deleted") } },
    }),
    "/sequences/{id}/enrollments": pathItem({
      get: { id: "listEnrollments", tag: "sequences", permission: "sequences.read", summary: "Who is in a sequence", description: "The latest 200 enrollments.", path: idPath, responses: { "200": json(allOf(enrollmentOut)) } },
      post: {
        id: "enroll",
        tag: "sequences",
        permission: "sequences.enroll",
        summary: "Enroll a contact or a list",
        description: "`contactId` (422 without an address we may write to, 409 when already in it) or `listId` (those already in it, without an address or suppressed are skipped).",
        path: idPath,
        body: enrollSchema,
        responses: { "201": json(z.object({ enrolled: count, skipped: count, enrollments: z.array(enrollmentOut) }), "Enrolled") },
      },
    }),
    "/sequence-enrollments/{id}/stop": pathItem({
      post: { id: "stopEnrollment", tag: "sequences", permission: "sequences.enroll", summary: "Stop a person's sequence", description: "Reason MANUAL; 409 when it already ended.", path: idPath, noInput: true, responses: { "204": empty("Stopped") } },
    }),
    "/email-settings": pathItem({
      get: { id: "getEmailSettings", tag: "email", permission: "email.send", summary: "The sending settings", description: "The send window (days 0 = Sunday, minutes of the day, in the workspace's time zone) and the campaign throttle.", responses: { "200": json(sendSettingsOut) } },
      put: { id: "updateEmailSettings", tag: "email", permission: "settings.manage", summary: "Change the sending settings", description: "Any subset.", body: sendSettingsSchema, responses: { "200": json(sendSettingsOut) } },
    }),
    "/email-suppressions": pathItem({
      get: {
        id: "listEmailSuppressions",
        tag: "email",
        permission: "emailSuppressions.read",
        summary: "The suppression list",
        description: "Addresses that get no campaign or sequence email: unsubscribed, bounced, complained, erased. Newest first; `q` keeps the addresses that contain it (any case).",
        query: z.object({ q: z.string().optional(), limit: z.number().int().min(1).max(500).optional(), cursor: z.string().optional() }),
        responses: { "200": json(pageOf(suppressionOut)) },
      },
      post: { id: "addEmailSuppression", tag: "email", permission: "settings.manage", summary: "Suppress an address", description: "Forever; also stops the address's sequences. `added: false` when it was already there for that reason.", body: suppressInputSchema, responses: { "201": json(z.object({ added: z.boolean() }), "Suppressed") } },
    }),
    "/email-suppressions/{id}": pathItem({
      delete: {
        id: "removeEmailSuppression",
        tag: "email",
        permission: "settings.manage",
        summary: "Take an address off the suppression list",
        description: "The address may get campaign and sequence email again. An erased person's entry stays forever (409).",
        path: z.object({ id: z.string() }),
        responses: { "204": empty("Removed") },
      },
    }),
    "/email-preferences/{contactId}": pathItem({
      get: { id: "getEmailPreferences", tag: "email", permission: "records.read", summary: "A contact's email preferences", description: "All on unless turned off.", path: z.object({ contactId: z.uuid() }), responses: { "200": json(preferencesOut) } },
      patch: { id: "setEmailPreferences", tag: "email", permission: "records.write", summary: "Change a contact's email preferences", description: "Campaigns of a kind skip contacts who turned it off; sequences count as marketing.", path: z.object({ contactId: z.uuid() }), body: emailPreferencesSchema, responses: { "200": json(preferencesOut) } },
    }),
  };
}
