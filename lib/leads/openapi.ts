import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { allOf, empty, idPath, json, pathItem } from "@/lib/api/openapi-common";
import { recordSchemaOf } from "@/lib/records/openapi";
import { RECORD_KINDS } from "@/lib/records/registry";
import { convertLeadSchema, disqualifyLeadSchema } from "./schemas";
import { WEB_FORM_FIELD_NAMES, webFormCreateSchema, webFormUpdateSchema } from "./web-form-schemas";

const webFormOut = z
  .object({
    id: z.uuid(),
    key: z.string().meta({ description: "The public key: the hosted page /f/{key} and POST /api/public/forms/{key}" }),
    name: z.string(),
    fields: z.array(z.enum(WEB_FORM_FIELD_NAMES)),
    redirectUrl: z.string().nullable(),
    enabled: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "WebForm" });

export function leadPaths(): ZodOpenApiPathsObject {
  const lead = recordSchemaOf(RECORD_KINDS.LEAD);
  const converted = z
    .object({ lead, contact: recordSchemaOf(RECORD_KINDS.CONTACT), company: recordSchemaOf(RECORD_KINDS.COMPANY).nullable(), deal: recordSchemaOf(RECORD_KINDS.DEAL).nullable() })
    .meta({ id: "LeadConversion" });
  return {
    "/leads/{id}/convert": pathItem({
      post: {
        id: "convertLead",
        tag: "leads",
        permission: "records.write",
        summary: "Convert a lead into a contact, a company and a deal",
        description:
          "Without `contactId`, a live contact with the lead's email (any case) is reused, else one is created; without `companyId`, a company with the email's domain (free-mail domains excepted) or the lead's `companyName` (any case) is reused, else one is created (`createCompany`, default true when the lead has a company name). Reused records only get the lead's values for fields they have empty. A `deal` (omitted or null: none) points at the contact, the company and the lead. The lead's activities, tags, watchers and static list memberships carry over to the contact (its activities also show on the deal); the lead ends `converted`, in its pipeline's DONE_SUCCESS stage when there is one, and a `lead.converted` event is written. One transaction. A converted or disqualified lead is a 409; another workspace's ids a 422.",
        path: idPath,
        body: convertLeadSchema,
        responses: { "200": json(converted) },
      },
    }),
    "/leads/{id}/disqualify": pathItem({
      post: {
        id: "disqualifyLead",
        tag: "leads",
        permission: "records.write",
        summary: "Disqualify a lead",
        description: "The lead ends `unqualified` with the reason and the time, in its pipeline's DONE_FAILED stage when there is one. A converted or already disqualified lead is a 409.",
        path: idPath,
        body: disqualifyLeadSchema,
        responses: { "200": json(lead) },
      },
    }),
    "/web-forms": pathItem({
      get: { id: "listWebForms", tag: "web-forms", permission: "settings.manage", summary: "List web forms", description: "Every web form of the workspace, oldest first.", responses: { "200": json(allOf(webFormOut)) } },
      post: {
        id: "createWebForm",
        tag: "web-forms",
        permission: "settings.manage",
        summary: "Create a web form",
        description: "A form asking the lead fields named in `fields`; it gets a public `key`. Visitors post to POST /api/public/forms/{key} (no auth, CORS open), or fill the hosted page /f/{key}.",
        body: webFormCreateSchema,
        responses: { "201": json(webFormOut, "Created") },
      },
    }),
    "/web-forms/{id}": pathItem({
      patch: { id: "updateWebForm", tag: "web-forms", permission: "settings.manage", summary: "Update a web form", description: "Only the fields sent change; the key stays.", path: idPath, body: webFormUpdateSchema, responses: { "200": json(webFormOut) } },
      delete: { id: "deleteWebForm", tag: "web-forms", permission: "settings.manage", summary: "Delete a web form", description: "Its public URL answers 404 from now on; the leads it made stay.", path: idPath, responses: { "204": empty("Deleted") } },
    }),
  };
}
