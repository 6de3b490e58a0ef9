// Timeline entries as the record page renders them. Client-safe (types only).
export interface TimelineActor {
  id: string;
  name: string;
}

interface Base {
  id: string;
  at: Date;
  actor: TimelineActor | null;
}

export interface TimelineActivity {
  activityType: "CALL" | "EMAIL" | "MEETING" | "NOTE" | "TASK";
  subject: string;
  body: string | null;
  dueAt: Date | null;
  completedAt: Date | null;
  priority: "low" | "medium" | "high" | "urgent" | null;
  recurrenceRule: string | null;
  outcome: string | null;
  durationSeconds: number | null;
  direction: "INBOUND" | "OUTBOUND" | null;
  meetingLocation: string | null;
  meetingAttendees: string[];
  /** A pinned note tops the timeline. */
  pinnedAt: Date | null;
  assignedUserId: string | null;
  assignedUserName: string | null;
  assignedGroupId: string | null;
  assignedGroupName: string | null;
  /** An email sent from the record (lib/email/send.ts): its delivery and tracking. */
  email: TimelineEmail | null;
  /** An email read from a mailbox (lib/email/sync.ts): who wrote to whom, and its thread. */
  synced: TimelineSyncedEmail | null;
}

export interface TimelineSyncedEmail {
  id: string;
  direction: "INBOUND" | "OUTBOUND";
  threadId: string;
  from: string;
  fromName: string | null;
  to: string[];
  cc: string[];
  /** How many attachments it has. */
  attachments: number;
  /** What this user may see: a private mailbox's message may show its subject only, or nothing (the workspace's setting). */
  visibility: "FULL" | "SUBJECT" | "NONE";
}

export interface TimelineEmail {
  id: string;
  status: "QUEUED" | "SENDING" | "SENT" | "FAILED";
  error: string | null;
  from: string;
  to: string[];
  cc: string[];
  tracked: boolean;
  /** Every open, and how many of them a known image proxy made (Apple Mail Privacy Protection, Google's). */
  opens: number;
  proxyOpens: number;
  firstOpenedAt: Date | null;
  lastOpenedAt: Date | null;
  clicks: number;
  links: { url: string; clicks: number }[];
  sentAt: Date | null;
  threadId: string | null;
  /** From the IMAP sync: a reply to it arrived; it bounced (a DSN), and why. */
  repliedAt: Date | null;
  bouncedAt: Date | null;
  bounceReason: string | null;
  /** Send later: when the worker sends it (null for a send now). */
  scheduledAt: Date | null;
}

/** A move between stages (the stage a record was created in is on its "created" entry). */
export interface TimelineStageMove {
  fromStageId: string | null;
  fromStageName: string | null;
  toStageId: string | null;
  toStageName: string | null;
  source: string;
  isOverride: boolean;
  overrideReason: string | null;
  reason: string | null;
}

export type TimelineEntry =
  | (Base & { kind: "activity"; activity: TimelineActivity })
  | (Base & { kind: "stage"; stage: TimelineStageMove })
  | (Base & { kind: "change"; source: string; changes: Record<string, { from: unknown; to: unknown }> })
  /** `stageName`: the pipeline stage it was created in (deals, leads, tickets). */
  | (Base & { kind: "created"; stageName: string | null });
