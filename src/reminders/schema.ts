import type { Generated } from "kysely";

export const deadlineKinds = ["gp", "follow-up", "meeting"] as const;
export type DeadlineKind = (typeof deadlineKinds)[number];
export type DeadlineState = "open" | "done" | "cancelled";

export const reminderKinds = [
  "gp-before",
  "gp-due",
  "gp-overdue",
  "follow-up-before",
  "follow-up-due",
  "follow-up-overdue",
  "meeting-before",
  "digest",
] as const;
export type ReminderKind = (typeof reminderKinds)[number];

/**
 * pending → claimed → sent; claimed rows whose lease ran out are claimed again. `waiting`: the
 * target has no conversation reference yet (app not installed). `skipped`: an empty digest.
 * `failed`: given up (gone conversation, or too many attempts) — shown in the digest.
 */
export type ReminderState = "pending" | "claimed" | "waiting" | "sent" | "skipped" | "cancelled" | "failed";

export interface DeadlineTable {
  /** `gp:<order id>`, `follow-up:<case id>` or `meeting:<meeting id>`. */
  id: string;
  kind: DeadlineKind;
  case_id: string;
  case_ref: string;
  insats: string;
  due_on: string;
  starts_at: number | null;
  rule: string | null;
  caseworker_id: string;
  caseworker_unit: string;
  district: string | null;
  jobbtorg_unit: string | null;
  state: DeadlineState;
  created_at: number;
  closed_at: number | null;
}

export interface ReminderTable {
  id: Generated<number>;
  deadline_id: string | null;
  kind: ReminderKind;
  /** A conversation key (`user:<id>`, `channel:<id>`) or a unit's channel, `unit:<unit>[:<district>]`. */
  target: string;
  /** When the reminder is meant to go out. */
  due_at: number;
  /** When a scheduler should next look at it; null once finished. */
  run_at: number | null;
  idempotency_key: string;
  state: ReminderState;
  attempts: number;
  claimed_by: string | null;
  last_error: string | null;
  sent_at: number | null;
  activity_id: string | null;
  created_at: number;
}

export interface TeamChannelTable {
  channel_key: string;
  /** `<unit>` or `<unit>:<district>`: one channel per unit (and district). */
  scope_key: string;
  unit: string;
  district: string | null;
  registered_by: string;
  registered_at: number;
}

declare module "../store/schema.js" {
  interface Database {
    deadlines: DeadlineTable;
    reminders: ReminderTable;
    team_channels: TeamChannelTable;
  }
}
