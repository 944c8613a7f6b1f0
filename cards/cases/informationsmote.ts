/** Steg 2, Informationsmöte: the date it was held. */
import { z } from "zod";
import { defineCard, renderCard } from "../render.js";
import { base, fields, keep, pre, sampleHeader } from "./common.js";
import { caseKey, isoDate } from "./inputs.js";
import { defineStepCard } from "./step-card.js";
import informationsmoteTemplate from "../templates/case-informationsmote.json" with { type: "json" };

export const caseInformationMeetingCard = defineCard({
  name: "case-informationsmote",
  template: informationsmoteTemplate,
  schema: z.object({ ...base, values: fields("heldOn", ...pre), errors: fields("heldOn", ...pre) }),
  sample: { header: sampleHeader, caseId: "c-1", v: 1, values: { heldOn: "2026-03-02" }, errors: {} },
});

export const informationsmoteCard = defineStepCard({
  step: "informationsmote",
  bind(context, common) {
    const { today } = context;
    const errors = context.errors ?? {};
    const withdrawDefaults = { withdrawnOn: today };
    return renderCard(caseInformationMeetingCard, {
      ...common,
      values: keep(context, { heldOn: today, ...withdrawDefaults }),
      errors,
    });
  },
  submit: {
    schema: z.object({ ...caseKey, heldOn: isoDate }).loose(),
    toCommand: (data) => ({ kind: "informationMeeting", heldOn: data.heldOn }),
    done: () => "Informationsmötet är registrerat.",
  },
});
