// /deals, /leads, /tickets: the board (or ?view=table) of one pipeline of the kind.
// A server component: it loads the first screen; the client board takes over from there.
import "server-only";
import { PageHeader } from "@/components/shell/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePageSession } from "@/lib/auth/session";
import { filtersToParams, loadBoardUrl, parseBoardFilters, viewHref } from "@/lib/board/filters";
import { BOARD_KINDS, capitalize } from "@/lib/board/kinds";
import { listBoardPipelines, loadBoard, loadBoardMeta, pickPipeline, tableScope } from "@/lib/board/queries";
import type { BoardKind } from "@/lib/board/types";
import { AppError } from "@/lib/errors";
import { customFieldJson, listCustomFields } from "@/lib/custom-fields/service";
import { listRecords } from "@/lib/records/queries";
import { Board, type MoveAction } from "./board";
import { BoardToolbar } from "./board-toolbar";
import type { CreateAction } from "./quick-create";
import { RecordsTable } from "./records-table";

export type SearchParams = Record<string, string | string[] | undefined>;

async function tablePage(...args: Parameters<typeof listRecords>) {
  try {
    return await listRecords(...args);
  } catch (err) {
    // a stale or hand-edited cursor: start from the first page
    if (err instanceof AppError && err.code === "bad-request" && args[2].cursor) return listRecords(args[0], args[1], { ...args[2], cursor: null });
    throw err;
  }
}

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
  const filters = parseBoardFilters(searchParams);

  if (url.view === "table") {
    const cursor = url.cursor;
    const [meta, page, definitions] = await Promise.all([
      loadBoardMeta(ctx, kind, pipeline.id),
      tablePage(ctx, kind, { limit: 50, cursor, where: tableScope(ctx, kind, pipeline.id, filters) }),
      listCustomFields(ctx, kind),
    ]);
    const base = viewHref(info.path, pipeline.id, "table", filters);
    return (
      <>
        <PageHeader title={title} description={`${meta.pipeline.name} · table`} />
        <BoardToolbar kind={kind} pipelines={options} pipelineId={pipeline.id} view="table" filters={filters} members={meta.members} />
        <RecordsTable
          kind={kind}
          pipeline={meta.pipeline}
          members={meta.members}
          rows={page.data}
          nextHref={page.nextCursor ? `${base}&cursor=${encodeURIComponent(page.nextCursor)}` : null}
          firstHref={cursor ? base : null}
          canMove={can(role, "records.move")}
          fieldDefinitions={definitions.map(customFieldJson)}
        />
      </>
    );
  }

  const [data, definitions] = await Promise.all([loadBoard(ctx, kind, pipeline.id, filters), listCustomFields(ctx, kind)]);
  const filterKey = filtersToParams(filters).toString();
  const mode = data.pipeline.movementMode === "ENFORCED" ? "Enforced: one stage at a time" : "Flexible: any stage to any stage";
  return (
    <>
      <PageHeader title={title} description={`${data.pipeline.name} · ${mode}`} />
      <BoardToolbar kind={kind} pipelines={options} pipelineId={pipeline.id} view="board" filters={filters} members={data.members} />
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
    </>
  );
}
