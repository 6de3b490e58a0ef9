// The getting-started card of a new workspace (admins, until dismissed): four steps, each
// checked off from the workspace's data (lib/onboarding/getting-started.ts).
import { CheckCircle2, Circle } from "lucide-react";
import Link from "next/link";
import type { ChecklistItem, GettingStarted } from "@/lib/onboarding/getting-started";
import { DismissGettingStartedButton, LoadDemoDataButton } from "./onboarding-buttons";

const STEPS: Record<ChecklistItem, { label: string; hint: string; href: string; action: string }> = {
  // There is no CSV import yet: the step links to creating a contact until it exists.
  contacts: { label: "Add your contacts", hint: "Create your first contact (CSV import is coming).", href: "/contacts/new", action: "Add a contact" },
  team: { label: "Invite your team", hint: "Invite colleagues with a link; each gets a role.", href: "/settings/users", action: "Invite people" },
  pipeline: { label: "Set up your pipeline", hint: "Rename stages, set probabilities and required fields.", href: "/settings/pipelines", action: "Edit pipelines" },
  automation: { label: "Connect an automation", hint: "Send a webhook or create a task when a deal moves.", href: "/settings/automations/new", action: "Create an automation" },
};

export function GettingStartedCard({ state }: { state: GettingStarted }) {
  const done = state.items.filter((i) => i.done).length;
  return (
    <section aria-labelledby="getting-started-title" className="mb-4 rounded-lg border border-brand-100 bg-white p-4">
      <div className="flex items-start justify-between gap-3">
        <div>
          <h2 id="getting-started-title" className="font-semibold text-slate-900">
            Getting started
          </h2>
          <p className="text-sm text-slate-600">
            {done} of {state.items.length} done
            {state.empty ? " · or try Stageline with the demo data first" : ""}
          </p>
        </div>
        <div className="flex items-center gap-2">
          {state.empty ? <LoadDemoDataButton /> : null}
          <DismissGettingStartedButton />
        </div>
      </div>
      <ul aria-label="Getting started steps" className="mt-3 grid gap-2 sm:grid-cols-2 xl:grid-cols-4">
        {state.items.map(({ key, done: isDone }) => {
          const step = STEPS[key];
          return (
            <li key={key} data-done={isDone} className="flex items-start gap-2 rounded-md border border-slate-200 p-3">
              {isDone ? <CheckCircle2 className="mt-0.5 size-4 shrink-0 text-green-700" aria-hidden /> : <Circle className="mt-0.5 size-4 shrink-0 text-slate-400" aria-hidden />}
              <span className="min-w-0 text-sm">
                <span className="block font-medium text-slate-900">
                  {step.label}
                  <span className="sr-only">{isDone ? " (done)" : " (to do)"}</span>
                </span>
                <span className="block text-slate-600">{step.hint}</span>
                {isDone ? null : (
                  <Link href={step.href} className="mt-1 inline-block font-medium text-brand-700 hover:underline">
                    {step.action}
                  </Link>
                )}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
