import { apiRoute } from "@/lib/api/handler";
import { deleteOne, getOne, patchOne } from "@/lib/api/records-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ collection: string; id: string }>("records.read", getOne);
export const PATCH = apiRoute<{ collection: string; id: string }>("records.write", patchOne);
export const DELETE = apiRoute<{ collection: string; id: string }>("records.delete", deleteOne);
