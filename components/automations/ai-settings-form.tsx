"use client";

// Settings → AI: base URL, model and a write-only API key. The key is never sent back to
// the browser: the form only knows whether one is set, and may replace or clear it. The
// server clears a kept key when the base URL moves to another origin; the form says so
// before saving and shows what the server answered after.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import { saveAiSettingsAction } from "@/lib/automations/actions";
import { Badge } from "@/components/ui/badge";
import { FormAlert } from "@/components/ui/form-alert";
import { Button } from "@/components/ui/button";
import { useFormAction } from "@/components/ui/use-form-action";
import { TextField } from "@/components/ui/field";

/** The server action validates with aiSettingsSchema (server-only module); its field errors land here. */
type Input = { baseUrl: string; model: string; apiKey?: string };
type KeyMode = "keep" | "replace" | "clear";

const originOf = (url: string) => {
  try {
    return new URL(url.trim()).origin;
  } catch {
    return null;
  }
};

export function AiSettingsForm({ initial }: { initial: { baseUrl: string | null; model: string | null; hasApiKey: boolean } }) {
  const router = useRouter();
  const [hasKey, setHasKey] = useState(initial.hasApiKey);
  const [keyMode, setKeyMode] = useState<KeyMode>(initial.hasApiKey ? "keep" : "replace");
  const form = useForm<Input>({ defaultValues: { baseUrl: initial.baseUrl ?? "", model: initial.model ?? "", apiKey: undefined } });
  const action = useFormAction(saveAiSettingsAction, form);
  const { errors, isSubmitting } = form.formState;
  const baseUrl = useWatch({ control: form.control, name: "baseUrl" });
  const [savedBaseUrl, setSavedBaseUrl] = useState(initial.baseUrl ?? "");
  const keyWillBeCleared = hasKey && keyMode === "keep" && originOf(baseUrl) !== originOf(savedBaseUrl);

  const onSubmit = form.handleSubmit(async (values) => {
    const apiKey = keyMode === "keep" ? undefined : keyMode === "clear" ? "" : values.apiKey || undefined;
    const r = await action.run({ baseUrl: values.baseUrl.trim() || null, model: values.model.trim() || null, apiKey });
    if (!r.ok) return;
    toast.success("AI settings saved");
    form.reset({ ...values, apiKey: undefined });
    const nowHas = r.data.hasApiKey ?? false;
    setSavedBaseUrl(r.data.baseUrl ?? "");
    setHasKey(nowHas);
    setKeyMode(nowHas ? "keep" : "replace");
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-label="AI settings" className="max-w-xl space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <FormAlert message={errors.root?.server?.message} />
      <TextField label="Base URL" type="url" inputMode="url" placeholder="https://api.openai.com/v1" autoComplete="off" hint="Requests go to <base URL>/chat/completions." error={errors.baseUrl?.message} {...form.register("baseUrl")} />
      <TextField label="Model" placeholder="gpt-4o-mini" autoComplete="off" error={errors.model?.message} {...form.register("model")} />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700">API key</legend>
        {hasKey && keyMode !== "replace" ? (
          <div className="flex flex-wrap items-center gap-2 text-sm">
            {keyMode === "clear" ? (
              <Badge tone="amber">The key will be cleared when you save</Badge>
            ) : keyWillBeCleared ? (
              <Badge tone="amber">The base URL is on another origin: the key will be cleared when you save unless you replace it</Badge>
            ) : (
              <Badge tone="green">A key is set</Badge>
            )}
            <Button size="sm" variant="secondary" onClick={() => setKeyMode("replace")}>
              Replace key
            </Button>
            {keyMode === "keep" ? (
              <Button size="sm" variant="ghost" onClick={() => setKeyMode("clear")}>
                Clear key
              </Button>
            ) : (
              <Button size="sm" variant="ghost" onClick={() => setKeyMode("keep")}>
                Keep key
              </Button>
            )}
          </div>
        ) : (
          <div className="flex items-end gap-2">
            <TextField
              className="flex-1"
              label={hasKey ? "New API key" : "API key"}
              type="password"
              autoComplete="new-password"
              hint="Stored for this workspace and never shown again."
              error={errors.apiKey?.message}
              {...form.register("apiKey")}
            />
            {hasKey ? (
              <Button variant="ghost" onClick={() => (form.setValue("apiKey", undefined), setKeyMode("keep"))}>
                Cancel
              </Button>
            ) : null}
          </div>
        )}
      </fieldset>
      <div className="flex justify-end">
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? "Saving…" : "Save AI settings"}
        </Button>
      </div>
    </form>
  );
}
