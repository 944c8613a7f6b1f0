/** Steg 5, Flerpartsmöte med Jobbtorg: the date (booking through the bot is cards/meetings.ts). */
import { z } from "zod";
import { defineCard, renderCard } from "../render.js";
import { base, fields, keep, pre, sampleHeader } from "./common.js";
import { caseKey, isoDate } from "./inputs.js";
import { defineStepCard } from "./step-card.js";
import flerpartsmoteTemplate from "../templates/case-flerpartsmote.json" with { type: "json" };

export const caseMeetingCard = defineCard({
  name: "case-flerpartsmote",
  template: flerpartsmoteTemplate,
  schema: z.object({
    ...base,
    /** The functional mailbox of the case's Jobbtorg unit (MEETING_MAILBOX_ALFA / _IWORK), if set. */
    mailbox: z.string().default(""),
    values: fields("meetingOn", ...pre),
    errors: fields("meetingOn", ...pre),
  }),
  sample: { header: sampleHeader, caseId: "c-1", v: 4, mailbox: "alfa@stockholm.se", values: {}, errors: {} },
});

export const flerpartsmoteCard = defineStepCard({
  step: "flerpartsmote",
  bind(context, common) {
    const { today } = context;
    const errors = context.errors ?? {};
    const withdrawDefaults = { withdrawnOn: today };
    return renderCard(caseMeetingCard, {
      ...common,
      mailbox: context.meetingMailbox ?? "",
      values: keep(context, { meetingOn: "", ...withdrawDefaults }),
      errors,
    });
  },
  submit: {
    schema: z.object({ ...caseKey, meetingOn: isoDate }).loose(),
    fields: { on: "meetingOn" },
    toCommand: (data) => ({ kind: "meeting", on: data.meetingOn }),
    done: (record) => `Flerpartsmötet ${record.state.meeting?.on ?? ""} är registrerat.`,
  },
});
