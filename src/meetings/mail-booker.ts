import fs from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import type { Transporter } from "nodemailer";
import type {
  BookingReceipt,
  MeetingBooker,
  MeetingInvitation,
  SlotProposal,
  SlotRequest,
} from "./booker.js";
import { mailFor, type InvitationMethod } from "./invitation.js";
import { freeSlots } from "./slots.js";

/**
 * What the mail adapters share: no calendars to read, so the slots offered are just working
 * hours (the card lets the caseworker propose a time), and booking sends an iCalendar invitation.
 */
abstract class MailBooker implements MeetingBooker {
  abstract readonly kind: "smtp" | "outbox";
  readonly freeBusy = false;

  constructor(protected readonly from: string) {}

  async findSlots(request: SlotRequest): Promise<SlotProposal> {
    const slots = freeSlots({
      window: request.window,
      durationMinutes: request.durationMinutes,
      busy: [],
      workingHours: request.workingHours,
      notBefore: request.notBefore,
      ...(request.limit ? { limit: request.limit } : {}),
    });
    return { slots, unreadable: [] };
  }

  book(invitation: MeetingInvitation): Promise<BookingReceipt> {
    return this.deliver(invitation, "REQUEST");
  }

  /** RFC 5546: a moved meeting is a new REQUEST for the same UID with a higher SEQUENCE. */
  reschedule(invitation: MeetingInvitation): Promise<BookingReceipt> {
    return this.deliver(invitation, "REQUEST");
  }

  cancel(invitation: MeetingInvitation): Promise<BookingReceipt> {
    return this.deliver(invitation, "CANCEL");
  }

  protected abstract deliver(
    invitation: MeetingInvitation,
    method: InvitationMethod,
  ): Promise<BookingReceipt>;
}

/**
 * The embedded default: the message that SMTP would send, written as an `.eml` (with the `.ics`
 * beside it) to `DATA_DIR/outbox/`, so the whole flow can be seen without a mail server.
 */
export class OutboxBooker extends MailBooker {
  readonly kind = "outbox";
  private readonly composer: Transporter;

  constructor(
    readonly directory: string,
    from: string,
  ) {
    super(from);
    this.composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  }

  protected async deliver(invitation: MeetingInvitation, method: InvitationMethod): Promise<BookingReceipt> {
    const { ics, ...mail } = mailFor(invitation, method, this.from);
    const info = (await this.composer.sendMail(mail)) as { message: Buffer };
    await fs.mkdir(this.directory, { recursive: true });
    const stamp = new Date().toISOString().replace(/[-:.]/g, "");
    const base = path.join(
      this.directory,
      `${stamp}-${invitation.meetingId}-${invitation.sequence}-${method.toLowerCase()}`,
    );
    await fs.writeFile(`${base}.eml`, info.message);
    await fs.writeFile(`${base}.ics`, ics);
    return { deliveredTo: `den lokala utkorgen: ${base}.eml` };
  }
}

/** Sends the invitation through an SMTP server (`SMTP_URL`, `MAIL_FROM`). */
export class SmtpBooker extends MailBooker {
  readonly kind = "smtp";
  private readonly transport: Transporter;

  constructor(smtpUrl: string, from: string) {
    super(from);
    this.transport = nodemailer.createTransport(smtpUrl);
  }

  protected async deliver(invitation: MeetingInvitation, method: InvitationMethod): Promise<BookingReceipt> {
    const { ics: _ics, ...mail } = mailFor(invitation, method, this.from);
    await this.transport.sendMail(mail);
    return { deliveredTo: `e-post till ${invitation.attendees.map((a) => a.address).join(", ")}` };
  }

  close(): void {
    this.transport.close();
  }
}
