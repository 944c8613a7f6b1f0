/**
 * Steg 9, Genomförandeplan mottagen och granskad: received, and whether it matches the order; if
 * not, the completion request to send.
 */
import { z } from "zod";
import type { CaseRecord } from "../../src/cases/repository.js";
import { gpRuleText } from "../../src/deadlines/index.js";
import { currentOrder } from "../../src/domain/case.js";
import { defineCard, renderCard } from "../render.js";
import { base, choice, fields, keep, sampleHeader } from "./common.js";
import { caseKey, isoDate, yesNoInput } from "./inputs.js";
import { defineStepCard } from "./step-card.js";
import genomforandeplanTemplate from "../templates/case-genomforandeplan.json" with { type: "json" };

export const caseImplementationPlanCard = defineCard({
  name: "case-genomforandeplan",
  template: genomforandeplanTemplate,
  schema: z.object({
    ...base,
    completionRequest: z.string().default(""),
    matchChoices: z.array(choice),
    values: fields("receivedOn", "matchesOrder"),
    errors: fields("receivedOn", "matchesOrder"),
  }),
  sample: {
    header: sampleHeader,
    caseId: "c-1",
    v: 8,
    completionRequest: "Begäran om komplettering",
    matchChoices: [{ title: "Ja", value: "ja" }],
    values: {},
    errors: {},
  },
});

function completionRequest(record: CaseRecord): string {
  const order = currentOrder(record.state);
  const requested = order?.completionRequestedOn.at(-1);
  if (!order || !requested) return "";
  return [
    "Begäran om komplettering av genomförandeplan",
    `Ärende: ${record.caseRef}`,
    `Beställningen skickades ${order.orderedOn}.`,
    `Genomförandeplanen som kom in ${requested} stämmer inte överens med beställningen. ` +
      "Komplettera planen så att den motsvarar beställningen och skicka den till handläggaren.",
    `Fristen för planen är ${order.gpDueOn} (${gpRuleText(order.gpRule)}).`,
  ].join("\n");
}

export const genomforandeplanCard = defineStepCard({
  step: "genomforandeplan",
  bind(context, common) {
    const { record, today } = context;
    const errors = context.errors ?? {};
    return renderCard(caseImplementationPlanCard, {
      ...common,
      completionRequest: completionRequest(record),
      matchChoices: [
        { title: "Ja, planen stämmer med beställningen", value: "ja" },
        { title: "Nej – begär komplettering", value: "nej" },
      ],
      values: keep(context, { receivedOn: today, matchesOrder: "" }),
      errors,
    });
  },
  submit: {
    schema: z.object({ ...caseKey, receivedOn: isoDate, matchesOrder: yesNoInput }).loose(),
    toCommand: (data) => ({ kind: "gp", receivedOn: data.receivedOn, matchesOrder: data.matchesOrder }),
    done: (record) =>
      record.state.step === "genomforandeplan"
        ? "Registrerat att planen inte stämmer med beställningen. Skicka begäran om komplettering nedan."
        : "Genomförandeplanen är mottagen och granskad – insatsen har påbörjats.",
  },
});
