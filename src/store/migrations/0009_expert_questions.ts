import type { Kysely } from "kysely";

/**
 * The expert loop (src/experts): the one linked expert channel, the questions sent to it and the
 * answers experts chose to keep as knowledge entries. The asker is kept by directory id only,
 * never by name; question and answer texts passed the personal-data guard (src/guard/personal-data.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("expert_channels")
    .addColumn("channel_key", "varchar(200)", (col) => col.primaryKey())
    .addColumn("registered_by", "varchar(64)", (col) => col.notNull())
    .addColumn("registered_at", "bigint", (col) => col.notNull())
    .execute();
  await db.schema
    .createTable("expert_questions")
    .addColumn("id", "varchar(36)", (col) => col.primaryKey())
    .addColumn("question", "text", (col) => col.notNull())
    // "ask" (Fråga en expert) | "not-helpful" (Svaret hjälpte inte) | "unknown" (no answer found)
    .addColumn("reason", "varchar(16)", (col) => col.notNull())
    .addColumn("asker_id", "varchar(64)", (col) => col.notNull())
    .addColumn("asked_at", "bigint", (col) => col.notNull())
    .addColumn("channel_key", "varchar(200)", (col) => col.notNull())
    .addColumn("activity_id", "varchar(200)")
    // open | answered
    .addColumn("state", "varchar(12)", (col) => col.notNull())
    .addColumn("answer", "text")
    .addColumn("citation", "text")
    .addColumn("answered_by", "varchar(64)")
    .addColumn("answered_at", "bigint")
    .addColumn("entry_id", "varchar(64)")
    .execute();
  await db.schema
    .createTable("expert_entries")
    .addColumn("id", "varchar(64)", (col) => col.primaryKey())
    .addColumn("question_id", "varchar(36)", (col) =>
      col.notNull().unique().references("expert_questions.id").onDelete("cascade"),
    )
    .addColumn("title", "varchar(120)", (col) => col.notNull())
    .addColumn("answer", "text", (col) => col.notNull())
    .addColumn("citation", "text", (col) => col.notNull())
    .addColumn("created_by", "varchar(64)", (col) => col.notNull())
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("expert_entries").execute();
  await db.schema.dropTable("expert_questions").execute();
  await db.schema.dropTable("expert_channels").execute();
}
