/**
 * Steg 11, Avslut (and a closed case's summary); and "Ansökan återkallad", which every card
 * before the decision offers (src/domain/steps/avslut.ts).
 */
import { z } from "zod";
import { closeReasons, type CloseReason } from "../../src/domain/case.js";
import { closeReasonTexts } from "../../src/domain/steps/avslut.js";
import { defineCard, renderCard } from "../render.js";
import { base, choice, fields, keep, sampleHeader } from "./common.js";
import { caseKey, choiceMessage, flag, isoDate } from "./inputs.js";
import { defineStepCard, type StepSubmit } from "./step-card.js";
import avslutTemplate from "../templates/case-avslut.json" with { type: "json" };

export const caseClosingCard = defineCard({
  name: "case-avslut",
  template: avslutTemplate,
  schema: z.object({
    ...base,
    closed: z.boolean(),
    reasonChoices: z.array(choice),
    values: fields("reason", "closingMeetingHeld", "closedOn"),
    errors: fields("reason", "closingMeetingHeld", "closedOn"),
  }),
  sample: {
    header: sampleHeader,
    caseId: "c-1",
    v: 10,
    closed: false,
    reasonChoices: [{ title: "Behovet finns inte längre", value: "behov-upphort" }],
    values: {},
    errors: {},
  },
});

export const avslutCard = defineStepCard({
  step: "avslut",
  bind(context, common) {
    const { record, today } = context;
    const { state } = record;
    const errors = context.errors ?? {};
    const rejected = state.decision?.outcome === "avslag";
    const reasons = (Object.keys(closeReasonTexts) as CloseReason[]).filter((reason) =>
      rejected ? reason === "avslag" : reason !== "avslag" && reason !== "ansokan-aterkallad",
    );
    const closedNotice = state.closed
      ? {
          text: `Ärendet avslutades ${state.closed.on}: ${closeReasonTexts[state.closed.reason].toLowerCase()}.`,
          color: "Default" as const,
        }
      : undefined;
    return renderCard(caseClosingCard, {
      ...common,
      header: {
        ...common.header,
        ...(context.notice || !closedNotice
          ? {}
          : { notice: closedNotice.text, noticeColor: closedNotice.color }),
      },
      closed: state.closed !== undefined,
      reasonChoices: reasons.map((value) => ({ title: closeReasonTexts[value], value })),
      values: keep(context, {
        reason: rejected ? "avslag" : "",
        closingMeetingHeld: "false",
        closedOn: today,
      }),
      errors,
    });
  },
  submit: {
    schema: z
      .object({
        ...caseKey,
        reason: z.enum(closeReasons, { error: choiceMessage }),
        closingMeetingHeld: flag,
        closedOn: isoDate,
      })
      .loose(),
    toCommand: (data) => ({
      kind: "close",
      closedOn: data.closedOn,
      reason: data.reason,
      closingMeetingHeld: data.closingMeetingHeld,
    }),
    done: () => "Ärendet är avslutat. Inga fler påminnelser skickas.",
  },
});

const withdrawSchema = z.object({ ...caseKey, withdrawnOn: isoDate }).loose();

/** "Ansökan återkallad" (verb case.withdraw) on the cards before the decision. */
export const withdrawSubmit: StepSubmit<typeof withdrawSchema> = {
  schema: withdrawSchema,
  fields: { on: "withdrawnOn" },
  toCommand: (data) => ({ kind: "withdraw", on: data.withdrawnOn }),
  done: () => "Registrerat att ansökan återkallats. Ärendet är avslutat.",
};
