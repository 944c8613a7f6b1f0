import type { CaseRecord } from "../cases/repository.js";
import type { CaseService } from "../cases/service.js";
import type { Clock } from "../clock.js";
import type { Config } from "../config.js";
import { rolesOf, type Directory, type DirectoryUser, type JobbtorgUnit } from "../directory/directory.js";
import { defaultJobbtorgUnit, stepTitles } from "../domain/case-types.js";
import { DomainError } from "../errors.js";
import { checkParticipant, type ParticipantRefusal } from "../guard/personal-data.js";
import type { Logger } from "../log.js";
import { effectsOf } from "../events/wiring.js";
import type { OutboxDispatcher } from "../outbox/dispatcher.js";
import { OutboxRepository } from "../outbox/repository.js";
import type { AuditLog } from "../store/audit.js";
import type { Store } from "../store/db.js";
import type { Attendee, BookingReceipt, MeetingBooker, MeetingInvitation, SlotProposal } from "./booker.js";
import { MeetingRepository, type Meeting } from "./repository.js";
import {
  defaultWindow,
  parseWorkingHours,
  withinWorkingHours,
  type DateWindow,
  type Interval,
  type WorkingHours,
} from "./slots.js";

export interface MeetingServiceDeps {
  store: Store;
  clock: Clock;
  config: Pick<Config, "WORKING_HOURS" | "MEETING_MAILBOX_ALFA" | "MEETING_MAILBOX_IWORK"> &
    Partial<Pick<Config, "MEETING_ALLOWED_DOMAINS">>;
  directory: Directory;
  cases: Pick<CaseService, "loadFor">;
  audit: AuditLog;
  /** Runs the outbox rows a booking, move or cancellation just committed (src/events/wiring.ts). */
  effects: Pick<OutboxDispatcher, "runNow">;
  booker: MeetingBooker;
  log: Logger;
}

export interface BookingInput {
  /** The booking card's draft id: a second click books nothing new. */
  meetingId: string;
  startsAt: Date;
  durationMinutes: number;
  jobbtorgUnit: JobbtorgUnit;
  /** Directory id of a work specialist to invite. */
  specialistId?: string;
  /** Further internal or external addresses. */
  extraAttendees: string[];
  clientAttends: boolean;
}

export interface SlotSearch {
  durationMinutes: number;
  window: DateWindow;
  jobbtorgUnit: JobbtorgUnit;
  specialistId?: string;
  limit?: number;
}

/** How a refused participant is explained; a personnummer-shaped one is never echoed. */
const participantErrors = {
  personnummer: "MEETING.ADDRESS_PERSONNUMMER",
  "not-an-address": "MEETING.ADDRESS_INVALID",
  domain: "MEETING.ADDRESS_DOMAIN",
} as const satisfies Record<ParticipantRefusal, string>;

/**
 * Books, moves and cancels a case's flerpartsmöte through the configured {@link MeetingBooker},
 * records it on the case (which advances the step) and keeps the caseworker's reminder in step.
 * @remarks Moves and cancels first claim the row (sequence + 1, conditional on the sequence the
 * card showed), then send: two clicks never send two messages.
 */
export class MeetingService {
  readonly repository: MeetingRepository;
  readonly workingHours: WorkingHours;

  private readonly outbox: OutboxRepository;

  constructor(private readonly deps: MeetingServiceDeps) {
    this.repository = new MeetingRepository(deps.store);
    this.outbox = new OutboxRepository(deps.store);
    this.currentBooker = deps.booker;
    this.workingHours = parseWorkingHours(deps.config.WORKING_HOURS) ?? { start: "08:00", end: "17:00" };
  }

  private currentBooker: MeetingBooker;

  get booker(): MeetingBooker {
    return this.currentBooker;
  }

  /** Swaps the adapter (tools and tests; the composition root passes it in the constructor). */
  useBooker(booker: MeetingBooker): void {
    this.currentBooker = booker;
  }

  /** The Jobbtorg units that can be invited, with their functional mailboxes. */
  mailboxes(): { unit: JobbtorgUnit; mailbox: string }[] {
    const iwork = this.deps.config.MEETING_MAILBOX_IWORK;
    return [
      { unit: "alfa" as const, mailbox: this.deps.config.MEETING_MAILBOX_ALFA },
      ...(iwork ? [{ unit: "iwork" as const, mailbox: iwork }] : []),
    ];
  }

  mailboxFor(unit: JobbtorgUnit): string {
    const found = this.mailboxes().find((m) => m.unit === unit);
    if (!found) throw new DomainError("MEETING.MAILBOX_NOT_CONFIGURED", { unit, field: "jobbtorgUnit" });
    return found.mailbox;
  }

  defaultWindow(): DateWindow {
    return defaultWindow(this.deps.clock.now());
  }

  /** Work specialists of a Jobbtorg unit (or all), for the card's choice. */
  async specialists(unit?: JobbtorgUnit): Promise<{ id: string; displayName: string; unit: JobbtorgUnit }[]> {
    const users = await this.deps.directory.listUsers();
    return users.flatMap((user) =>
      rolesOf(user, "arbetsspecialist")
        .filter((role) => !unit || role.unit === unit)
        .slice(0, 1)
        .map((role) => ({ id: user.id, displayName: user.displayName, unit: role.unit })),
    );
  }

  /** Loads a case the actor may book for (its caseworker, a leader of its unit, an admin). */
  loadCase(actor: DirectoryUser, caseId: string): Promise<CaseRecord> {
    return this.deps.cases.loadFor(actor, caseId);
  }

  activeForCase(caseId: string): Promise<Meeting | undefined> {
    return this.repository.activeForCase(caseId);
  }

  /** Loads a meeting of a case the actor may act on. */
  async loadFor(actor: DirectoryUser, meetingId: string): Promise<{ meeting: Meeting; record: CaseRecord }> {
    const meeting = await this.repository.get(meetingId);
    if (!meeting) throw new DomainError("MEETING.NOT_FOUND");
    const record = await this.deps.cases.loadFor(actor, meeting.caseId);
    return { meeting, record };
  }

  /** Slots in the window when everyone whose calendar can be read is free (or working hours only). */
  async findSlots(actor: DirectoryUser, caseId: string, search: SlotSearch): Promise<SlotProposal> {
    const record = await this.deps.cases.loadFor(actor, caseId);
    const attendees = await this.attendees(record, search.jobbtorgUnit, search.specialistId, []);
    return this.booker.findSlots({
      mailbox: this.mailboxFor(search.jobbtorgUnit),
      attendees: attendees.filter((a) => a.role !== "extra" && a.role !== "mailbox").map((a) => a.address),
      window: search.window,
      durationMinutes: search.durationMinutes,
      notBefore: this.deps.clock.now(),
      workingHours: this.workingHours,
      limit: search.limit ?? 12,
    });
  }

  private checkTime(span: Interval): void {
    if (span.start.getTime() < this.deps.clock.now().getTime())
      throw new DomainError("MEETING.IN_PAST", { field: "startsAt" });
    if (!withinWorkingHours(span, this.workingHours)) {
      throw new DomainError("MEETING.OUTSIDE_WORKING_HOURS", {
        field: "startsAt",
        hours: `${this.workingHours.start}–${this.workingHours.end}`,
      });
    }
  }

  private async attendees(
    record: CaseRecord,
    unit: JobbtorgUnit,
    specialistId: string | undefined,
    extra: string[],
  ): Promise<Attendee[]> {
    const list: Attendee[] = [];
    const caseworker = await this.deps.directory.findUser(record.caseworkerId);
    if (caseworker?.email) list.push({ role: "caseworker", address: caseworker.email.toLowerCase() });
    list.push({ role: "mailbox", address: this.mailboxFor(unit).toLowerCase() });
    if (specialistId) {
      const specialist = (await this.specialists()).find((s) => s.id === specialistId);
      const user = specialist && (await this.deps.directory.findUser(specialist.id));
      if (user?.email) list.push({ role: "specialist", address: user.email.toLowerCase() });
    }
    if (extra.length > 0) {
      // Participants: e-mail addresses only, in an allowed domain or the directory (src/guard/personal-data.ts).
      const known = new Set(
        (await this.deps.directory.listUsers()).flatMap((u) => (u.email ? [u.email.toLowerCase()] : [])),
      );
      const policy = {
        allowedDomains: this.deps.config.MEETING_ALLOWED_DOMAINS ?? ["stockholm.se"],
        isDirectoryAddress: (address: string) => known.has(address),
      };
      for (const raw of extra) {
        const checked = checkParticipant(raw, policy);
        if (!checked.ok) {
          const code = participantErrors[checked.refusal];
          throw new DomainError(code, {
            field: "extraAttendees",
            ...(code === "MEETING.ADDRESS_PERSONNUMMER" ? {} : { address: raw.trim() }),
            domains: policy.allowedDomains.join(", "),
          });
        }
        list.push({ role: "extra", address: checked.address });
      }
    }
    // One invitation per address, whatever role asked for it first.
    return list.filter((a, i) => list.findIndex((b) => b.address === a.address) === i);
  }

  private invitation(meeting: Meeting, changes: Partial<MeetingInvitation> = {}): MeetingInvitation {
    return {
      meetingId: meeting.id,
      caseRef: meeting.caseRef,
      mailbox: meeting.mailbox,
      startsAt: meeting.startsAt,
      endsAt: meeting.endsAt,
      attendees: meeting.attendees,
      clientAttends: meeting.clientAttends,
      sequence: meeting.sequence,
      ...(meeting.externalId ? { externalId: meeting.externalId } : {}),
      ...changes,
    };
  }

  private async send(
    what: "book" | "reschedule" | "cancel",
    invitation: MeetingInvitation,
  ): Promise<BookingReceipt> {
    try {
      return await this.booker[what](invitation);
    } catch (error) {
      this.deps.log.error(
        {
          meetingId: invitation.meetingId,
          adapter: this.booker.kind,
          // Not the message: SMTP refusals quote addresses, and logs carry no personal data.
          err: {
            name: (error as Error).name,
            code: (error as { code?: unknown }).code,
            status:
              (error as { status?: unknown; responseCode?: unknown }).status ??
              (error as { responseCode?: unknown }).responseCode,
          },
        },
        `meeting ${what} failed`,
      );
      throw new DomainError("MEETING.DELIVERY_FAILED");
    }
  }

  /**
   * Records what was sent — the meeting's new state, its audit row and the event for its case and
   * reminder (MeetingBooked or MeetingCancelled) — in one transaction; then the effects run.
   */
  private async recordSent(
    meeting: Meeting,
    expected: { sequence: number; state: Meeting["state"] },
    changes: Parameters<MeetingRepository["update"]>[2],
    actorId: string,
    action: string,
  ): Promise<Meeting> {
    const at = this.deps.clock.now();
    const cancelled = changes.state === "cancelled" || expected.state === "cancelled";
    const startsAt = changes.startsAt ?? meeting.startsAt;
    const { ids } = await this.outbox.writeWith(async (trx) => {
      // Someone recorded it first (a slow click and the recovery of unsent bookings): nothing more.
      if (!(await this.repository.update(meeting.id, expected, changes, at, trx)))
        return { result: undefined, effects: [] };
      await this.deps.audit.record(
        { at, actor: actorId, action, caseRef: meeting.caseRef, detail: meeting.adapter },
        trx,
      );
      return {
        result: undefined,
        effects: effectsOf(
          [
            cancelled
              ? { type: "MeetingCancelled", caseId: meeting.caseId, meetingId: meeting.id }
              : {
                  type: "MeetingBooked",
                  caseId: meeting.caseId,
                  meetingId: meeting.id,
                  startsAt: startsAt.toISOString(),
                  actorId,
                },
          ],
          `meeting:${meeting.id}:${expected.sequence}:${changes.sequence ?? expected.sequence}:${action}`,
        ),
      };
    }, at);
    await this.deps.effects.runNow(ids);
    return (await this.repository.get(meeting.id))!;
  }

  /**
   * Books the case's flerpartsmöte; the same `meetingId` again returns the first booking, and a
   * case that already has one (booked by another card, or at the same moment) returns that one:
   * one invitation per case, whoever clicks.
   */
  async book(actor: DirectoryUser, caseId: string, input: BookingInput): Promise<Meeting> {
    const record = await this.deps.cases.loadFor(actor, caseId);
    const earlier = await this.repository.get(input.meetingId);
    if (earlier?.caseId === caseId) return earlier;
    const active = await this.repository.activeForCase(caseId);
    if (active) return active;
    if (record.state.closed) throw new DomainError("CASE.CLOSED");
    if (record.state.step !== "flerpartsmote") throw new DomainError("MEETING.WRONG_STEP");
    // The insats decides whom to meet: socialpsykiatri meets Alfa, LSS meets Iwork (type D either).
    const caseUnit = defaultJobbtorgUnit[record.type];
    if (record.type !== "D" && caseUnit && input.jobbtorgUnit !== caseUnit)
      throw new DomainError("CASE.JOBBTORG_UNIT_MISMATCH", { field: "jobbtorgUnit" });
    const span = {
      start: input.startsAt,
      end: new Date(input.startsAt.getTime() + input.durationMinutes * 60_000),
    };
    this.checkTime(span);
    const attendees = await this.attendees(
      record,
      input.jobbtorgUnit,
      input.specialistId,
      input.extraAttendees,
    );
    const draft = {
      id: input.meetingId,
      caseId,
      caseRef: record.caseRef,
      adapter: this.booker.kind,
      jobbtorgUnit: input.jobbtorgUnit,
      mailbox: this.mailboxFor(input.jobbtorgUnit),
      startsAt: span.start,
      endsAt: span.end,
      attendees,
      clientAttends: input.clientAttends,
      bookedBy: actor.id,
    };
    const now = this.deps.clock.now();
    if (!(await this.repository.insert(draft, now))) {
      const raced = await this.repository.get(input.meetingId);
      if (raced?.caseId === caseId) return raced;
      const winner = await this.repository.activeForCase(caseId);
      if (winner) return winner;
      throw new DomainError("MEETING.NOT_FOUND");
    }
    const meeting: Meeting = { ...draft, state: "booking", sequence: 0 };
    let receipt: BookingReceipt;
    try {
      receipt = await this.send("book", this.invitation(meeting));
    } catch (error) {
      await this.repository.removeUnsent(meeting.id);
      throw error;
    }
    return this.recordSent(
      meeting,
      { sequence: 0, state: "booking" },
      {
        state: "booked",
        externalId: receipt.externalId,
        deliveredTo: receipt.deliveredTo,
        joinUrl: receipt.joinUrl,
      },
      actor.id,
      "meeting.book",
    );
  }

  /**
   * A booking whose invitation went out but whose instance died before recording it stays in
   * `booking`, and its case could not be booked again. Once it is older than `olderThanMs` (the
   * lease: no click can still be on its way) the invitation is sent again — the iCalendar UID and
   * Graph's transactionId are the meeting's id, so calendars keep one event — and recorded as the
   * click would have. A send that fails is tried again on the next round.
   * @returns how many bookings were recorded.
   */
  async resumeUnsentBookings(olderThanMs: number): Promise<number> {
    const stuck = await this.repository.unsentBookings(this.deps.clock.now().getTime() - olderThanMs);
    let resumed = 0;
    for (const meeting of stuck) {
      let receipt: BookingReceipt;
      try {
        receipt = await this.send("book", this.invitation(meeting));
      } catch {
        continue;
      }
      await this.recordSent(
        meeting,
        { sequence: meeting.sequence, state: "booking" },
        {
          state: "booked",
          externalId: receipt.externalId,
          deliveredTo: receipt.deliveredTo,
          joinUrl: receipt.joinUrl,
        },
        meeting.bookedBy,
        "meeting.book",
      );
      resumed += 1;
    }
    return resumed;
  }

  /**
   * Once the decision rests on the meeting it can no longer be moved or cancelled here: checked
   * before anything is sent, so no invitation goes out that the case would refuse.
   */
  private checkChangeable(record: CaseRecord, meeting: Meeting): void {
    const onCase = record.state.meeting?.meetingId === meeting.id;
    if (onCase && record.state.step !== "kriterier" && record.state.step !== "beslut") {
      throw new DomainError("CASE.MEETING_NOT_CLEARABLE", { step: stepTitles[record.state.step] });
    }
  }

  /** Moves a booked meeting; a stale `expectedSequence` (a second click) changes nothing. */
  async reschedule(
    actor: DirectoryUser,
    meetingId: string,
    expectedSequence: number,
    startsAt: Date,
  ): Promise<{ meeting: Meeting; changed: boolean }> {
    const { meeting, record } = await this.loadFor(actor, meetingId);
    if (meeting.state === "cancelled") throw new DomainError("MEETING.CANCELLED");
    if (meeting.sequence !== expectedSequence || meeting.state !== "booked")
      return { meeting, changed: false };
    this.checkChangeable(record, meeting);
    const duration = meeting.endsAt.getTime() - meeting.startsAt.getTime();
    const span = { start: startsAt, end: new Date(startsAt.getTime() + duration) };
    this.checkTime(span);
    const sequence = meeting.sequence + 1;
    const claimed = await this.repository.update(
      meeting.id,
      { sequence: meeting.sequence, state: "booked" },
      { sequence, startsAt: span.start, endsAt: span.end },
      this.deps.clock.now(),
    );
    if (!claimed) return { meeting: (await this.repository.get(meetingId))!, changed: false };
    let receipt: BookingReceipt;
    try {
      receipt = await this.send(
        "reschedule",
        this.invitation(meeting, { sequence, startsAt: span.start, endsAt: span.end }),
      );
    } catch (error) {
      await this.repository.update(
        meeting.id,
        { sequence, state: "booked" },
        { sequence: meeting.sequence, startsAt: meeting.startsAt, endsAt: meeting.endsAt },
        this.deps.clock.now(),
      );
      throw error;
    }
    const moved = await this.recordSent(
      { ...meeting, startsAt: span.start, endsAt: span.end },
      { sequence, state: "booked" },
      { externalId: receipt.externalId, deliveredTo: receipt.deliveredTo, joinUrl: receipt.joinUrl },
      actor.id,
      "meeting.reschedule",
    );
    return { meeting: moved, changed: true };
  }

  /** Cancels a booked meeting: METHOD:CANCEL to everyone, the case back to booking, no reminder. */
  async cancel(
    actor: DirectoryUser,
    meetingId: string,
    expectedSequence: number,
  ): Promise<{ meeting: Meeting; changed: boolean }> {
    const { meeting, record } = await this.loadFor(actor, meetingId);
    if (meeting.state !== "booked" || meeting.sequence !== expectedSequence)
      return { meeting, changed: false };
    this.checkChangeable(record, meeting);
    const sequence = meeting.sequence + 1;
    const claimed = await this.repository.update(
      meeting.id,
      { sequence: meeting.sequence, state: "booked" },
      { sequence, state: "cancelled" },
      this.deps.clock.now(),
    );
    if (!claimed) return { meeting: (await this.repository.get(meetingId))!, changed: false };
    let receipt: BookingReceipt;
    try {
      receipt = await this.send("cancel", this.invitation(meeting, { sequence }));
    } catch (error) {
      await this.repository.update(
        meeting.id,
        { sequence, state: "cancelled" },
        { sequence: meeting.sequence, state: "booked" },
        this.deps.clock.now(),
      );
      throw error;
    }
    const cancelled = await this.recordSent(
      meeting,
      { sequence, state: "cancelled" },
      { deliveredTo: receipt.deliveredTo },
      actor.id,
      "meeting.cancel",
    );
    return { meeting: cancelled, changed: true };
  }
}
