import { pino, type Logger } from "pino";

export type { Logger };

/**
 * The one logger factory. Log lines carry ids, verbs and outcomes only: message text, card
 * input and display names are redacted so no personal data reaches the log even by mistake.
 */
export function createLogger(level: string = "info", destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: "insatsguiden" },
      redact: {
        paths: ["text", "value", "name", "*.text", "*.value", "*.name", "activity", "*.activity", "req.body"],
        censor: "[dold]",
      },
    },
    destination,
  );
}

/** A logger that drops everything, for tests and CLI commands that print JSON. */
export const silentLogger: Logger = pino({ level: "silent" });
