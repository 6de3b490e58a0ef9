import { apiRoute } from "@/lib/api/handler";
import { createInCollection, listCollection } from "@/lib/api/records-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ collection: string }>("records.read", listCollection);
export const POST = apiRoute<{ collection: string }>("records.write", createInCollection);
