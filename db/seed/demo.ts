// The demo tenant `npm start` seeds into an empty database: "Acme Corp" with five
// logins, companies, contacts, deals on the default board, leads, tickets and a
// timeline of activities. Deterministic content (faker seeded with 42); only ids and
// dates relative to "now" differ between runs. Written through the app role, inside
// withTenant, so Row Level Security checks every row.
import "server-only";
import { randomUUID } from "node:crypto";
import { Faker, base, en } from "@faker-js/faker";
import { addDays, subDays } from "date-fns";
import { asc, eq, sql } from "drizzle-orm";
import { toSnakeCase } from "drizzle-orm/casing";
import type { PgTable } from "drizzle-orm/pg-core";
import { generateNKeysBetween } from "fractional-indexing";
import {
  activities,
  companies,
  contacts,
  deals,
  leads,
  pipelines,
  pipelineStages,
  stageHistory,
  tags,
  tenantGroupMembers,
  tenantGroups,
  tenants,
  tenantUsers,
  tickets,
  users,
  type PipelineStage,
} from "@/db/schema";
import type { ACTIVITY_TYPES, CRM_RECORD_TYPES, DEAL_TYPES, PRIORITIES } from "@/db/schema/enums";
import type { Role } from "@/lib/auth/permissions";
import { hashPassword } from "@/lib/auth/password";
import { dealStatusFor } from "@/lib/pipelines/rules";
import { systemActor, type TenantContext } from "@/lib/tenancy/context";
import { createTenant } from "@/lib/tenancy/create-tenant";
import { withTenant, type Tx } from "@/lib/tenancy/with-tenant";

export const DEMO_TENANT_NAME = "Acme Corp";
export const DEMO_PASSWORD = "Stageline-demo1";

export interface DemoLogin {
  email: string;
  password: string;
  role: string;
  name: string;
}

export interface DemoSeedResult {
  tenantId: string;
  tenantName: string;
  logins: DemoLogin[];
}

/** Sizes of the demo data set. */
export const DEMO_COUNTS = { companies: 200, contacts: 1000, deals: 300, leads: 200, tickets: 100, activities: 1500 } as const;

const DEMO_USERS: { email: string; name: string; role: Role }[] = [
  { email: "admin@acme.test", name: "Alex Morgan", role: "admin" },
  { email: "manager@acme.test", name: "Jordan Lee", role: "manager" },
  { email: "rep@acme.test", name: "Sam Rivera", role: "sales_rep" },
  { email: "rep2@acme.test", name: "Taylor Chen", role: "sales_rep" },
  { email: "viewer@acme.test", name: "Casey Brooks", role: "readonly" },
];

const TAGS: { name: string; color: string; category: string }[] = [
  { name: "VIP", color: "#F59E0B", category: "priority" },
  { name: "Hot", color: "#EF4444", category: "priority" },
  { name: "Cold", color: "#60A5FA", category: "priority" },
  { name: "Decision Maker", color: "#8B5CF6", category: "role" },
  { name: "Champion", color: "#10B981", category: "role" },
  { name: "Technical", color: "#0EA5E9", category: "role" },
  { name: "Newsletter", color: "#64748B", category: "marketing" },
  { name: "Webinar", color: "#14B8A6", category: "marketing" },
  { name: "Trade Show", color: "#F97316", category: "marketing" },
  { name: "Partner", color: "#6366F1", category: "relationship" },
  { name: "Referral", color: "#22C55E", category: "relationship" },
  { name: "At Risk", color: "#DC2626", category: "relationship" },
];

const INDUSTRIES = [
  "Software", "Financial Services", "Healthcare", "Manufacturing", "Retail", "Education", "Logistics",
  "Telecommunications", "Media", "Energy", "Real Estate", "Hospitality", "Consulting", "Biotech", "Government",
];
const LIFECYCLE_STAGES = ["subscriber", "lead", "opportunity", "customer"] as const;
const DEPARTMENTS = ["Sales", "Marketing", "Engineering", "Finance", "Operations", "IT", "HR", "Procurement", "Executive"];
const LEAD_SOURCES = ["website", "referral", "event", "cold_outreach", "partner", "paid_ads", "webinar"];
const DEAL_PRODUCTS = ["Platform licence", "Enterprise plan", "Team plan", "Onboarding package", "Support renewal", "Analytics add-on", "API access", "Training", "Expansion seats", "Pilot"];
const TICKET_SUBJECTS = [
  "Cannot log in after password reset", "Invoice shows the wrong amount", "Export to CSV times out", "Webhook deliveries failing",
  "Request to add more seats", "Dashboard loads slowly", "Email notifications not arriving", "SSO configuration help",
  "Data import stuck at 90%", "Feature request: dark mode", "API rate limit questions", "Billing address change",
];
const CALL_OUTCOMES = ["connected", "left voicemail", "no answer", "wrong number", "call back later"];

// Seed-time stage spreads, by display_order (how a live board tends to look).
const DEAL_STAGE_WEIGHTS = [22, 20, 17, 13, 16, 12];
const LEAD_STAGE_WEIGHTS = [30, 25, 20, 15, 10];
const TICKET_STAGE_WEIGHTS = [25, 30, 15, 20, 10];

const CHUNK = 500;

type ActivityType = (typeof ACTIVITY_TYPES)[number];
type Priority = (typeof PRIORITIES)[number];
type RecordType = (typeof CRM_RECORD_TYPES)[number];

/**
 * Bulk insert: each chunk travels as one JSON parameter, typed by the table's row type
 * (jsonb_populate_recordset). Drizzle's insert().values() binds one parameter per value,
 * which costs seconds of CPU for the few thousand rows here. Columns missing from every
 * row keep their defaults; a key missing from some rows is NULL in those.
 */
async function insertRows<T extends PgTable>(tx: Tx, table: T, rows: T["$inferInsert"][]): Promise<void> {
  if (rows.length === 0) return;
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))].map((key) => ({ key, column: toSnakeCase(key) }));
  const columns = sql.raw(keys.map((k) => `"${k.column}"`).join(", "));
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK).map((r) => Object.fromEntries(keys.map((k) => [k.column, (r as Record<string, unknown>)[k.key] ?? null])));
    await tx.execute(sql`insert into ${table} (${columns}) select ${columns} from jsonb_populate_recordset(null::${table}, ${JSON.stringify(chunk)}::jsonb)`);
  }
}

function slug(s: string): string {
  return s.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
}

/** Fractional-index positions in board order, one run of keys per stage. */
function positionsByStage<T extends { stageId: string | null; position?: string | null }>(rows: T[]): void {
  const byStage = new Map<string, T[]>();
  for (const r of rows) {
    if (!r.stageId) continue;
    const list = byStage.get(r.stageId) ?? [];
    list.push(r);
    byStage.set(r.stageId, list);
  }
  for (const list of byStage.values()) {
    const keys = generateNKeysBetween(null, null, list.length);
    list.forEach((r, i) => (r.position = keys[i]!));
  }
}

/**
 * Creates the "Acme Corp" demo tenant with its logins and a realistic data set.
 * Call it only on an empty database (see isDatabaseEmpty): the demo emails are
 * globally unique, so a second call fails with a conflict.
 */
export async function seedDemoTenant(): Promise<DemoSeedResult> {
  const [adminDef, ...otherUsers] = DEMO_USERS;
  // the other users share one hash, computed while createTenant hashes the admin's
  const hashing = hashPassword(DEMO_PASSWORD);
  const { tenantId, userId: adminId } = await createTenant({
    name: DEMO_TENANT_NAME,
    adminEmail: adminDef!.email,
    adminPassword: DEMO_PASSWORD,
    adminName: adminDef!.name,
  });
  const ctx: TenantContext = { tenantId, actor: systemActor("IMPORT") };
  try {
    const passwordHash = await hashing;
    await withTenant(ctx, (tx) => fill(tx, tenantId, adminId, passwordHash, otherUsers));
  } catch (err) {
    // Leave no half-seeded tenant behind (the data transaction rolled back already).
    await withTenant(ctx, async (tx) => {
      await tx.delete(tenants).where(eq(tenants.id, tenantId));
      await tx.delete(users).where(eq(users.id, adminId));
    }).catch(() => {});
    throw err;
  }
  return {
    tenantId,
    tenantName: DEMO_TENANT_NAME,
    logins: DEMO_USERS.map((u) => ({ email: u.email, password: DEMO_PASSWORD, role: u.role, name: u.name })),
  };
}

/** Who owns and makes the demo records; the groups are optional (a workspace that loads the demo data keeps its own). */
export interface DemoPeople {
  adminId: string;
  managerId: string;
  repId: string;
  rep2Id: string;
  groups?: { enterpriseId: string; smbId: string };
}

async function fill(tx: Tx, tenantId: string, adminId: string, passwordHash: string, otherUsers: typeof DEMO_USERS): Promise<void> {
  // --- users, memberships, groups ---
  const userRows = otherUsers.map((u) => ({ id: randomUUID(), email: u.email, name: u.name, passwordHash }));
  await tx.insert(users).values(userRows);
  await tx.insert(tenantUsers).values(otherUsers.map((u, i) => ({ tenantId, userId: userRows[i]!.id, role: u.role })));
  const idByEmail = new Map(userRows.map((u) => [u.email, u.id]));
  const managerId = idByEmail.get("manager@acme.test")!;
  const repId = idByEmail.get("rep@acme.test")!;
  const rep2Id = idByEmail.get("rep2@acme.test")!;

  const enterpriseId = randomUUID();
  const smbId = randomUUID();
  await tx.insert(tenantGroups).values([
    { tenantId, id: enterpriseId, name: "Enterprise Team", description: "Accounts with more than 1,000 employees" },
    { tenantId, id: smbId, name: "SMB Team", description: "Small and mid-sized businesses" },
  ]);
  await tx.insert(tenantGroupMembers).values([
    { tenantId, groupId: enterpriseId, userId: managerId },
    { tenantId, groupId: enterpriseId, userId: repId },
    { tenantId, groupId: smbId, userId: managerId },
    { tenantId, groupId: smbId, userId: rep2Id },
  ]);
  await fillDemoRecords(tx, tenantId, { adminId, managerId, repId, rep2Id, groups: { enterpriseId, smbId } });
}

/**
 * The demo data set without its people: tags, companies, contacts, deals, leads, tickets,
 * stage history and activities on the tenant's default pipelines, owned by `people`.
 * Used by the demo tenant and by "Load demo data" in an empty workspace
 * (lib/onboarding/load-demo-data.ts), inside the caller's withTenant transaction.
 */
export async function fillDemoRecords(tx: Tx, tenantId: string, people: DemoPeople): Promise<void> {
  const faker = new Faker({ locale: [en, base] });
  faker.seed(42);
  const now = new Date();
  faker.setDefaultRefDate(now);
  const daysAgo = (d: number) => subDays(now, d);
  const pastBetween = (fromDaysAgo: number, toDaysAgo: number) => faker.date.between({ from: daysAgo(fromDaysAgo), to: daysAgo(toDaysAgo) });
  const weightedIndex = (weights: number[]) =>
    faker.helpers.weightedArrayElement(weights.map((weight, value) => ({ weight, value })));
  const { adminId, managerId, repId, rep2Id } = people;
  const owners = [managerId, repId, rep2Id, repId, rep2Id, adminId]; // reps own most records
  const creators = [adminId, managerId, repId, rep2Id];
  const enterpriseId = people.groups?.enterpriseId ?? null;
  const smbId = people.groups?.smbId ?? null;

  // tags the workspace has already keep their colour
  await tx.insert(tags).values(TAGS.map((t) => ({ tenantId, ...t }))).onConflictDoNothing();
  const tagNames = TAGS.map((t) => t.name);
  const someTags = (max: number) => faker.helpers.arrayElements(tagNames, { min: 0, max });

  // --- pipelines made by createTenant ---
  const pipes = await tx.select().from(pipelines).where(eq(pipelines.tenantId, tenantId));
  const stages = await tx.select().from(pipelineStages).where(eq(pipelineStages.tenantId, tenantId)).orderBy(asc(pipelineStages.displayOrder));
  const pipelineFor = (objectType: "DEAL" | "LEAD" | "TICKET") => {
    const p = pipes.find((x) => x.objectType === objectType && x.isDefault);
    if (!p) throw new Error(`seedDemoTenant: no default ${objectType} pipeline`);
    return { pipeline: p, stages: stages.filter((s) => s.pipelineId === p.id) };
  };
  const dealPipe = pipelineFor("DEAL");
  const leadPipe = pipelineFor("LEAD");
  const ticketPipe = pipelineFor("TICKET");

  // --- companies ---
  const usedDomains = new Set<string>();
  const companyRows = Array.from({ length: DEMO_COUNTS.companies }, () => {
    const name = faker.company.name();
    let domain = `${slug(name)}.example`;
    for (let n = 2; usedDomains.has(domain); n++) domain = `${slug(name)}-${n}.example`;
    usedDomains.add(domain);
    const employeeCount = faker.helpers.weightedArrayElement([
      { weight: 40, value: faker.number.int({ min: 5, max: 50 }) },
      { weight: 35, value: faker.number.int({ min: 51, max: 1000 }) },
      { weight: 25, value: faker.number.int({ min: 1001, max: 50_000 }) },
    ]);
    const createdAt = pastBetween(900, 30);
    return {
      tenantId,
      id: randomUUID(),
      name,
      domain,
      website: `https://www.${domain}`,
      industry: faker.helpers.arrayElement(INDUSTRIES),
      phone: faker.phone.number({ style: "national" }),
      employeeCount,
      annualRevenue: (employeeCount * faker.number.int({ min: 60_000, max: 250_000 })).toFixed(2),
      currency: "USD",
      description: faker.company.catchPhrase(),
      address: {
        street: faker.location.streetAddress(),
        city: faker.location.city(),
        state: faker.location.state({ abbreviated: true }),
        postalCode: faker.location.zipCode(),
        country: "United States",
      },
      ownedByUserId: faker.helpers.arrayElement(owners),
      ownedByGroupId: faker.datatype.boolean(0.3) ? (employeeCount > 1000 ? enterpriseId : smbId) : null,
      createdByUserId: faker.helpers.arrayElement(creators),
      tags: someTags(1),
      createdAt,
      updatedAt: createdAt,
    };
  });
  await insertRows(tx, companies, companyRows);

  // --- contacts ---
  const usedEmails = new Set<string>();
  const contactRows = Array.from({ length: DEMO_COUNTS.contacts }, () => {
    const company = faker.datatype.boolean(0.85) ? faker.helpers.arrayElement(companyRows) : null;
    const firstName = faker.person.firstName();
    const lastName = faker.person.lastName();
    const local = `${slug(firstName)}.${slug(lastName)}`.replace(/-/g, "");
    const domain = company?.domain ?? "mail.example";
    let email = `${local}@${domain}`;
    for (let n = 2; usedEmails.has(email); n++) email = `${local}${n}@${domain}`;
    usedEmails.add(email);
    const createdAt = pastBetween(720, 1);
    return {
      tenantId,
      id: randomUUID(),
      firstName,
      lastName,
      email,
      phone: faker.phone.number({ style: "national" }),
      mobilePhone: faker.datatype.boolean(0.6) ? faker.phone.number({ style: "national" }) : null,
      jobTitle: faker.person.jobTitle(),
      department: faker.helpers.arrayElement(DEPARTMENTS),
      companyId: company?.id ?? null,
      lifecycleStage: faker.helpers.weightedArrayElement([
        { weight: 20, value: LIFECYCLE_STAGES[0] },
        { weight: 40, value: LIFECYCLE_STAGES[1] },
        { weight: 20, value: LIFECYCLE_STAGES[2] },
        { weight: 20, value: LIFECYCLE_STAGES[3] },
      ]),
      linkedinUrl: faker.datatype.boolean(0.5) ? `https://www.linkedin.com/in/${local}-${faker.string.alphanumeric(6).toLowerCase()}` : null,
      emailOptIn: faker.datatype.boolean(0.6),
      doNotCall: faker.datatype.boolean(0.05),
      lastContactedAt: faker.datatype.boolean(0.7) ? faker.date.between({ from: createdAt, to: now }) : null,
      ownedByUserId: company?.ownedByUserId ?? faker.helpers.arrayElement(owners),
      createdByUserId: faker.helpers.arrayElement(creators),
      tags: someTags(2),
      createdAt,
      updatedAt: createdAt,
    };
  });
  await insertRows(tx, contacts, contactRows);
  const contactsByCompany = new Map<string, typeof contactRows>();
  for (const c of contactRows) {
    if (!c.companyId) continue;
    const list = contactsByCompany.get(c.companyId) ?? [];
    list.push(c);
    contactsByCompany.set(c.companyId, list);
  }

  const history: (typeof stageHistory.$inferInsert)[] = [];
  // A realistic board: most open records entered their stage within its expected days and
  // about one in five has overstayed them (stalled); closed records closed any time.
  const placeIn = (s: PipelineStage, recordCreatedAt: Date) => {
    const open = s.stageState !== "DONE_SUCCESS" && s.stageState !== "DONE_FAILED";
    const expected = open ? s.expectedDays : null;
    const [fromDays, toDays] = expected === null ? [null, 0.1] : faker.datatype.boolean(0.2) ? [expected * 3, expected + 1.5] : [expected - 0.5, 0.1];
    const from = fromDays === null || daysAgo(fromDays) < recordCreatedAt ? recordCreatedAt : daysAgo(fromDays);
    const to = daysAgo(toDays) < from ? from : daysAgo(toDays);
    return { pipelineId: s.pipelineId, stageId: s.id, stageEnteredAt: faker.date.between({ from, to }) };
  };
  const recordHistory = (entityType: RecordType, entityId: string, place: { pipelineId: string; stageId: string; stageEnteredAt: Date }, by: string | null) =>
    history.push({ tenantId, entityType, entityId, pipelineId: place.pipelineId, fromStageId: null, toStageId: place.stageId, changedAt: place.stageEnteredAt, changedByUserId: by, source: "IMPORT" });

  // --- deals on the default Sales Pipeline ---
  const dealRows = Array.from({ length: DEMO_COUNTS.deals }, () => {
    const stage = dealPipe.stages[weightedIndex(DEAL_STAGE_WEIGHTS)]!;
    const company = faker.helpers.arrayElement(companyRows);
    const people = contactsByCompany.get(company.id) ?? [];
    const contact = people.length > 0 && faker.datatype.boolean(0.9) ? faker.helpers.arrayElement(people) : null;
    const createdAt = pastBetween(365, 2);
    const place = placeIn(stage, createdAt);
    const status = dealStatusFor(stage.stageState);
    const closeDate = status === "open" ? faker.date.soon({ days: 120, refDate: now }) : place.stageEnteredAt;
    const owner = company.ownedByUserId;
    const dealType = faker.helpers.weightedArrayElement<(typeof DEAL_TYPES)[number]>([
      { weight: 60, value: "NEW" }, { weight: 20, value: "RENEWAL" }, { weight: 15, value: "UPSELL" }, { weight: 5, value: "OTHER" },
    ]);
    return {
      tenantId,
      id: randomUUID(),
      name: `${company.name} – ${faker.helpers.arrayElement(DEAL_PRODUCTS)}`,
      amount: (faker.number.int({ min: 20, max: 5000 }) * 50).toFixed(2),
      currency: "USD",
      dealType,
      closeDate: closeDate.toISOString().slice(0, 10),
      forecastProbability: stage.probability,
      status,
      companyId: company.id,
      contactId: contact?.id ?? null,
      ownedByUserId: owner,
      ownedByGroupId: company.ownedByGroupId,
      assignedUserId: owner,
      createdByUserId: faker.helpers.arrayElement(creators),
      tags: someTags(1),
      ...place,
      position: null as string | null,
      wonReason: status === "won" ? faker.helpers.arrayElement(["Best fit", "Price", "Relationship", "Product depth"]) : null,
      lostReason: status === "lost" ? faker.helpers.arrayElement(["Price", "Went with competitor", "No budget", "No decision", "Timing"]) : null,
      closedAt: status === "open" ? null : place.stageEnteredAt,
      createdAt,
      updatedAt: place.stageEnteredAt,
    } satisfies typeof deals.$inferInsert;
  });
  positionsByStage(dealRows);
  await insertRows(tx, deals, dealRows);
  for (const d of dealRows) recordHistory("DEAL", d.id, d, d.ownedByUserId);

  // --- leads on the Lead Qualification pipeline ---
  const leadStatus = ["new", "contacted", "qualified", "converted", "unqualified"] as const;
  const leadRows = Array.from({ length: DEMO_COUNTS.leads }, () => {
    const stageIndex = weightedIndex(LEAD_STAGE_WEIGHTS);
    const stage = leadPipe.stages[stageIndex]!;
    const firstName = faker.person.firstName();
    const lastName = faker.person.lastName();
    const createdAt = pastBetween(180, 1);
    const place = placeIn(stage, createdAt);
    return {
      tenantId,
      id: randomUUID(),
      firstName,
      lastName,
      email: `${slug(firstName)}.${slug(lastName)}@${faker.helpers.arrayElement(["mail.example", "inbox.example", "corp.example"])}`.replace(/-/g, ""),
      phone: faker.phone.number({ style: "national" }),
      jobTitle: faker.person.jobTitle(),
      companyName: faker.company.name(),
      source: faker.helpers.arrayElement(LEAD_SOURCES),
      status: leadStatus[stageIndex] ?? "new",
      score: faker.number.int({ min: 0, max: 100 }),
      priority: faker.helpers.arrayElement<Priority>(["low", "medium", "high", "urgent"]),
      convertedAt: stage.stageState === "DONE_SUCCESS" ? place.stageEnteredAt : null,
      disqualifiedReason: stage.stageState === "DONE_FAILED" ? faker.helpers.arrayElement(["No budget", "Not a fit", "Unresponsive", "Student"]) : null,
      ownedByUserId: faker.helpers.arrayElement(owners),
      createdByUserId: faker.helpers.arrayElement(creators),
      tags: someTags(1),
      ...place,
      position: null as string | null,
      createdAt,
      updatedAt: place.stageEnteredAt,
    };
  });
  positionsByStage(leadRows);
  await insertRows(tx, leads, leadRows);
  for (const l of leadRows) recordHistory("LEAD", l.id, l, l.ownedByUserId);

  // --- tickets on the Support pipeline ---
  const ticketRows = Array.from({ length: DEMO_COUNTS.tickets }, () => {
    const stage = ticketPipe.stages[weightedIndex(TICKET_STAGE_WEIGHTS)]!;
    const contact = faker.helpers.arrayElement(contactRows);
    const createdAt = pastBetween(90, 1);
    const place = placeIn(stage, createdAt);
    const assignee = faker.helpers.arrayElement([repId, rep2Id, managerId]);
    return {
      tenantId,
      id: randomUUID(),
      subject: faker.helpers.arrayElement(TICKET_SUBJECTS),
      description: faker.lorem.sentences({ min: 1, max: 3 }),
      priority: faker.helpers.weightedArrayElement<Priority>([
        { weight: 30, value: "low" }, { weight: 40, value: "medium" }, { weight: 20, value: "high" }, { weight: 10, value: "urgent" },
      ]),
      contactId: contact.id,
      companyId: contact.companyId,
      assignedUserId: assignee,
      ownedByUserId: assignee,
      createdByUserId: faker.helpers.arrayElement(creators),
      resolvedAt: stage.stageState === "DONE_SUCCESS" ? place.stageEnteredAt : null,
      ...place,
      position: null as string | null,
      createdAt,
      updatedAt: place.stageEnteredAt,
    };
  });
  positionsByStage(ticketRows);
  await insertRows(tx, tickets, ticketRows);
  for (const t of ticketRows) recordHistory("TICKET", t.id, t, t.assignedUserId);

  await insertRows(tx, stageHistory, history);

  // --- activities on contacts, companies and deals ---
  const activityRows = Array.from({ length: DEMO_COUNTS.activities }, () => {
    const recordType = faker.helpers.weightedArrayElement<"CONTACT" | "COMPANY" | "DEAL">([
      { weight: 60, value: "CONTACT" }, { weight: 15, value: "COMPANY" }, { weight: 25, value: "DEAL" },
    ]);
    const record =
      recordType === "CONTACT" ? faker.helpers.arrayElement(contactRows)
      : recordType === "COMPANY" ? faker.helpers.arrayElement(companyRows)
      : faker.helpers.arrayElement(dealRows);
    const who =
      recordType === "CONTACT" ? `${(record as (typeof contactRows)[number]).firstName} ${(record as (typeof contactRows)[number]).lastName}`
      : (record as { name: string }).name;
    const activityType = faker.helpers.weightedArrayElement<ActivityType>([
      { weight: 25, value: "CALL" }, { weight: 30, value: "EMAIL" }, { weight: 12, value: "MEETING" }, { weight: 15, value: "NOTE" }, { weight: 18, value: "TASK" },
    ]);
    const author = faker.helpers.arrayElement([repId, rep2Id, repId, rep2Id, managerId]);
    const activityAt = faker.date.between({ from: record.createdAt, to: daysAgo(0.05) });
    const row: typeof activities.$inferInsert = {
      tenantId,
      id: randomUUID(),
      activityType,
      subject: "",
      recordType,
      recordId: record.id,
      activityAt,
      createdByUserId: author,
      createdAt: activityAt,
      updatedAt: activityAt,
    };
    switch (activityType) {
      case "CALL":
        row.subject = `Call with ${who}`;
        row.outcome = faker.helpers.arrayElement(CALL_OUTCOMES);
        row.durationSeconds = row.outcome === "connected" ? faker.number.int({ min: 60, max: 2700 }) : faker.number.int({ min: 10, max: 60 });
        row.body = faker.lorem.sentence();
        break;
      case "EMAIL":
        row.subject = faker.helpers.arrayElement([`Re: ${faker.commerce.productName()} pricing`, `Following up`, `Intro: ${who}`, `Proposal for ${who}`, `Meeting notes`]);
        row.body = faker.lorem.paragraph();
        break;
      case "MEETING":
        row.subject = faker.helpers.arrayElement([`Demo with ${who}`, `Discovery call: ${who}`, `Quarterly review – ${who}`, `Kick-off with ${who}`]);
        row.durationSeconds = faker.helpers.arrayElement([1800, 2700, 3600, 5400]);
        row.body = faker.lorem.sentences(2);
        break;
      case "NOTE":
        row.subject = faker.helpers.arrayElement(["Note", "Internal note", "Call summary", "Budget update"]);
        row.body = faker.lorem.paragraph();
        break;
      case "TASK": {
        row.subject = faker.helpers.arrayElement([`Follow up with ${who}`, `Send proposal to ${who}`, `Schedule demo for ${who}`, `Check in on ${who}`, `Prepare contract for ${who}`]);
        // due between three weeks ago (overdue) and four weeks ahead, never before the task was made
        const earliest = activityAt > daysAgo(21) ? activityAt : daysAgo(21);
        const dueAt = faker.date.between({ from: earliest, to: addDays(now, 28) });
        row.dueAt = dueAt;
        row.reminderAt = subDays(dueAt, 1);
        row.priority = faker.helpers.arrayElement<Priority>(["low", "medium", "high", "urgent"]);
        row.assignedUserId = faker.helpers.arrayElement([repId, rep2Id, managerId]);
        if (dueAt < now && faker.datatype.boolean(0.6)) {
          row.completedAt = dueAt;
          row.completedByUserId = row.assignedUserId;
        }
        break;
      }
    }
    return row;
  });
  await insertRows(tx, activities, activityRows);
}
