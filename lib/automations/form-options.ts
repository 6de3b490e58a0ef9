// What the automation form and the dry run need to offer valid choices: pipelines with
// their stages, lists, groups, members and filter fields, per entity type. Plain data
// for client components.
import "server-only";
import { filterFieldsByType } from "@/lib/lists/fields";
import { listLists } from "@/lib/lists/queries";
import { listSequences } from "@/lib/sequences/service";
import { listPipelines } from "@/lib/pipelines/queries";
import type { TenantContext } from "@/lib/tenancy/context";
import { listGroups } from "@/lib/tenancy/groups";
import { listMembers } from "@/lib/tenancy/members";
import { AUTOMATION_ENTITY_TYPES, type AutomationEntityType as EntityType } from "./schemas";

type FilterField = Awaited<ReturnType<typeof filterFieldsByType>>[EntityType][number];

export interface Named {
  id: string;
  name: string;
}
export interface PipelineOption extends Named {
  objectType: EntityType;
  stages: (Named & { inheritPipelineActions: boolean })[];
}
export interface AutomationFormOptions {
  pipelines: PipelineOption[];
  lists: (Named & { objectType: string })[];
  groups: Named[];
  users: Named[];
  fieldsByType: Record<EntityType, FilterField[]>;
  sequences: Named[];
}

export async function loadFormOptions(ctx: TenantContext): Promise<AutomationFormOptions> {
  const [pipelines, lists, groups, members, fields, seqs] = await Promise.all([listPipelines(ctx), listLists(ctx), listGroups(ctx), listMembers(ctx), filterFieldsByType(ctx), listSequences(ctx).catch(() => [])]);
  const types = new Set<string>(AUTOMATION_ENTITY_TYPES);
  return {
    pipelines: pipelines
      .filter((p) => types.has(p.objectType))
      .map((p) => ({
        id: p.id,
        name: p.name,
        objectType: p.objectType as EntityType,
        stages: p.stages.map((s) => ({ id: s.id, name: s.name, inheritPipelineActions: s.inheritPipelineActions })),
      })),
    lists: lists.map((l) => ({ id: l.id, name: l.name, objectType: l.objectType })),
    groups: groups.map((g) => ({ id: g.id, name: g.name })),
    users: members.filter((m) => m.isActive).map((m) => ({ id: m.userId, name: m.name || m.email })),
    fieldsByType: Object.fromEntries(AUTOMATION_ENTITY_TYPES.map((t) => [t, fields[t]])) as Record<EntityType, FilterField[]>,
    sequences: seqs.map((q) => ({ id: q.id, name: q.name })),
  };
}
