import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
} from "ical-generator";
import { DateTime } from "luxon";
import type Mail from "nodemailer/lib/mailer/index.js";
import { tzlib_get_ical_block } from "timezones-ical-library";
import { stockholmDate } from "../deadlines/index.js";
import { maskPersonalData } from "../guard/personal-data.js";
import type { AttendeeRole, MeetingInvitation } from "./booker.js";

export const meetingTimeZone = "Europe/Stockholm";

/** Swedish labels for attendee roles: what the invitation says instead of names. */
export const roleLabels: Record<AttendeeRole, string> = {
  caseworker: "Handläggare",
  mailbox: "Jobbtorgs funktionsbrevlåda",
  specialist: "Arbetsspecialist",
  extra: "Övrig deltagare",
};

export type InvitationMethod = "REQUEST" | "CANCEL";

const timeFormat = new Intl.DateTimeFormat("sv-SE", {
  timeZone: meetingTimeZone,
  hour: "2-digit",
  minute: "2-digit",
});
const weekdayFormat = new Intl.DateTimeFormat("sv-SE", { timeZone: meetingTimeZone, weekday: "long" });

/** "tisdag 2026-01-13 09:00–10:00" in Stockholm time. */
export function meetingTimeText(startsAt: Date, endsAt: Date): string {
  return `${weekdayFormat.format(startsAt)} ${stockholmDate(startsAt)} ${timeFormat.format(startsAt)}–${timeFormat.format(endsAt)}`;
}

/** The iCalendar UID: stable for the meeting, so a move or cancel replaces the same event. */
export function meetingUid(meetingId: string): string {
  return `${meetingId}@insatsguiden`;
}

export function subjectFor(invitation: MeetingInvitation, method: InvitationMethod): string {
  const caseRef = maskPersonalData(invitation.caseRef);
  const subject = `Flerpartsmöte, ärende ${caseRef}`;
  return method === "CANCEL" ? `Inställt: ${subject}` : subject;
}

/** The message text: the case reference, the time and who takes part by role — no names. */
export function bodyFor(invitation: MeetingInvitation, method: InvitationMethod): string {
  const roles = invitation.attendees.map((a) => `- ${roleLabels[a.role]}: ${a.address}`);
  if (invitation.clientAttends) roles.push("- Den enskilde deltar");
  // A reference kept before the guard (src/guard/personal-data.ts) existed never reaches a mailbox.
  const caseRef = maskPersonalData(invitation.caseRef);
  return [
    method === "CANCEL"
      ? `Flerpartsmötet i ärende ${caseRef} är inställt.`
      : `Välkommen till flerpartsmöte i ärende ${caseRef}.`,
    "",
    `Tid: ${meetingTimeText(invitation.startsAt, invitation.endsAt)} (svensk tid)`,
    "",
    "Deltagare:",
    ...roles,
    "",
    "Skickat av Insatsguiden.",
  ].join("\n");
}

/**
 * The VTIMEZONE block (timezones-ical-library). The library files Stockholm under its alias
 * Europe/Berlin (the same rules since 1980); the TZID must be the one the event names.
 */
function vtimezone(zone: string): string | null {
  const block = tzlib_get_ical_block(zone);
  const text = (Array.isArray(block) ? block[0] : block) ?? null;
  return text && text.replace(/^(TZID|X-LIC-LOCATION):.*$/gm, `$1:${zone}`);
}

/** DTSTAMP in UTC as RFC 5545 §3.8.7.2 requires (ical-generator writes it in the calendar's zone). */
function utcStamp(instant: Date): string {
  return instant
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/**
 * An RFC 5545 calendar with one event and RFC 5546 `METHOD:REQUEST` (a new or moved meeting,
 * SEQUENCE counts the revisions) or `METHOD:CANCEL` (STATUS:CANCELLED, same UID). Times are
 * local Stockholm times with a VTIMEZONE, so clients keep them right across DST changes.
 */
export function icsFor(invitation: MeetingInvitation, method: InvitationMethod, organizer: string): string {
  const calendar = ical({
    prodId: { company: "Stockholms stad", product: "Insatsguiden", language: "SV" },
    method: method === "CANCEL" ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
    timezone: { name: meetingTimeZone, generator: vtimezone },
  });
  calendar.createEvent({
    id: meetingUid(invitation.meetingId),
    sequence: invitation.sequence,
    // luxon values: ical-generator converts them to the event's zone (a Date would use the host's).
    start: DateTime.fromJSDate(invitation.startsAt, { zone: meetingTimeZone }),
    end: DateTime.fromJSDate(invitation.endsAt, { zone: meetingTimeZone }),
    timezone: meetingTimeZone,
    summary: subjectFor(invitation, method),
    description: bodyFor(invitation, method),
    organizer: { name: "Insatsguiden", email: organizer },
    status: method === "CANCEL" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    attendees: invitation.attendees.map((attendee) => ({
      email: attendee.address,
      name: roleLabels[attendee.role],
      role: ICalAttendeeRole.REQ,
      status: ICalAttendeeStatus.NEEDSACTION,
      rsvp: method === "REQUEST",
    })),
  });
  return calendar.toString().replace(/^DTSTAMP:.*$/m, `DTSTAMP:${utcStamp(new Date())}`);
}

/** The e-mail (nodemailer options) carrying the invitation as text/calendar, for SMTP and the outbox. */
export function mailFor(
  invitation: MeetingInvitation,
  method: InvitationMethod,
  from: string,
): Mail.Options & { ics: string } {
  const ics = icsFor(invitation, method, from);
  return {
    from,
    to: invitation.attendees.map((a) => a.address),
    subject: subjectFor(invitation, method),
    text: bodyFor(invitation, method),
    icalEvent: { method, filename: method === "CANCEL" ? "cancel.ics" : "invite.ics", content: ics },
    ics,
  };
}
