import { pino, type Logger } from "pino";

export type { Logger };

/** Keys whose values are personal or free text, wherever they appear in a log object. */
const personalKeys = new Set([
  "text",
  "value",
  "name",
  "displayName",
  "email",
  "address",
  "activity",
  "body",
  "attendees",
]);
/** What an error may show: what kind of failure, never its message (SMTP and HTTP errors quote addresses). */
const errorKeys = new Set(["name", "type", "code", "status", "statusCode"]);
const censor = "[dold]";

function redactValue(value: unknown, depth: number): unknown {
  if (depth > 4 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  if (value instanceof Error) return redactError(value);
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] = personalKeys.has(key)
      ? censor
      : key === "err"
        ? redactError(inner)
        : redactValue(inner, depth + 1);
  }
  return out;
}

function redactError(err: unknown): unknown {
  if (err === null || typeof err !== "object") return err;
  const source = err as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of errorKeys) {
    const inner = source[key];
    if (typeof inner === "string" || typeof inner === "number") out[key] = inner;
  }
  if (err instanceof Error) out.name = err.name;
  return out;
}

/**
 * Hides personal fields (text, card input, names, addresses) at any depth, but keeps an error's
 * name and code: pino's path redaction `*.name` hid `err.name` too, so every error read "[dold]".
 */
export function redactPersonal(object: Record<string, unknown>): Record<string, unknown> {
  return redactValue(object, 0) as Record<string, unknown>;
}

/**
 * The one logger factory. Log lines carry ids, verbs and outcomes only: message text, card
 * input and display names are redacted so no personal data reaches the log even by mistake.
 */
export function createLogger(level: string = "info", destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: "insatsguiden" },
      formatters: { log: redactPersonal },
    },
    destination,
  );
}

/** A logger that drops everything, for tests and CLI commands that print JSON. */
export const silentLogger: Logger = pino({ level: "silent" });
