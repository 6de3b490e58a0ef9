import "server-only";
import { listApiKeys } from "@/lib/api/keys";
import type { TenantContext } from "@/lib/tenancy/context";
import { listMembers } from "@/lib/tenancy/members";

/** Members' and API keys' names by id, for showing who acted. */
export async function actorNames(ctx: TenantContext): Promise<{ names: Map<string, string>; members: { id: string; name: string }[] }> {
  const [members, keys] = await Promise.all([listMembers(ctx), listApiKeys(ctx)]);
  const names = new Map<string, string>([...members.map((m) => [m.userId, m.name] as const), ...keys.map((k) => [k.id, `API key ${k.name}`] as const)]);
  return { names, members: members.map((m) => ({ id: m.userId, name: m.name })) };
}
