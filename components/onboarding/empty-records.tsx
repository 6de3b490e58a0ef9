// What an empty record table says: what to do next, not "No contacts match."
import { Plus } from "lucide-react";
import Link from "next/link";
import { LoadDemoDataButton } from "./onboarding-buttons";

export function EmptyRecords({ plural, singular, newHref, canWrite, canLoadDemo }: {
  plural: string;
  singular: string;
  newHref: string;
  canWrite: boolean;
  /** An admin in a workspace without records: offer the demo data too. */
  canLoadDemo: boolean;
}) {
  return (
    <div className="mx-auto max-w-md space-y-3 text-center">
      <p className="font-medium text-slate-800">No {plural} yet</p>
      <p className="text-sm text-slate-600">
        {canWrite ? `Add your first ${singular} to get started.` : `When your team adds ${plural}, they show here.`}
        {canLoadDemo ? " Or load the demo data to look around first." : ""}
      </p>
      <div className="flex items-center justify-center gap-2">
        {canWrite ? (
          <Link href={newHref} className="inline-flex items-center gap-1.5 rounded-md bg-brand-600 px-2.5 py-1 text-sm font-medium text-white hover:bg-brand-700">
            <Plus className="size-4" aria-hidden /> Add {singular}
          </Link>
        ) : null}
        {canLoadDemo ? <LoadDemoDataButton /> : null}
      </div>
    </div>
  );
}
