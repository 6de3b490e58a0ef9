// The board's data shapes, shared by the server queries, the route handlers and the
// client components. Plain JSON (strings, numbers, booleans): it crosses the RSC boundary
// and the network as is.
import type { MovementMode, StageState } from "@/lib/pipelines/rules";

export type BoardKind = "DEAL" | "LEAD" | "TICKET";

export interface BoardStage {
  id: string;
  name: string;
  color: string;
  displayOrder: number;
  stageState: StageState;
  /** Decimal string in [0, 1]. */
  probability: string;
  requiredFields: string[];
  expectedDays: number | null;
}

export interface BoardPipeline {
  id: string;
  name: string;
  movementMode: MovementMode;
  stages: BoardStage[];
}

export interface PipelineOption {
  id: string;
  name: string;
  isDefault: boolean;
}

export interface BoardMember {
  id: string;
  name: string;
  initials: string;
  isActive: boolean;
}

/** One card: key fields only, so a board of many columns stays small. */
export interface BoardCard {
  id: string;
  title: string;
  /** Deals: decimal string and currency code. */
  amount?: string | null;
  currency?: string;
  /** Deals: YYYY-MM-DD. */
  closeDate?: string | null;
  /** Tickets and leads. */
  priority?: string | null;
  ownerId: string | null;
  ownerInitials: string | null;
  /** ISO-8601 UTC. */
  stageEnteredAt: string | null;
  daysInStage: number | null;
  /** Days in stage exceed the stage's expected days. */
  stalled: boolean;
  tags: string[];
  /** Only for cards in a DONE_FAILED stage: the stage it left to get there (latest stage_history). */
  returnStageId?: string | null;
  /**
   * Only when some stage of the pipeline has required fields: for each such field path,
   * `true` when the record has a value, `null` when it lacks one — shaped so that
   * missingRequiredFields(stage, fields) from lib/pipelines/rules.ts answers as on the server.
   */
  fields?: Record<string, unknown>;
}

export interface MoneyTotal {
  currency: string;
  /** Decimal strings. */
  amount: string;
  weighted: string;
}

export interface BoardColumn {
  stageId: string;
  count: number;
  /** Deals only: sum of amounts and of amount × stage probability, per currency. */
  totals: MoneyTotal[];
  cards: BoardCard[];
  /** Opaque keyset cursor for the next cards of this column; null when all are loaded. */
  nextCursor: string | null;
}

export interface BoardData {
  kind: BoardKind;
  pipeline: BoardPipeline;
  columns: BoardColumn[];
  /** Members of the tenant (deactivated ones too: they may still own records), for owner names and the owner filter. */
  members: BoardMember[];
  generatedAt: string;
}

export interface ColumnPage {
  stageId: string;
  cards: BoardCard[];
  nextCursor: string | null;
}
