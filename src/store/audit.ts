import type { Kysely } from "kysely";
import type { Store } from "./db.js";
import type { Database } from "./schema.js";

export interface AuditEntry {
  at: Date;
  /** The staff member's directory id (never a client). */
  actor: string;
  action: string;
  caseRef?: string | null;
  detail?: string | null;
}

/** Who did what, when, on which case: the documentation duty (001, 000). Append-only. */
export class AuditLog {
  constructor(private readonly store: Store) {}

  /** `db`: the transaction of the change being audited, so both commit together. */
  async record(entry: AuditEntry, db: Kysely<Database> = this.store.db): Promise<void> {
    await db
      .insertInto("audit_log")
      .values({
        at: entry.at.getTime(),
        actor: entry.actor,
        action: entry.action,
        case_ref: entry.caseRef ?? null,
        detail: entry.detail ?? null,
      })
      .execute();
  }

  async forCase(caseRef: string): Promise<AuditEntry[]> {
    const rows = await this.store.db
      .selectFrom("audit_log")
      .selectAll()
      .where("case_ref", "=", caseRef)
      .orderBy("at")
      .orderBy("id")
      .execute();
    return rows.map((row) => ({
      at: new Date(row.at),
      actor: row.actor,
      action: row.action,
      caseRef: row.case_ref,
      detail: row.detail,
    }));
  }

  async count(): Promise<number> {
    const row = await this.store.db
      .selectFrom("audit_log")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
