// Web forms' shapes (API.md "Leads"): which lead fields a form may ask, and the input of
// its settings. Client-safe (the settings page validates with them too).
import { z } from "zod";

/** Lead fields a visitor may fill, with the label the form shows. UTM values, landing page and referrer come as hidden fields. */
export const WEB_FORM_FIELDS = {
  firstName: { label: "First name", type: "text", autoComplete: "given-name" },
  lastName: { label: "Last name", type: "text", autoComplete: "family-name" },
  email: { label: "Email", type: "email", autoComplete: "email" },
  phone: { label: "Phone", type: "tel", autoComplete: "tel" },
  jobTitle: { label: "Job title", type: "text", autoComplete: "organization-title" },
  companyName: { label: "Company", type: "text", autoComplete: "organization" },
  budget: { label: "Budget", type: "text", autoComplete: "off" },
  authority: { label: "Your role in the decision", type: "text", autoComplete: "off" },
  need: { label: "What do you need?", type: "textarea", autoComplete: "off" },
  timeline: { label: "Timeline", type: "text", autoComplete: "off" },
} as const;
export type WebFormField = keyof typeof WEB_FORM_FIELDS;
export const WEB_FORM_FIELD_NAMES = Object.keys(WEB_FORM_FIELDS) as [WebFormField, ...WebFormField[]];

/** Hidden fields every form carries: the page's UTM values (snake_case, as in the query string), landing page and referrer. */
export const UTM_PARAMS = ["utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term"] as const;
export const UTM_FIELDS = { utm_source: "utmSource", utm_medium: "utmMedium", utm_campaign: "utmCampaign", utm_content: "utmContent", utm_term: "utmTerm" } as const;

/** The honeypot: hidden from people; a bot that fills it gets a 201 and creates nothing. */
export const HONEYPOT = "website_url";

const redirectUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((v) => /^https?:\/\/[^\s]+$/i.test(v), "must be an http(s) URL")
  .nullish()
  .or(z.literal("").transform(() => null));

export const webFormCreateSchema = z
  .object({
    name: z.string().trim().min(1, "is required").max(200),
    fields: z.array(z.enum(WEB_FORM_FIELD_NAMES)).min(1, "pick at least one field").max(WEB_FORM_FIELD_NAMES.length),
    redirectUrl,
    enabled: z.boolean().optional(),
  })
  .strict()
  .meta({ id: "WebFormInput" });
export const webFormUpdateSchema = webFormCreateSchema.partial().strict().meta({ id: "WebFormPatch" });
