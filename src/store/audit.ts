import type { Store } from "./db.js";

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

  async record(entry: AuditEntry): Promise<void> {
    await this.store.db
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
