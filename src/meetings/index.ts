import path from "node:path";
import type { Config } from "../config.js";
import type { MeetingBooker } from "./booker.js";
import { OutboxBooker, SmtpBooker } from "./mail-booker.js";

export * from "./booker.js";
export * from "./slots.js";
export { MeetingService, type BookingInput } from "./service.js";
export type { Meeting } from "./repository.js";

/** The adapter this deployment uses: SMTP when SMTP_URL is set, else the local outbox. */
export function meetingBookerFor(config: Config): MeetingBooker {
  if (config.SMTP_URL) return new SmtpBooker(config.SMTP_URL, config.MAIL_FROM);
  return new OutboxBooker(path.join(config.DATA_DIR, "outbox"), config.MAIL_FROM);
}
