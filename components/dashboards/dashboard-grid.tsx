"use client";
// A dashboard's widgets in a 4-column grid. Editors rearrange them by drag and drop (mouse,
// touch, or the keyboard: focus a widget's handle, Space to pick it up, arrows to move,
// Space to drop, Escape to cancel — each step announced), or with "Move earlier / later";
// resize them (small, medium, wide, tall); edit and delete them. The order is saved at once
// and rolls back with the server's message when refused.
import { closestCenter, DndContext, KeyboardSensor, PointerSensor, TouchSensor, useSensor, useSensors, type Announcements, type DragEndEvent } from "@dnd-kit/core";
import { arrayMove, rectSortingStrategy, SortableContext, sortableKeyboardCoordinates, useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { ArrowLeft, ArrowRight, GripVertical, Pencil, Plus, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { toastResult } from "@/components/ui/toast-result";
import { actionMessage } from "@/lib/action-result";
import { deleteWidgetAction, reorderWidgetsAction, resizeWidgetAction } from "@/lib/dashboards/actions";
import type { EditorData } from "@/lib/dashboards/editor-data";
import type { WidgetData, WidgetJson } from "@/lib/dashboards/service";
import { FreshnessNote } from "@/components/ui/freshness-note";
import { sizeNameOf, WIDGET_SIZES, type WidgetSizeName } from "@/lib/dashboards/schemas";
import { QuotaAttainmentView } from "./quota-attainment";
import { WidgetChart } from "./widget-view";
import { WidgetEditor } from "./widget-editor";

const SPAN: Record<number, string> = { 1: "md:col-span-1", 2: "md:col-span-2", 3: "md:col-span-2 xl:col-span-3", 4: "md:col-span-2 xl:col-span-4" };
const SIZE_WORDS: Record<WidgetSizeName, string> = { small: "Small", medium: "Medium", wide: "Wide", tall: "Tall" };

export function DashboardGrid({ dashboardId, widgets, data, canEdit, editor, currency }: { dashboardId: string; widgets: WidgetJson[]; data: Record<string, WidgetData>; canEdit: boolean; editor: EditorData | null; currency: string }) {
  const router = useRouter();
  const [server, setServer] = useState(widgets);
  const [items, setItems] = useState(widgets);
  // saves of the order in flight: the server's widgets replace the local order only when none is
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState("");
  const queue = useRef<Promise<void>>(Promise.resolve());
  const pending = useRef(0);
  if (widgets !== server && !saving) {
    setServer(widgets);
    setItems(widgets);
  }
  const [adding, setAdding] = useState(false);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 200, tolerance: 8 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const titleOf = (id: string | number) => items.find((w) => w.id === id)?.title ?? "widget";
  const positionOf = (id: string | number) => `position ${items.findIndex((w) => w.id === id) + 1} of ${items.length}`;
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up widget ${titleOf(active.id)} at ${positionOf(active.id)}. Use the arrow keys to move it, Space to drop it, Escape to cancel.`,
    onDragOver: ({ active, over }) => (over ? `Widget ${titleOf(active.id)} is over ${positionOf(over.id)}.` : `Widget ${titleOf(active.id)} is no longer over a position.`),
    onDragEnd: ({ active, over }) => (over ? `Widget ${titleOf(active.id)} was dropped at ${positionOf(over.id)}.` : `Widget ${titleOf(active.id)} was dropped.`),
    onDragCancel: ({ active }) => `Moving cancelled. Widget ${titleOf(active.id)} is back in place.`,
  };

  /** Shows the new order at once; the saves go one after another, in order, and the page reloads its widgets after the last. */
  const saveOrder = (next: WidgetJson[], said: string) => {
    setItems(next);
    pending.current += 1;
    setSaving(true);
    setStatus(`${said} Saving the order…`);
    queue.current = queue.current.then(async () => {
      const err = actionMessage(await reorderWidgetsAction({ dashboardId, widgetIds: next.map((w) => w.id) }).catch(() => undefined));
      if (err) {
        toast.error(err);
        setStatus(`The order was not saved: ${err}`);
      }
      pending.current -= 1;
      if (pending.current === 0) {
        if (!err) setStatus(`${said} Order saved.`);
        setSaving(false);
        router.refresh();
      }
    });
  };
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const to = items.findIndex((w) => w.id === over.id);
    saveOrder(arrayMove(items, items.findIndex((w) => w.id === active.id), to), `Moved ${titleOf(active.id)} to position ${to + 1} of ${items.length}.`);
  };
  const move = (id: string, by: -1 | 1) => {
    const i = items.findIndex((w) => w.id === id);
    if (i + by < 0 || i + by >= items.length) return;
    saveOrder(arrayMove(items, i, i + by), `Moved ${titleOf(id)} to position ${i + by + 1} of ${items.length}.`);
  };

  return (
    <div className="space-y-3">
      <p role="status" className="sr-only" data-testid="order-status">
        {status}
      </p>
      {canEdit && editor ? (
        <div className="flex justify-end">
          <Button onClick={() => setAdding(true)}>
            <Plus className="size-4" aria-hidden /> Add widget
          </Button>
          {adding ? <WidgetEditor dashboardId={dashboardId} widget={null} editor={editor} open={adding} onOpenChange={setAdding} /> : null}
        </div>
      ) : null}
      {items.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-600">
          {canEdit ? (
            <>
              This dashboard has no widgets yet. <strong>Add widget</strong> to chart deals, leads, contacts, companies or activities — counted, summed or weighted, grouped by owner, stage, date and more.
            </>
          ) : (
            "This dashboard has no widgets yet. Its owner, an admin or a manager can add some."
          )}
        </div>
      ) : (
        <DndContext id={`dashboard-${dashboardId}`} sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd} accessibility={{ announcements }}>
          <SortableContext items={items.map((w) => w.id)} strategy={rectSortingStrategy} disabled={!canEdit}>
            <ol aria-label="Widgets" className="grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-4">
              {items.map((w, i) => (
                <WidgetCard key={w.id} dashboardId={dashboardId} widget={w} data={data[w.id]} index={i} count={items.length} canEdit={canEdit} editor={editor} currency={currency} onMove={(by) => move(w.id, by)} />
              ))}
            </ol>
          </SortableContext>
        </DndContext>
      )}
    </div>
  );
}

function WidgetCard({ dashboardId, widget, data, index, count, canEdit, editor, currency, onMove }: { dashboardId: string; widget: WidgetJson; data: WidgetData | undefined; index: number; count: number; canEdit: boolean; editor: EditorData | null; currency: string; onMove: (by: -1 | 1) => void }) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: widget.id, disabled: !canEdit });
  const style = { transform: CSS.Translate.toString(transform), transition };
  const tall = widget.height > 1;
  const size = sizeNameOf(widget);
  const resize = async (name: WidgetSizeName) => {
    const r = await resizeWidgetAction({ dashboardId, widgetId: widget.id, size: WIDGET_SIZES[name] });
    if (toastResult(r, `${widget.title}: ${SIZE_WORDS[name].toLowerCase()}`)) router.refresh();
  };
  const tools = canEdit ? (
    <>
      <Button size="sm" variant="ghost" aria-label={`Move ${widget.title} earlier`} disabled={index === 0} onClick={() => onMove(-1)}>
        <ArrowLeft className="size-4" aria-hidden />
      </Button>
      <Button size="sm" variant="ghost" aria-label={`Move ${widget.title} later`} disabled={index === count - 1} onClick={() => onMove(1)}>
        <ArrowRight className="size-4" aria-hidden />
      </Button>
      <select aria-label={`Size of ${widget.title}`} value={size ?? ""} onChange={(e) => void resize(e.target.value as WidgetSizeName)} className="rounded-md border border-slate-300 bg-white px-1.5 py-1 text-xs">
        {size ? null : <option value="">Custom</option>}
        {(Object.keys(WIDGET_SIZES) as WidgetSizeName[]).map((s) => (
          <option key={s} value={s}>
            {SIZE_WORDS[s]}
          </option>
        ))}
      </select>
      {editor ? (
        <Button size="sm" variant="ghost" aria-label={`Edit ${widget.title}`} onClick={() => setEditing(true)}>
          <Pencil className="size-4" aria-hidden />
        </Button>
      ) : null}
      <ConfirmButton
        label={<Trash2 className="size-4" aria-hidden />}
        ariaLabel={`Delete ${widget.title}`}
        title="Delete this widget?"
        description={`${widget.title} goes away from this dashboard; the records it counted stay.`}
        confirmLabel="Delete widget"
        variant="ghost"
        onConfirm={async () => {
          const ok = toastResult(await deleteWidgetAction({ dashboardId, widgetId: widget.id }), "Widget deleted");
          if (ok) router.refresh();
          return ok;
        }}
      />
    </>
  ) : null;

  let body: React.ReactNode;
  if (!data) body = <p className="text-sm text-slate-600">Loading…</p>;
  else if (!data.ok) body = <p role="alert" className="text-sm text-red-700">{widget.title}: {data.message}</p>;
  else if (data.kind === "quota") body = <QuotaAttainmentView title={widget.title} team={data.team} actions={tools} tall={tall} />;
  else if (widget.definition.chart !== "quota") body = <WidgetChart title={widget.title} chart={widget.definition.chart} result={data.result} currency={currency} tall={tall} actions={tools} />;

  return (
    <li ref={setNodeRef} style={style} className={`${SPAN[widget.width] ?? SPAN[2]} ${tall ? "row-span-2" : ""} relative min-w-0 rounded-lg border border-slate-200 bg-white p-3 ${isDragging ? "z-10 opacity-80 shadow-lg" : ""}`} aria-label={widget.title} data-widget-id={widget.id}>
      {canEdit ? (
        <button
          ref={setActivatorNodeRef}
          type="button"
          {...attributes}
          {...listeners}
          aria-label={`Rearrange ${widget.title}`}
          className="absolute -left-1 top-3 cursor-grab rounded p-0.5 text-slate-400 hover:text-slate-700 focus:outline-none focus:ring-2 focus:ring-brand-500 active:cursor-grabbing"
        >
          <GripVertical className="size-4" aria-hidden />
        </button>
      ) : null}
      <div className={canEdit ? "pl-3" : ""}>
        {body}
        {data?.ok && data.kind === "query" ? <FreshnessNote freshness={data.freshness} /> : null}
        {data && !data.ok && tools ? <div className="mt-2 flex gap-1">{tools}</div> : null}
      </div>
      {editing && editor ? <WidgetEditor dashboardId={dashboardId} widget={widget} editor={editor} open={editing} onOpenChange={setEditing} /> : null}
    </li>
  );
}
