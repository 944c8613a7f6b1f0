/**
 * Stable error codes. The domain returns these; only bot/ turns them into Swedish text
 * (bot/error-messages.ts). Add a code here and its message there — a test checks both.
 */
export const errorCodes = [
  "USER.UNKNOWN",
  "USER.FORBIDDEN",
  "ACTION.UNKNOWN_VERB",
  "ACTION.INVALID_DATA",
  "ACTION.ALREADY_DONE",
  "INTERNAL",
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
