/**
 * Stable error codes. The domain returns these; only bot/ turns them into Swedish text
 * (bot/error-messages.ts). Add a code here and its message there — a test checks both.
 */
export const errorCodes = [
  "USER.UNKNOWN",
  "USER.FORBIDDEN",
  "DIRECTORY.UNAVAILABLE",
  // handing work over
  "HANDOVER.NOT_A_LEADER",
  "HANDOVER.TARGET_INVALID",
  "HANDOVER.SAME_PERSON",
  "HANDOVER.NOTHING_TO_MOVE",
  "ACTION.UNKNOWN_VERB",
  "ACTION.INVALID_DATA",
  "ACTION.ALREADY_DONE",
  // reminders
  "REMINDER.NOT_FOUND",
  "CHANNEL.TEAM_ONLY",
  "CHANNEL.UNIT_REQUIRED",
  "INTERNAL",
  // cases
  "CASE.NOT_FOUND",
  "CASE.CLOSED",
  "CASE.WRONG_STEP",
  "CASE.STEP_NOT_FOR_TYPE",
  "CASE.DATE_INVALID",
  "CASE.DATE_IN_FUTURE",
  "CASE.DATE_TOO_EARLY",
  "CASE.AGE_OUT_OF_RANGE",
  "CASE.FIELD_REQUIRED",
  "CASE.DUR_WORK_AREA_REQUIRED",
  "CASE.DUR_NEEDS_PURPOSE_GOALS",
  "CASE.MEETING_NOT_FOUND",
  "CASE.MEETING_NOT_CLEARABLE",
  "CASE.SPECIALIST_ASSESSMENT_REQUIRED",
  "CASE.CRITERIA_CONTRADICTION",
  "CASE.CRITERIA_CONTRADICT_RULES",
  "CASE.TARGET_GROUP_CONTRADICT_RULES",
  "CASE.OUTCOME_NOT_FOR_TYPE",
  "CASE.GRANT_REQUIRES_TARGET_GROUP",
  "CASE.GRANT_REQUIRES_CRITERIA",
  "CASE.PERIOD_INVALID",
  "CASE.PERIOD_INSTEG",
  "CASE.PERIOD_NEEDS_SPECIAL_REASON",
  "CASE.INTERVAL_INVALID",
  "CASE.JOBBTORG_UNIT_MISMATCH",
  "CASE.FOLLOW_UP_CHECKLIST_INCOMPLETE",
  "CASE.DECISION_PERIOD_ENDED",
  "CASE.CLOSE_REASON_INVALID",
  "CASE.REF_PERSONNUMMER",
  "CASE.REF_FORMAT",
  "CASE.REF_TAKEN",
  "CASE.INSATS_NOT_FOR_UNIT",
  "CASE.NOT_A_CASEWORKER",
  "CASE.PERSONAL_CHAT_ONLY",
  "CASE.FOLLOW_UP_NEEDS_CHECKLIST",
  // orders
  "ORDER.NOT_FOUND",
  "ORDER.NOT_YOURS",
  "ORDER.NOT_A_SPECIALIST",
  "ORDER.CLOSED",
  "ORDER.ASSIGNEE_INVALID",
  "ORDER.WRONG_STATE",
  "ORDER.NOT_ASSIGNED",
  "ORDER.DATE_IN_FUTURE",
  "ORDER.DATE_BEFORE_ORDER",
  "ORDER.LEADERS_ONLY",
  "ORDER.PERSONAL_CHAT_ONLY",
  // rules
  "RULES.QUESTION_PERSONNUMMER",
  "RULES.PERSONAL_CHAT_ONLY",
  // meetings
  "MEETING.NOT_FOUND",
  "MEETING.WRONG_STEP",
  "MEETING.ALREADY_BOOKED",
  "MEETING.CANCELLED",
  "MEETING.OUTSIDE_WORKING_HOURS",
  "MEETING.IN_PAST",
  "MEETING.SLOT_REQUIRED",
  "MEETING.MAILBOX_NOT_CONFIGURED",
  "MEETING.ADDRESS_INVALID",
  "MEETING.ADDRESS_PERSONNUMMER",
  "MEETING.ADDRESS_DOMAIN",
  "MEETING.DELIVERY_FAILED",
  "MEETING.CASE_REF_REQUIRED",
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** A failure the user can act on; carries a stable code and optional details for the message. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details: Readonly<Record<string, string | number>> = {},
  ) {
    super(code);
    this.name = "DomainError";
  }
}

export type Result<T, E = DomainError> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const fail = <E>(error: E): Result<never, E> => ({ ok: false, error });
