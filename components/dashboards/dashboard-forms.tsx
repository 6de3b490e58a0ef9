"use client";
// New dashboard, rename / share, and delete (the default dashboard stays).
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { inputClass } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { toastResult } from "@/components/ui/toast-result";
import { actionMessage } from "@/lib/action-result";
import { createDashboardAction, deleteDashboardAction, updateDashboardAction } from "@/lib/dashboards/actions";

type Visibility = "private" | "workspace";

function DashboardFields({ name, setName, visibility, setVisibility, canShare }: { name: string; setName: (v: string) => void; visibility: Visibility; setVisibility: (v: Visibility) => void; canShare: boolean }) {
  const id = useId();
  return (
    <>
      <div className="space-y-1">
        <label htmlFor={`${id}-name`} className="block text-sm font-medium text-slate-700">
          Name
        </label>
        <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} maxLength={120} className={inputClass} />
      </div>
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium text-slate-700">Who sees it</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name={`${id}-vis`} checked={visibility === "private"} onChange={() => setVisibility("private")} /> Only me
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name={`${id}-vis`} checked={visibility === "workspace"} onChange={() => setVisibility("workspace")} disabled={!canShare} /> Everyone in the workspace
          {canShare ? null : <span className="text-xs text-slate-500">(admins and managers share dashboards)</span>}
        </label>
      </fieldset>
    </>
  );
}

export function NewDashboardButton({ canShare }: { canShare: boolean }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [visibility, setVisibility] = useState<Visibility>("private");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <FormDialog
      open={open}
      onOpenChange={setOpen}
      title="New dashboard"
      trigger={<Button>New dashboard</Button>}
      submitLabel="Create dashboard"
      pending={pending}
      error={error}
      onSubmit={async (e) => {
        e.preventDefault();
        if (!name.trim()) return setError("Give the dashboard a name.");
        setPending(true);
        const r = await createDashboardAction({ name: name.trim(), visibility });
        setPending(false);
        const err = actionMessage(r);
        if (err) return setError(err);
        toast.success("Dashboard created");
        setOpen(false);
        router.push(`/dashboards/${r!.data!.id}`);
      }}
    >
      <DashboardFields name={name} setName={setName} visibility={visibility} setVisibility={setVisibility} canShare={canShare} />
    </FormDialog>
  );
}

export function DashboardSettings({ id, name: initialName, visibility: initialVisibility, isDefault, canShare }: { id: string; name: string; visibility: Visibility; isDefault: boolean; canShare: boolean }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(initialName);
  const [visibility, setVisibility] = useState<Visibility>(initialVisibility);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <FormDialog
        open={open}
        onOpenChange={setOpen}
        title="Dashboard settings"
        trigger={
          <Button variant="secondary" size="sm">
            Rename or share
          </Button>
        }
        submitLabel="Save"
        pending={pending}
        error={error}
        onSubmit={async (e) => {
          e.preventDefault();
          setPending(true);
          const r = await updateDashboardAction({ dashboardId: id, patch: { name: name.trim(), ...(visibility !== initialVisibility && { visibility }) } });
          setPending(false);
          const err = actionMessage(r);
          if (err) return setError(err);
          toast.success("Dashboard saved");
          setOpen(false);
          router.refresh();
        }}
      >
        <DashboardFields name={name} setName={setName} visibility={visibility} setVisibility={setVisibility} canShare={canShare && !isDefault} />
      </FormDialog>
      {isDefault ? null : (
        <ConfirmButton
          label="Delete dashboard"
          title="Delete this dashboard?"
          description={`${initialName} and its widgets go away; the records stay.`}
          confirmLabel="Delete dashboard"
          variant="ghost"
          onConfirm={async () => {
            const ok = toastResult(await deleteDashboardAction({ dashboardId: id }), "Dashboard deleted");
            if (ok) router.push("/dashboards");
            return ok;
          }}
        />
      )}
    </>
  );
}
