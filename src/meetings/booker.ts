import type { DateWindow, Interval, WorkingHours } from "./slots.js";

/** Why a person is invited; the store and the invitation keep roles and addresses, never names. */
export const attendeeRoles = ["caseworker", "mailbox", "specialist", "extra"] as const;
export type AttendeeRole = (typeof attendeeRoles)[number];

export interface Attendee {
  role: AttendeeRole;
  address: string;
}

/** One multi-party meeting as every adapter sends it. */
export interface MeetingInvitation {
  /** Our id; also the iCalendar UID's stem, so a cancel or a move updates the same event. */
  meetingId: string;
  caseRef: string;
  /** The functional mailbox that owns the meeting (organizer). */
  mailbox: string;
  startsAt: Date;
  endsAt: Date;
  attendees: Attendee[];
  /** The client attends in person; no address is ever needed or kept. */
  clientAttends: boolean;
  /** RFC 5546 revision: 0 when booked, +1 on every move or cancel. */
  sequence: number;
  /** The adapter's own id from an earlier booking (the Graph event id). */
  externalId?: string;
}

/** Where the invitation went, for the confirmation card (Swedish), and the adapter's id. */
export interface BookingReceipt {
  externalId?: string;
  deliveredTo: string;
  joinUrl?: string;
}

export interface SlotRequest {
  mailbox: string;
  /** Internal addresses whose calendars count (external ones cannot be asked). */
  attendees: string[];
  window: DateWindow;
  durationMinutes: number;
  notBefore: Date;
  workingHours: WorkingHours;
  limit?: number;
}

/** Proposed slots, and the calendars that could not be read (the slots do not account for them). */
export interface SlotProposal {
  slots: Interval[];
  unreadable: string[];
}

/**
 * The port every booking adapter implements (Microsoft Graph, SMTP, the local outbox).
 * @remarks `freeBusy` is false when the adapter cannot see calendars: the card then lets the
 * caseworker propose a time, and `findSlots` only offers working-hour slots as suggestions.
 */
export interface MeetingBooker {
  readonly kind: "graph" | "smtp" | "outbox";
  readonly freeBusy: boolean;
  findSlots(request: SlotRequest): Promise<SlotProposal>;
  book(invitation: MeetingInvitation): Promise<BookingReceipt>;
  reschedule(invitation: MeetingInvitation): Promise<BookingReceipt>;
  cancel(invitation: MeetingInvitation): Promise<BookingReceipt>;
}
