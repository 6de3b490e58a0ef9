// Test support for compile.test.ts: a small tenant full of awkward records (nulls, mixed
// case, % and _ in strings, boundary timestamps, junk in custom fields, list memberships),
// and fast-check arbitraries of filters drawing values from the same pools.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { companies, contacts, DEAL_STATUSES, DEAL_TYPES, deals, listMemberships, lists, pipelines, pipelineStages, tenantGroups } from "@/db/schema";
import { makeMember, makeTenant } from "@/db/testing/factories";
import { withTenant } from "@/lib/tenancy/with-tenant";
import type { FilterRecord } from "./evaluate";
import { filterFields, type FieldDef, type FilterCustomField, type FilterObjectType } from "./fields";
import { LIST_OPS, type FilterOp } from "./ops";
import type { FilterCondition, FilterNode, FilterScalar } from "./schema";

export const NOW = new Date("2025-06-15T12:00:00.000Z");
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);
const H = 3_600_000;
const D = 24 * H;

const RECORD_STRINGS = ["Ann", "ann", "ANNE", "Bob", "b%b", "bxb", "50%_off", "a_b", "axb", "a\\b", "", "O'Neil", "x@acme.com", "X@Acme.COM", "%", "_", "Zoe Ann", "'; drop table contacts; --"];
const STRING_VALUES = ["ann", "ANN", "Ann", "anne", "b%b", "b_b", "%", "_", "50%", "%_o", "a_b", "a\\b", "\\", "x@acme", "ACME.COM", "", "o'n", "bob", "zz", "acme", "'; drop table contacts; --"];
const NUMBER_VALUES: FilterScalar[] = [0, 5, 10, 10.5, "10.5", "10.50", -3, 50, 1000, "99999999999999.99", 0.25, 1];
const DATE_VALUES = ["2024-05-01", "2024-05-01T00:00:00Z", "2024-05-01T23:59:59.999Z", "2024-05-02", "today", "today-7d", "today+1d", "today+1w", "now", "now-7d", "now+2h", "now-1w", "2025-06-15", "2025-06-15T12:00:00Z", "2025-06-15T12:00", "2025-06-15T14:00:00+02:00", "2025-06-08"];
const DAY_COUNTS = [0, 1, 7, 30];
const TAG_VALUES = ["vip", "VIP", "lead", "cold", "golf", "ski", "Golf", "a b", "nope"];
const RECORD_TAGS = ["vip", "VIP", "lead", "cold", "a b", "golf"];
const RECORD_DATES = [
  at(0), at(-1), at(1), new Date("2025-06-15T00:00:00Z"), new Date("2025-06-15T23:59:59.999Z"), new Date("2025-06-16T00:00:00Z"),
  new Date("2025-06-14T00:00:00Z"), at(-7 * D), at(-7 * D - 1), at(7 * D), at(7 * D + 1), at(-30 * D), at(2 * H), new Date("2025-06-08T00:00:00Z"),
  new Date("2024-05-01T00:00:00Z"), new Date("2024-05-01T23:59:59.999Z"), new Date("2024-05-02T00:00:00Z"), new Date("2024-04-30T23:59:59.999Z"),
];
const RECORD_DAYS = ["2025-06-15", "2025-06-14", "2025-06-16", "2025-06-08", "2025-06-07", "2025-06-22", "2025-06-23", "2025-07-15", "2024-05-01", "2024-04-30", "2024-05-02"];

/** The same definitions for contacts and deals; values in records include junk of every type. */
export const customFieldsFor = (objectType: FilterObjectType): FilterCustomField[] => [
  { objectType, key: "score", fieldType: "NUMBER", options: [] },
  { objectType, key: "birthday", fieldType: "DATE", options: [] },
  { objectType, key: "nickname", fieldType: "TEXT", options: [] },
  { objectType, key: "tier", fieldType: "SELECT", options: ["gold", "silver", "bronze"] },
  { objectType, key: "interests", fieldType: "MULTI_SELECT", options: ["golf", "ski"] },
  { objectType, key: "vip", fieldType: "CHECKBOX", options: [] },
  { objectType, key: "site", fieldType: "URL", options: [] },
];

const customValues = fc.record(
  {
    score: fc.constantFrom<unknown>(5, 10, 10.5, -3, 1000, "10", "10.50", "abc", "1e3", " 7", "", true, null, [1]),
    birthday: fc.constantFrom<unknown>(...RECORD_DAYS, "2024-05-01T10:00:00Z", "2024-02-31", "not a date", 20240501, "2025-06-15extra", null, true),
    nickname: fc.constantFrom<unknown>(...RECORD_STRINGS, 42, true, null, ["Ann"]),
    tier: fc.constantFrom<unknown>("gold", "Gold", "silver", "", 3, null),
    interests: fc.constantFrom<unknown>(["golf"], ["golf", "ski"], [], ["Golf"], "golf", [1, "ski"], null),
    vip: fc.constantFrom<unknown>(true, false, "true", 1, null),
    site: fc.constantFrom<unknown>("https://acme.com/a_b", "HTTPS://ACME.COM", "", 7),
  },
  { requiredKeys: [], noNullPrototype: true },
);

const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 3 });
const str = () => opt(fc.constantFrom(...RECORD_STRINGS));
const date = () => fc.constantFrom(...RECORD_DATES);

export interface Universe {
  tenantId: string;
  ctx: Awaited<ReturnType<typeof makeTenant>>["ctx"];
  users: string[];
  contacts: FilterRecord[];
  deals: FilterRecord[];
  /** Known ids per uuid field path, for filter values that sometimes match. */
  ids: Record<string, string[]>;
  listIds: Record<"CONTACT" | "DEAL", string[]>;
}

export async function buildUniverse(size: { contacts: number; deals: number }, seed: number): Promise<Universe> {
  const { tenantId, userId, ctx } = await makeTenant("Filter universe");
  const member = await makeMember(tenantId, "sales_rep");
  const users = [userId, member.userId];
  return withTenant(ctx, async (tx) => {
    const [group] = await tx.insert(tenantGroups).values({ tenantId, name: "Team" }).returning();
    const [pipeline] = await tx.select().from(pipelines).where(eq(pipelines.tenantId, tenantId)).limit(1);
    const stages = await tx.select().from(pipelineStages).where(eq(pipelineStages.pipelineId, pipeline!.id));
    const companyRows = await tx.insert(companies).values([
      { tenantId, name: "Acme%Corp", industry: "Software", domain: "acme.com", employeeCount: 10, annualRevenue: "1000.00" },
      { tenantId, name: "acme_labs", industry: "software", domain: null, employeeCount: 500, annualRevenue: "10.50" },
      { tenantId, name: "Globex", industry: null, domain: "GLOBEX.example", employeeCount: null, annualRevenue: null },
      { tenantId, name: "ann inc", industry: "", domain: "ann.example", employeeCount: 50, annualRevenue: "99999999999999.99" },
      { tenantId, name: "Gone Ltd", industry: "Software", domain: "gone.example", employeeCount: 10, deletedAt: NOW },
    ]).returning();
    const companyIds = companyRows.map((c) => c.id);
    const listRows = await tx.insert(lists).values([
      { tenantId, name: "Contacts A", objectType: "CONTACT" },
      { tenantId, name: "Contacts B", objectType: "CONTACT" },
      { tenantId, name: "Deals A", objectType: "DEAL" },
    ]).returning();
    const [contactList, contactList2, dealList] = listRows.map((l) => l.id) as [string, string, string];

    const shared = {
      ownedByUserId: opt(fc.constantFrom(...users)),
      ownedByGroupId: opt(fc.constant(group!.id)),
      createdByUserId: opt(fc.constant(userId)),
      tags: fc.subarray(RECORD_TAGS),
      customFields: customValues,
      pipelineId: opt(fc.constant(pipeline!.id)),
      stageId: opt(fc.constantFrom(...stages.map((s) => s.id))),
      stageEnteredAt: opt(date()),
      createdAt: date(),
      updatedAt: date(),
      companyId: opt(fc.constantFrom(...companyIds)),
    };
    const contactArb = fc.record({
      ...shared,
      firstName: str(), lastName: str(), email: str(), phone: str(), jobTitle: str(), lifecycleStage: str(), department: str(),
      emailOptIn: fc.boolean(), doNotCall: fc.boolean(), lastContactedAt: opt(date()),
      lists: fc.subarray([contactList, contactList2]),
    }, { noNullPrototype: true });
    const contactSpecs = fc.sample(contactArb, { numRuns: size.contacts, seed })
      // ids are assigned here: fast-check's uuids lean towards a few edge values and would collide
      .map((c) => ({ ...c, id: randomUUID(), firstName: c.firstName ?? ((c.lastName ?? c.email) !== null ? null : "Ann") }));
    await tx.insert(contacts).values(contactSpecs.map(({ lists: _l, ...c }) => ({ ...c, tenantId })));

    const dealArb = fc.record({
      ...shared,
      name: fc.constantFrom(...RECORD_STRINGS),
      amount: opt(fc.constantFrom("0.00", "5.00", "10.00", "10.50", "1000.00", "99999999999999.99")),
      currency: fc.constantFrom("USD", "usd", "EUR"),
      dealType: opt(fc.constantFrom(...DEAL_TYPES)),
      closeDate: opt(fc.constantFrom(...RECORD_DAYS)),
      forecastProbability: opt(fc.constantFrom("0.0000", "0.2500", "1.0000")),
      status: fc.constantFrom(...DEAL_STATUSES),
      contactId: opt(fc.constantFrom(...contactSpecs.map((c) => c.id))),
      assignedUserId: opt(fc.constantFrom(...users)),
      wonReason: str(), lostReason: str(), closedAt: opt(date()),
      lists: fc.subarray([dealList]),
    }, { noNullPrototype: true });
    const dealSpecs = fc.sample(dealArb, { numRuns: size.deals, seed: seed + 1 }).map((d) => ({ ...d, id: randomUUID() }));
    await tx.insert(deals).values(dealSpecs.map(({ lists: _l, ...d }) => ({ ...d, tenantId })));

    const memberships = [
      ...contactSpecs.flatMap((c) => c.lists.map((listId) => ({ tenantId, listId, memberType: "CONTACT" as const, memberId: c.id }))),
      ...dealSpecs.flatMap((d) => d.lists.map((listId) => ({ tenantId, listId, memberType: "DEAL" as const, memberId: d.id }))),
    ];
    if (memberships.length > 0) await tx.insert(listMemberships).values(memberships);

    // The evaluator sees rows exactly as Drizzle returns them, plus list ids and the company.
    const byId = new Map(companyRows.map((c) => [c.id, c]));
    const listsOf = new Map<string, string[]>([...contactSpecs, ...dealSpecs].map((r) => [r.id, r.lists]));
    const enrich = (r: { id: string; companyId: string | null }): FilterRecord => ({ ...r, listIds: listsOf.get(r.id) ?? [], company: r.companyId ? byId.get(r.companyId)! : null });
    const contactRows = await tx.select().from(contacts).where(eq(contacts.tenantId, tenantId));
    const dealRows = await tx.select().from(deals).where(eq(deals.tenantId, tenantId));
    const contactIds = contactSpecs.map((c) => c.id);
    const userIds = ["me", ...users, users[0]!.toUpperCase()];
    return {
      tenantId,
      ctx,
      users,
      contacts: contactRows.map(enrich),
      deals: dealRows.map(enrich),
      listIds: { CONTACT: [contactList, contactList2, dealList, randomUUID()], DEAL: [dealList, contactList, randomUUID()] },
      ids: {
        ownedByUserId: userIds, createdByUserId: userIds, assignedUserId: userIds,
        ownedByGroupId: [group!.id, randomUUID()], assignedGroupId: [group!.id, randomUUID()],
        companyId: [...companyIds, randomUUID()], contactId: [...contactIds.slice(0, 3), randomUUID()],
        pipelineId: [pipeline!.id, randomUUID()], stageId: stages.slice(0, 3).map((s) => s.id),
        id: [...contactIds.slice(0, 2), ...dealSpecs.slice(0, 2).map((d) => d.id), randomUUID()],
      },
    };
  });
}

// ---- filter arbitraries -----------------------------------------------------------------

function scalar(field: FieldDef, u: Universe): fc.Arbitrary<FilterScalar> {
  const t = field.type;
  switch (t.kind) {
    case "string": return fc.constantFrom(...STRING_VALUES);
    case "number": return fc.constantFrom(...NUMBER_VALUES);
    case "date": return fc.constantFrom(...DATE_VALUES);
    case "boolean": return fc.boolean();
    case "enum": return fc.constantFrom(...t.values);
    case "tags": return fc.constantFrom(...TAG_VALUES);
    case "uuid": return fc.constantFrom(...(u.ids[field.path] ?? [randomUUID()]));
  }
}

function valueFor(field: FieldDef, op: FilterOp, objectType: "CONTACT" | "DEAL", u: Universe): fc.Arbitrary<FilterCondition["value"]> {
  const one = scalar(field, u);
  switch (op) {
    case "isEmpty": case "isNotEmpty": return fc.constantFrom(undefined, null);
    case "inList": case "notInList": return fc.constantFrom(...u.listIds[objectType]);
    case "withinLastDays": case "withinNextDays": return fc.constantFrom(...DAY_COUNTS);
    case "in": case "notIn": case "hasAny": case "hasAll": return fc.array(one, { minLength: 1, maxLength: 3 });
    case "between": return fc.tuple(one, one).map(([a, b]) => [a, b]);
    default: return one;
  }
}

/** Field kinds first (then a field, then an op), so rare kinds and list ops are drawn as often as common ones. */
export function filterArb(objectType: "CONTACT" | "DEAL", u: Universe, maxDepth = 3): fc.Arbitrary<FilterNode> {
  const fields = [...filterFields(objectType, customFieldsFor(objectType)).values()];
  const buckets = new Map<string, [FieldDef, FilterOp[]][]>();
  for (const f of fields) {
    const plain = f.ops.filter((op) => !LIST_OPS.includes(op));
    buckets.set(f.type.kind, [...(buckets.get(f.type.kind) ?? []), [f, plain]]);
    if (plain.length < f.ops.length) buckets.set("list", [[f, [...LIST_OPS]]]);
  }
  const condition: fc.Arbitrary<FilterNode> = fc
    .constantFrom(...buckets.values())
    .chain((bucket) => fc.constantFrom(...bucket))
    .chain(([field, ops]) => fc.constantFrom(...ops).map((op) => [field, op] as const))
    .chain(([field, op]) =>
      valueFor(field, op, objectType, u).map((value): FilterCondition => (value === undefined ? { field: field.path, op } : { field: field.path, op, value })),
    );
  const { node } = fc.letrec<{ node: FilterNode; group: FilterNode }>((tie) => ({
    node: fc.oneof({ maxDepth, depthIdentifier: "filter" }, condition, condition, tie("group")),
    group: fc
      .tuple(fc.boolean(), fc.array(tie("node"), { maxLength: 4, depthIdentifier: "filter" }))
      .map(([all, children]): FilterNode => (all ? { all: children } : { any: children })),
  }));
  return node;
}

/** Every op used in a filter, for coverage checks. */
export function opsIn(node: FilterNode, into = new Set<FilterOp>()): Set<FilterOp> {
  if ("all" in node) node.all.forEach((n) => opsIn(n, into));
  else if ("any" in node) node.any.forEach((n) => opsIn(n, into));
  else into.add(node.op);
  return into;
}
