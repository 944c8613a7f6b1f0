import type { Kysely, Selectable } from "kysely";
import { z } from "zod";
import type { JobbtorgUnit } from "../directory/directory.js";
import type { Store } from "../store/db.js";
import type { Database } from "../store/schema.js";
import { attendeeRoles, type Attendee, type MeetingBooker } from "./booker.js";

export type MeetingState = "booking" | "booked" | "cancelled";

export interface MeetingTable {
  id: string;
  case_id: string;
  case_ref: string;
  adapter: MeetingBooker["kind"];
  jobbtorg_unit: JobbtorgUnit;
  mailbox: string;
  starts_at: number;
  ends_at: number;
  attendees: string;
  client_attends: number;
  state: MeetingState;
  sequence: number;
  external_id: string | null;
  delivered_to: string | null;
  join_url: string | null;
  booked_by: string;
  created_at: number;
  updated_at: number;
}

declare module "../store/schema.js" {
  interface Database {
    meetings: MeetingTable;
  }
}

const attendeesSchema = z.array(z.object({ role: z.enum(attendeeRoles), address: z.string() }));

/** A meeting as the service works with it. */
export interface Meeting {
  id: string;
  caseId: string;
  caseRef: string;
  adapter: MeetingBooker["kind"];
  jobbtorgUnit: JobbtorgUnit;
  mailbox: string;
  startsAt: Date;
  endsAt: Date;
  attendees: Attendee[];
  clientAttends: boolean;
  state: MeetingState;
  sequence: number;
  externalId?: string;
  deliveredTo?: string;
  joinUrl?: string;
  bookedBy: string;
}

function fromRow(row: Selectable<MeetingTable>): Meeting {
  return {
    id: row.id,
    caseId: row.case_id,
    caseRef: row.case_ref,
    adapter: row.adapter,
    jobbtorgUnit: row.jobbtorg_unit,
    mailbox: row.mailbox,
    startsAt: new Date(Number(row.starts_at)),
    endsAt: new Date(Number(row.ends_at)),
    attendees: attendeesSchema.parse(JSON.parse(row.attendees)),
    clientAttends: row.client_attends === 1,
    state: row.state,
    sequence: row.sequence,
    ...(row.external_id ? { externalId: row.external_id } : {}),
    ...(row.delivered_to ? { deliveredTo: row.delivered_to } : {}),
    ...(row.join_url ? { joinUrl: row.join_url } : {}),
    bookedBy: row.booked_by,
  };
}

/** Meetings in the store; every change is conditional on the sequence the caller saw. */
export class MeetingRepository {
  constructor(private readonly store: Store) {}

  private get db() {
    return this.store.db;
  }

  /**
   * Inserts a meeting in state `booking`; false when the id exists (a repeated click) or the case
   * already has an active meeting (a concurrent booking: the unique index of migration 0007).
   */
  async insert(meeting: Omit<Meeting, "state" | "sequence">, at: Date): Promise<boolean> {
    const result = await this.db
      .insertInto("meetings")
      .values({
        id: meeting.id,
        case_id: meeting.caseId,
        case_ref: meeting.caseRef,
        adapter: meeting.adapter,
        jobbtorg_unit: meeting.jobbtorgUnit,
        mailbox: meeting.mailbox,
        starts_at: meeting.startsAt.getTime(),
        ends_at: meeting.endsAt.getTime(),
        attendees: JSON.stringify(meeting.attendees.map(({ role, address }) => ({ role, address }))),
        client_attends: meeting.clientAttends ? 1 : 0,
        state: "booking",
        sequence: 0,
        external_id: null,
        delivered_to: null,
        join_url: null,
        booked_by: meeting.bookedBy,
        created_at: at.getTime(),
        updated_at: at.getTime(),
      })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
  }

  async get(id: string): Promise<Meeting | undefined> {
    const row = await this.db.selectFrom("meetings").selectAll().where("id", "=", id).executeTakeFirst();
    return row && fromRow(row);
  }

  /** The case's meeting that is booked or being booked, if any. */
  async activeForCase(caseId: string): Promise<Meeting | undefined> {
    const row = await this.db
      .selectFrom("meetings")
      .selectAll()
      .where("case_id", "=", caseId)
      .where("state", "in", ["booking", "booked"])
      .orderBy("created_at", "desc")
      .executeTakeFirst();
    return row && fromRow(row);
  }

  /**
   * Moves the meeting to a new state/time if it is still at `expected` sequence and state;
   * returns false when someone else changed it first.
   */
  async update(
    id: string,
    expected: { sequence: number; state: MeetingState },
    changes: {
      state?: MeetingState;
      sequence?: number;
      startsAt?: Date;
      endsAt?: Date;
      externalId?: string | undefined;
      deliveredTo?: string;
      joinUrl?: string | undefined;
    },
    at: Date,
    db: Kysely<Database> = this.db,
  ): Promise<boolean> {
    const result = await db
      .updateTable("meetings")
      .set({
        ...(changes.state ? { state: changes.state } : {}),
        ...(changes.sequence !== undefined ? { sequence: changes.sequence } : {}),
        ...(changes.startsAt ? { starts_at: changes.startsAt.getTime() } : {}),
        ...(changes.endsAt ? { ends_at: changes.endsAt.getTime() } : {}),
        ...(changes.externalId ? { external_id: changes.externalId } : {}),
        ...(changes.deliveredTo ? { delivered_to: changes.deliveredTo } : {}),
        ...(changes.joinUrl ? { join_url: changes.joinUrl } : {}),
        updated_at: at.getTime(),
      })
      .where("id", "=", id)
      .where("sequence", "=", expected.sequence)
      .where("state", "=", expected.state)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Bookings still `booking` that were last touched before `before` (ms): a crash's leftovers. */
  async unsentBookings(before: number, limit = 20): Promise<Meeting[]> {
    const rows = await this.db
      .selectFrom("meetings")
      .selectAll()
      .where("state", "=", "booking")
      .where("updated_at", "<", before)
      .orderBy("updated_at")
      .limit(limit)
      .execute();
    return rows.map(fromRow);
  }

  /** Drops a booking whose delivery failed, so the case can be booked again. */
  async removeUnsent(id: string): Promise<void> {
    await this.db.deleteFrom("meetings").where("id", "=", id).where("state", "=", "booking").execute();
  }
}
