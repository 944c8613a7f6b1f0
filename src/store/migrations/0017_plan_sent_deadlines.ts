import type { Kysely } from "kysely";
import { refreshNextDeadline } from "../../cases/repository.js";
import type { Database } from "../schema.js";

/**
 * A plan Jobbtorg has sent is no longer a case's next deadline (src/domain/case.ts,
 * nextDeadline): the open cases still listed with a GP deadline get their `next_due_*` columns
 * worked out again, so lists written before that rule agree with `frister` too.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const store = db as unknown as Kysely<Database>;
  const waiting = await store
    .selectFrom("cases")
    .select("id")
    .where("next_due_kind", "=", "genomforandeplan")
    .where("closed_on", "is", null)
    .execute();
  for (const { id } of waiting) await refreshNextDeadline(store, id);
}

export async function down(): Promise<void> {
  // Nothing to undo: the columns mirror the case; the older rule would only show the plan again.
}
