import { z } from "zod";
import { defineCard } from "./render.js";
import bookTemplate from "./templates/meeting-book.json" with { type: "json" };
import detailTemplate from "./templates/meeting-detail.json" with { type: "json" };

const fact = z.object({ title: z.string(), value: z.string() });
const choice = z.object({ title: z.string(), value: z.string() });
const color = z.enum(["Default", "Good", "Warning", "Attention", "Accent"]).default("Default");
/** Input values and inline errors by input id; unknown ids bind as empty strings. */
const byField = (...ids: string[]) =>
  z.object(Object.fromEntries(ids.map((id) => [id, z.string().default("")]))).default({} as never);

const bookFields = [
  "durationMinutes",
  "windowFrom",
  "windowTo",
  "jobbtorgUnit",
  "specialistId",
  "extraAttendees",
  "clientAttends",
  "slot",
  "proposedOn",
  "proposedTime",
] as const;

/**
 * Booking a case's flerpartsmöte: duration, window, participants by role, whether the client
 * attends (yes/no only), then a free slot (Graph) or a proposed date and time (mail adapters).
 */
export const meetingBookCard = defineCard({
  name: "meeting-book",
  template: bookTemplate,
  schema: z.object({
    caseId: z.string(),
    draftId: z.string(),
    title: z.string(),
    facts: z.array(fact),
    notice: z.string().default(""),
    noticeColor: color,
    guidance: z.string(),
    proposeText: z.string(),
    freeBusy: z.boolean(),
    unitChoices: z.array(choice).min(1),
    specialistChoices: z.array(choice),
    slotChoices: z.array(choice),
    values: byField(...bookFields),
    errors: byField(...bookFields),
  }),
  sample: {
    caseId: "c-1",
    draftId: "d-1",
    title: "Boka flerpartsmöte – FA-2026-0142",
    facts: [
      { title: "Ärende", value: "FA-2026-0142" },
      { title: "Insats", value: "Alfa (socialpsykiatri)" },
    ],
    guidance: "Kallelsen går till deltagarna och Jobbtorgs funktionsbrevlåda.",
    proposeText: "Föreslå en tid inom arbetstid 08:00–17:00 på en arbetsdag.",
    freeBusy: true,
    unitChoices: [{ title: "Jobbtorg Alfa (alfa@stockholm.se)", value: "alfa" }],
    specialistChoices: [{ title: "Sara Arbetsspecialist (Alfa)", value: "b1" }],
    slotChoices: [{ title: "tisdag 2026-01-13 09:00–10:00", value: "2026-01-13T08:00:00.000Z" }],
    values: { durationMinutes: "60", windowFrom: "2026-01-12", windowTo: "2026-01-26", clientAttends: "ja" },
    errors: { extraAttendees: "inte en adress är ingen giltig e-postadress." },
  },
});

/** A booked (or cancelled) flerpartsmöte: time, roles, where the invitation went; move or cancel. */
export const meetingDetailCard = defineCard({
  name: "meeting-detail",
  template: detailTemplate,
  schema: z.object({
    meetingId: z.string(),
    caseId: z.string(),
    sequence: z.number().int(),
    title: z.string(),
    notice: z.string().default(""),
    noticeColor: color,
    facts: z.array(fact),
    deliveredTo: z.string().default(""),
    canChange: z.boolean(),
    values: byField("newOn", "newTime"),
    errors: byField("newOn", "newTime"),
  }),
  sample: {
    meetingId: "m-1",
    caseId: "c-1",
    sequence: 0,
    title: "Flerpartsmöte bokat – FA-2026-0142",
    notice: "Mötet är bokat.",
    noticeColor: "Good",
    facts: [
      { title: "Tid", value: "tisdag 2026-01-13 09:00–10:00" },
      { title: "Deltagare", value: "Handläggare, Jobbtorgs funktionsbrevlåda, Arbetsspecialist" },
      { title: "Den enskilde deltar", value: "Ja" },
    ],
    deliveredTo: "den lokala utkorgen (mappen outbox i datakatalogen)",
    canChange: true,
    values: {},
    errors: {},
  },
});
