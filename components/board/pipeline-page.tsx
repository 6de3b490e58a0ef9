// /deals, /leads, /tickets: the board (or ?view=table) of one pipeline of the kind.
// A server component: it loads the first screen; the client board takes over from there.
import "server-only";
import { DataTable } from "@/components/data-table";
import { FreshnessNote } from "@/components/ui/freshness-note";
import { dataTableActions } from "@/components/data-table/actions";
import { PageHeader } from "@/components/shell/page-header";
import { ImportButton } from "@/components/imports/import-button";
import { can } from "@/lib/auth/permissions";
import { requirePageSession } from "@/lib/auth/session";
import { filtersToParams, loadBoardUrl, parseBoardFilters, viewHref } from "@/lib/board/filters";
import { BOARD_KINDS, capitalize } from "@/lib/board/kinds";
import { listBoardPipelines, loadBoard, loadBoardMeta, pickPipeline } from "@/lib/board/queries";
import type { BoardKind } from "@/lib/board/types";
import { customFieldJson, listCustomFields } from "@/lib/custom-fields/service";
import { loadDataTable } from "@/lib/views/bootstrap";
import { boardAsOf } from "@/lib/analytics/board-as-of";
import { isValidDate } from "@/lib/custom-fields/rules";
import { getWorkspace } from "@/lib/workspace/service";
import { zonedDayOf } from "@/lib/workspace/zone";
import { AsOfBoard, AsOfPicker } from "./as-of";
import { Board, type MoveAction } from "./board";
import { BoardDensityFrame } from "./board-density";
import { BoardToolbar } from "./board-toolbar";
import type { CreateAction } from "./quick-create";

export type SearchParams = Record<string, string | string[] | undefined>;

const MODES = {
  ENFORCED: { label: "Enforced", description: "Enforced: one stage at a time" },
  FLEXIBLE: { label: "Flexible", description: "Flexible: any stage to any stage" },
} as const;

export async function PipelinePage({ kind, searchParams, moveAction, createAction }: { kind: BoardKind; searchParams: SearchParams; moveAction: MoveAction; createAction: CreateAction }) {
  const session = await requirePageSession();
  const { ctx, role } = session;
  const info = BOARD_KINDS[kind];
  const title = capitalize(info.plural);
  const url = loadBoardUrl(searchParams);
  const options = await listBoardPipelines(ctx, kind);
  const pipeline = pickPipeline(options, url.pipeline);
  if (!pipeline) {
    return (
      <>
        <PageHeader title={title} />
        <p className="rounded-md border border-dashed border-slate-300 p-8 text-center text-sm text-slate-600">
          There is no active {info.singular} pipeline. An admin can create one in Settings → Pipelines.
        </p>
      </>
    );
  }
  const toolbar = { kind, title, pipelines: options, pipelineId: pipeline.id, userId: session.user.id };

  if (url.view === "table") {
    // the contacts table's component, on this pipeline's records (the pipeline is a base filter)
    const [data, meta, definitions] = await Promise.all([
      loadDataTable(session, kind, searchParams, { baseFilter: { all: [{ field: "pipelineId", op: "eq", value: pipeline.id }] } }),
      loadBoardMeta(ctx, kind, pipeline.id),
      listCustomFields(ctx, kind),
    ]);
    // the stage column moves the record in place, asking for what the stage requires
    const stageCell = {
      kind,
      stages: meta.pipeline.stages.map((s) => ({ id: s.id, name: s.name, color: s.color })),
      canMove: can(role, "records.move"),
      definitions: definitions.map(customFieldJson),
      users: meta.members.filter((m) => m.isActive).map((m) => ({ id: m.id, name: m.name })),
    };
    return (
      <>
        <BoardToolbar {...toolbar} view="table" filters={{}} members={[]} />
        {kind !== "TICKET" && can(role, "records.write") ? (
          <div className="mb-2 flex justify-end">
            <ImportButton kind={kind} />
          </div>
        ) : null}
        <DataTable data={data} plural={info.plural} actions={dataTableActions(kind)} hrefBase={viewHref(info.path, pipeline.id, "table", {})} stageCell={stageCell} />
      </>
    );
  }

  const workspace = await getWorkspace(ctx);
  const asOf = typeof searchParams.asOf === "string" && isValidDate(searchParams.asOf) ? searchParams.asOf : null;
  const changes = searchParams.changes === "1";
  const picker = <AsOfPicker kind={kind} pipelineId={pipeline.id} asOf={asOf} changes={changes} today={zonedDayOf(new Date(), workspace.timeZone)} />;
  if (asOf) {
    const [past, meta] = await Promise.all([boardAsOf(ctx, kind, { pipelineId: pipeline.id, asOf, limit: 50 }), loadBoardMeta(ctx, kind, pipeline.id)]);
    return (
      <>
        <BoardToolbar {...toolbar} view="board" filters={{}} members={[]} />
        {picker}
        <FreshnessNote freshness={past.freshness} />
        <AsOfBoard kind={kind} data={past} stages={meta.pipeline.stages} asOf={asOf} timeZone={workspace.timeZone} currency={workspace.currency} changes={changes} />
      </>
    );
  }

  const filters = parseBoardFilters(searchParams);
  const [data, definitions] = await Promise.all([loadBoard(ctx, kind, pipeline.id, filters), listCustomFields(ctx, kind)]);
  const filterKey = filtersToParams(filters).toString();
  return (
    <>
      <BoardToolbar {...toolbar} mode={MODES[data.pipeline.movementMode]} view="board" filters={filters} members={data.members} extra={picker} />
      <BoardDensityFrame userId={session.user.id}>
        <Board
          key={`${pipeline.id}?${filterKey}`}
          initialData={data}
          filters={filterKey}
          canMove={can(role, "records.move")}
          canCreate={can(role, "records.write")}
          moveAction={moveAction}
          createAction={createAction}
          fieldDefinitions={definitions.map(customFieldJson)}
        />
      </BoardDensityFrame>
    </>
  );
}
