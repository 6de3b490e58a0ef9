"use client";

// The form of a hosted web form page: it posts JSON to the public endpoint and thanks the
// visitor (or goes to the form's redirect URL). Without script it is a plain form post.
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { TextareaField, TextField } from "@/components/ui/field";
import { HONEYPOT, WEB_FORM_FIELDS, type WebFormField } from "@/lib/leads/web-form-schemas";

interface Problem {
  detail?: string;
  errors?: { path: string; message: string }[];
}

export function HostedWebForm({ formKey, fields, utm, redirectUrl }: { formKey: string; fields: string[]; utm: Record<string, string>; redirectUrl: string | null }) {
  const [sent, setSent] = useState(false);
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const errorId = useId();
  const action = `/api/public/forms/${formKey}`;

  const onSubmit = async (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setPending(true);
    setProblem(null);
    const body = { ...Object.fromEntries(new FormData(e.currentTarget)), landingPage: window.location.href, referrer: document.referrer };
    try {
      const res = await fetch(action, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      if (res.ok) {
        if (redirectUrl) window.location.assign(redirectUrl);
        else setSent(true);
        return;
      }
      const p = (await res.json().catch(() => ({}))) as Problem;
      setProblem(res.status === 429 ? { detail: "Too many submissions from your network: please try again in a minute." } : p);
    } catch {
      setProblem({ detail: "The form could not be sent. Check your connection and try again." });
    } finally {
      setPending(false);
    }
  };

  if (sent) {
    return (
      <p role="status" className="rounded-md bg-emerald-50 p-4 text-emerald-800">
        Thank you! We received your details and will be in touch soon.
      </p>
    );
  }
  const errorOf = (f: string) => problem?.errors?.find((x) => x.path === f)?.message;
  const general = problem && !problem.errors?.some((x) => fields.includes(x.path)) ? (problem.detail ?? "The form could not be sent") : undefined;
  return (
    <form method="post" action={action} onSubmit={(e) => void onSubmit(e)} className="space-y-4" noValidate>
      <FormAlert message={general} id={errorId} />
      {fields
        .filter((f): f is WebFormField => f in WEB_FORM_FIELDS)
        .map((f) => {
          const d = WEB_FORM_FIELDS[f];
          return d.type === "textarea" ? (
            <TextareaField key={f} name={f} label={d.label} rows={4} autoComplete={d.autoComplete} error={errorOf(f)} />
          ) : (
            <TextField key={f} name={f} label={d.label} type={d.type} autoComplete={d.autoComplete} error={errorOf(f)} />
          );
        })}
      {Object.entries(utm).map(([name, value]) => (
        <input key={name} type="hidden" name={name} defaultValue={value} />
      ))}
      {/* the honeypot: off screen and out of the tab order; people leave it empty */}
      <div aria-hidden="true" className="absolute -left-[10000px]">
        <label>
          Website
          <input type="text" name={HONEYPOT} tabIndex={-1} autoComplete="off" />
        </label>
      </div>
      <Button type="submit" disabled={pending} className="w-full sm:w-auto">
        {pending ? "Sending…" : "Send"}
      </Button>
    </form>
  );
}
