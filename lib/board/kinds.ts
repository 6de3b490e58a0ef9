// What the board says and where it lives, per kind. Client-safe (no database imports).
import type { BoardKind } from "./types";

export interface KindInfo {
  kind: BoardKind;
  path: "/deals" | "/leads" | "/tickets";
  singular: string;
  plural: string;
  /** Label of the quick-create title field. */
  titleLabel: string;
}

export const BOARD_KINDS: Record<BoardKind, KindInfo> = {
  DEAL: { kind: "DEAL", path: "/deals", singular: "deal", plural: "deals", titleLabel: "Deal name" },
  LEAD: { kind: "LEAD", path: "/leads", singular: "lead", plural: "leads", titleLabel: "Lead name" },
  TICKET: { kind: "TICKET", path: "/tickets", singular: "ticket", plural: "tickets", titleLabel: "Subject" },
};

export const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
