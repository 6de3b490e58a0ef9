import { boardDataRoute } from "@/lib/board/route";

export const dynamic = "force-dynamic";

/** GET /deals/board-data?pipeline=&…filters — the board as JSON; with stage + cursor, one column's next cards. */
export const GET = boardDataRoute("DEAL");
