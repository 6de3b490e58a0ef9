import { apiRoute } from "@/lib/api/handler";
import { getAccessPolicy, putAccessPolicy } from "@/lib/tenancy/access-policy";
import { accessPolicySchema } from "@/lib/tenancy/access-schemas";

export const dynamic = "force-dynamic";

export const GET = apiRoute("users.manage", async ({ ctx }) => getAccessPolicy(ctx));

export const PUT = apiRoute("users.manage", async ({ ctx, body }) => putAccessPolicy(ctx, await body(accessPolicySchema)));
