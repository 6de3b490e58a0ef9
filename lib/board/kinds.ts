// What the board says and where it lives, per kind. Client-safe (no database imports).
import { KIND_WORDS, recordPath } from "@/lib/records/kinds";
import type { BoardKind } from "./types";

export { capitalize } from "@/lib/records/kinds";

export interface KindInfo {
  kind: BoardKind;
  path: string;
  singular: string;
  plural: string;
  /** Label of the quick-create title field. */
  titleLabel: string;
}

const info = (kind: BoardKind, titleLabel: string): KindInfo => ({ kind, path: recordPath(kind), singular: KIND_WORDS[kind].singular, plural: KIND_WORDS[kind].plural, titleLabel });

export const BOARD_KINDS: Record<BoardKind, KindInfo> = {
  DEAL: info("DEAL", "Deal name"),
  LEAD: info("LEAD", "Lead name"),
  TICKET: info("TICKET", "Subject"),
};
