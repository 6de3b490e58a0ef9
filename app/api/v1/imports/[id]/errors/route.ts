import { apiRoute } from "@/lib/api/handler";
import { getImport, importErrorsCsv } from "@/lib/imports/service";

export const dynamic = "force-dynamic";

/** The failed rows as uploaded, plus `row` and `error` columns (text/csv, streamed). */
export const GET = apiRoute<{ id: string }>("records.read", async ({ ctx, params }) => {
  const imp = await getImport(ctx, params.id);
  const chunks = importErrorsCsv(ctx, imp.id);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
  const name = `${(imp.fileName ?? "import").replace(/\.csv$/i, "").replace(/[^\w.-]+/g, "_")}-errors.csv`;
  return new Response(body, { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}"` } });
});
