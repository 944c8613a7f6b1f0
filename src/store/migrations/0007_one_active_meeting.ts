import { sql, type Kysely } from "kysely";

/**
 * At most one active flerpartsmöte per case, held by the database: two booking cards submitted
 * at once could both pass the service's check and both send an invitation (src/meetings/service.ts
 * now lets the loser's insert do nothing and answers with the winner's meeting). A partial unique
 * index, the same statement on SQLite and PostgreSQL.
 * @remarks A case that already has two active meetings keeps the first booked; the later ones are
 * marked cancelled so the index can be built (their invitations stay in the participants' calendars).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    update meetings set state = 'cancelled'
    where state in ('booking', 'booked')
      and exists (
        select 1 from meetings earlier
        where earlier.case_id = meetings.case_id
          and earlier.state in ('booking', 'booked')
          and (earlier.created_at < meetings.created_at
            or (earlier.created_at = meetings.created_at and earlier.id < meetings.id))
      )
  `.execute(db);
  await sql`
    create unique index meetings_one_active_per_case on meetings (case_id)
    where state in ('booking', 'booked')
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("meetings_one_active_per_case").execute();
}
