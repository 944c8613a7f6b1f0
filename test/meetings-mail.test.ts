import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ICAL from "ical.js";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MeetingInvitation } from "../src/meetings/booker.js";
import { OutboxBooker, SmtpBooker } from "../src/meetings/mail-booker.js";

/** Friday before the spring DST change (CET) and Monday after it (CEST), 09:00–10:00 Stockholm. */
const beforeDst = { startsAt: new Date("2026-03-27T08:00:00Z"), endsAt: new Date("2026-03-27T09:00:00Z") };
const afterDst = { startsAt: new Date("2026-03-30T07:00:00Z"), endsAt: new Date("2026-03-30T08:00:00Z") };

function invitation(overrides: Partial<MeetingInvitation> = {}): MeetingInvitation {
  return {
    meetingId: "6f1c2a8e-0000-4000-8000-000000000001",
    caseRef: "FA-2026-0142",
    mailbox: "alfa@stockholm.se",
    ...beforeDst,
    attendees: [
      { role: "caseworker", address: "anna.handlaggare@stockholm.se" },
      { role: "mailbox", address: "alfa@stockholm.se" },
      { role: "extra", address: "extern@example.org" },
    ],
    clientAttends: true,
    sequence: 0,
    ...overrides,
  };
}

/** The VEVENT of an .ics, with the calendar's METHOD, parsed by ical.js (times resolved via its VTIMEZONE). */
function parseIcs(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
  for (const zone of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(zone);
  const vevent = calendar.getFirstSubcomponent("vevent")!;
  const event = new ICAL.Event(vevent);
  return {
    method: calendar.getFirstPropertyValue("method"),
    zones: calendar.getAllSubcomponents("vtimezone").map((z) => z.getFirstPropertyValue("tzid")),
    uid: event.uid,
    sequence: event.sequence,
    status: vevent.getFirstPropertyValue("status"),
    start: event.startDate.toJSDate().toISOString(),
    end: event.endDate.toJSDate().toISOString(),
    startTzid: vevent.getFirstProperty("dtstart")!.getParameter("tzid"),
    attendees: event.attendees.map((a) => String(a.getFirstValue()).toLowerCase()),
    summary: event.summary,
  };
}

function calendarPart(mail: ParsedMail): string {
  const part = mail.attachments.find((a) => a.contentType === "text/calendar");
  if (!part) throw new Error("no text/calendar part");
  return part.content.toString("utf8");
}

describe("the local outbox adapter", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "insatsguiden-outbox-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("writes an .eml with a METHOD:REQUEST invitation and the .ics beside it, then a METHOD:CANCEL", async () => {
    const outbox = new OutboxBooker(dir, "insatsguiden@stockholm.se");
    expect(outbox.freeBusy).toBe(false);
    const booked = await outbox.book(invitation());
    expect(booked.deliveredTo).toContain(dir);
    const emlPath = booked.deliveredTo.slice(booked.deliveredTo.indexOf(dir));
    const mail = await simpleParser(fs.readFileSync(emlPath));
    expect(mail.subject).toBe("Flerpartsmöte, ärende FA-2026-0142");
    expect(mail.text).toContain("FA-2026-0142");
    expect(mail.text).toContain("fredag 2026-03-27 09:00–10:00");
    expect(mail.text).toContain("Jobbtorgs funktionsbrevlåda: alfa@stockholm.se");
    expect(mail.text).toContain("Den enskilde deltar");
    const request = parseIcs(calendarPart(mail));
    expect(fs.readFileSync(emlPath.replace(/\.eml$/, ".ics"), "utf8")).toContain("METHOD:REQUEST");
    expect(request).toMatchObject({
      method: "REQUEST",
      zones: ["Europe/Stockholm"],
      uid: "6f1c2a8e-0000-4000-8000-000000000001@insatsguiden",
      sequence: 0,
      status: "CONFIRMED",
      start: "2026-03-27T08:00:00.000Z",
      end: "2026-03-27T09:00:00.000Z",
      startTzid: "Europe/Stockholm",
    });
    expect(request.attendees).toEqual([
      "mailto:anna.handlaggare@stockholm.se",
      "mailto:alfa@stockholm.se",
      "mailto:extern@example.org",
    ]);

    const cancelled = await outbox.cancel(invitation({ sequence: 1 }));
    const cancelMail = await simpleParser(
      fs.readFileSync(cancelled.deliveredTo.slice(cancelled.deliveredTo.indexOf(dir))),
    );
    expect(cancelMail.subject).toBe("Inställt: Flerpartsmöte, ärende FA-2026-0142");
    expect(parseIcs(calendarPart(cancelMail))).toMatchObject({
      method: "CANCEL",
      uid: "6f1c2a8e-0000-4000-8000-000000000001@insatsguiden",
      sequence: 1,
      status: "CANCELLED",
    });
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".eml"))).toHaveLength(2);
  });

  it("offers working-hour slots only (no free/busy)", async () => {
    const outbox = new OutboxBooker(dir, "insatsguiden@stockholm.se");
    const { slots, unreadable } = await outbox.findSlots({
      mailbox: "alfa@stockholm.se",
      attendees: [],
      window: { from: "2026-01-13", to: "2026-01-13" },
      durationMinutes: 60,
      notBefore: new Date("2026-01-01T00:00:00Z"),
      workingHours: { start: "08:00", end: "17:00" },
      limit: 2,
    });
    expect(slots.map((s) => s.start.toISOString())).toEqual([
      "2026-01-13T07:00:00.000Z",
      "2026-01-13T07:30:00.000Z",
    ]);
    expect(unreadable).toEqual([]);
  });
});

describe("the SMTP adapter against a real SMTP server", () => {
  const received: { envelopeTo: string[]; mail: ParsedMail }[] = [];
  let server: SMTPServer;
  let port = 0;

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onData(stream, session, callback) {
        simpleParser(stream)
          .then((mail) => {
            received.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), mail });
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.server.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("delivers REQUEST, a moved REQUEST across the DST change, and CANCEL that parse to the right instants", async () => {
    const smtp = new SmtpBooker(`smtp://127.0.0.1:${port}`, "insatsguiden@stockholm.se");
    try {
      const booked = await smtp.book(invitation());
      expect(booked.deliveredTo).toContain("alfa@stockholm.se");
      await smtp.reschedule(invitation({ ...afterDst, sequence: 1 }));
      await smtp.cancel(invitation({ ...afterDst, sequence: 2 }));
    } finally {
      smtp.close();
    }
    expect(received).toHaveLength(3);
    expect(received[0]!.envelopeTo).toEqual([
      "anna.handlaggare@stockholm.se",
      "alfa@stockholm.se",
      "extern@example.org",
    ]);
    const [request, moved, cancel] = received.map((r) => parseIcs(calendarPart(r.mail)));
    // 09:00 Stockholm is 08:00Z in CET and 07:00Z in CEST: the VTIMEZONE carries the change.
    expect(request).toMatchObject({ method: "REQUEST", sequence: 0, start: "2026-03-27T08:00:00.000Z" });
    expect(moved).toMatchObject({ method: "REQUEST", sequence: 1, start: "2026-03-30T07:00:00.000Z" });
    expect(moved!.end).toBe("2026-03-30T08:00:00.000Z");
    expect(cancel).toMatchObject({ method: "CANCEL", sequence: 2, status: "CANCELLED" });
    expect(new Set([request!.uid, moved!.uid, cancel!.uid]).size).toBe(1);
    const calendarHeader = received[0]!.mail.attachments.find((a) => a.contentType === "text/calendar");
    expect(calendarHeader?.contentType).toBe("text/calendar");
    expect(received[0]!.mail.text).not.toMatch(/\d{6}[-+]?\d{4}/); // no personnummer-like text
  });
});
