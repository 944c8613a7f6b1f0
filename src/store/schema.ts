import type { Generated } from "kysely";

/**
 * The database's tables. Each feature adds its own by declaration merging in its own module:
 * `declare module "../store/schema.js" { interface Database { reminders: ReminderTable } }`.
 * Timestamps are epoch milliseconds (bigint) and calendar dates ISO `YYYY-MM-DD` text, so the
 * same queries sort and compare alike on SQLite and PostgreSQL.
 */
export interface Database {
  conversation_references: ConversationReferenceTable;
  audit_log: AuditLogTable;
}

export interface ConversationReferenceTable {
  /** `user:<aadObjectId>`, `channel:<channel id>` or `chat:<conversation id>`. */
  key: string;
  kind: "user" | "channel" | "chat";
  /** The serialized Bot Framework ConversationReference (ids and service URL, no message text). */
  reference: string;
  tenant_id: string | null;
  updated_at: number;
  /** Set when Teams answered 403/404 for this conversation (bot blocked or conversation gone). */
  stale_at: number | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: number;
  actor: string;
  action: string;
  case_ref: string | null;
  /** Short, non-personal outcome detail (a step name, a verb), never free text from a user. */
  detail: string | null;
}
