"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Plus } from "lucide-react";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import { z } from "zod";
import { TagBadge } from "@/components/tags/tag-badge";
import { Button } from "@/components/ui/button";
import { useFormAction } from "@/components/ui/use-form-action";
import { cn } from "@/components/ui/cn";
import { TextField } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { DEFAULT_TAG_COLOR, TAG_COLORS, tagColorSchema, tagNameSchema } from "@/lib/tags/schemas";
import { createTagAction, updateTagAction } from "@/lib/tags/actions";

const formSchema = z.object({ name: tagNameSchema, color: tagColorSchema, category: z.string().trim().max(60, "must be at most 60 characters") });
type Form = z.input<typeof formSchema>;

export interface TagRow {
  id: string;
  name: string;
  color: string;
  category: string | null;
  usageCount: number;
}

/** Create a tag, or (with `tag`) rename / recolour / re-categorise one. */
export function TagDialog({ tag }: { tag?: TagRow }) {
  const [open, setOpen] = useState(false);
  const defaults: Form = { name: tag?.name ?? "", color: tag?.color ?? DEFAULT_TAG_COLOR, category: tag?.category ?? "" };
  const form = useForm<Form>({ resolver: zodResolver(formSchema), defaultValues: defaults });
  const create = useFormAction(createTagAction, form);
  const update = useFormAction(updateTagAction, form);
  const { errors, isSubmitting } = form.formState;
  const color = useWatch({ control: form.control, name: "color" });
  const name = useWatch({ control: form.control, name: "name" });

  const onSubmit = form.handleSubmit(async (v) => {
    const category = v.category?.trim() ? v.category.trim() : null;
    const r = tag ? await update.run({ tagId: tag.id, name: v.name, color: v.color, category }) : await create.run({ name: v.name, color: v.color, category });
    if (!r.ok) return;
    toast.success(tag ? (v.name.trim() !== tag.name ? `Renamed to ${v.name.trim()} on every record` : "Tag saved") : `Tag ${v.name.trim()} created`);
    setOpen(false);
  });

  return (
    <FormDialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) form.reset(defaults);
      }}
      title={tag ? `Edit tag ${tag.name}` : "New tag"}
      description={tag && tag.usageCount > 0 ? `${tag.usageCount} record${tag.usageCount === 1 ? "" : "s"} carry this tag; a new name applies to all of them.` : undefined}
      trigger={
        tag ? (
          <Button size="sm" variant="secondary" aria-label={`Edit tag ${tag.name}`}>
            Edit
          </Button>
        ) : (
          <Button>
            <Plus className="size-4" aria-hidden /> New tag
          </Button>
        )
      }
      onSubmit={onSubmit}
      pending={isSubmitting}
      error={errors.root?.server?.message}
      submitLabel={tag ? "Save tag" : "Create tag"}
      pendingLabel="Saving…"
    >
      <TextField label="Tag name" autoComplete="off" maxLength={60} {...form.register("name")} error={errors.name?.message} />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700">Colour</legend>
        <div className="flex flex-wrap items-center gap-2">
          {TAG_COLORS.map((c) => (
            <label key={c} className={cn("relative cursor-pointer rounded-full p-0.5 ring-2", color === c ? "ring-slate-900" : "ring-transparent")}>
              <input type="radio" value={c} {...form.register("color")} className="sr-only" aria-label={`Colour ${c}`} />
              <span aria-hidden className="block size-6 rounded-full" style={{ backgroundColor: c }} />
            </label>
          ))}
          <label className="ml-1 flex items-center gap-1.5 text-sm text-slate-600">
            Other
            <input type="color" value={/^#[0-9a-fA-F]{6}$/.test(color) ? color : DEFAULT_TAG_COLOR} onChange={(e) => form.setValue("color", e.target.value, { shouldDirty: true })} className="h-7 w-9 cursor-pointer rounded border border-slate-300" aria-label="Custom colour" />
          </label>
        </div>
        {errors.color?.message ? (
          <p role="alert" className="text-sm text-red-600">
            {errors.color.message}
          </p>
        ) : null}
        <p className="text-sm text-slate-600">
          Preview: <TagBadge name={name.trim() || "Tag"} color={color} />
        </p>
      </fieldset>
      <TextField label="Category (optional)" autoComplete="off" maxLength={60} {...form.register("category")} error={errors.category?.message} hint="Groups tags in lists, e.g. Segment or Source" />
    </FormDialog>
  );
}
