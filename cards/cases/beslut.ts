/** Steg 7, Beslut: outcome, period, hours (C), and the decision text's preview. */
import { z } from "zod";
import type { CaseAction } from "../../src/cases/service.js";
import { decidesInTwoSteps, type CaseInsatsId } from "../../src/domain/case-types.js";
import { decisionOutcomes, hourIntervals } from "../../src/domain/case.js";
import { lawOn } from "../../src/rules/law.js";
import { defineCard, renderCard } from "../render.js";
import { base, choice, fields, intervalChoices, keep, pre, sampleHeader } from "./common.js";
import { caseKey, choiceMessage, flag, isoDate, optionalChoice, optionalDate } from "./inputs.js";
import { defineStepCard } from "./step-card.js";
import beslutTemplate from "../templates/case-beslut.json" with { type: "json" };

/** The beslut card's own inputs (besides the withdrawal ones every step card has). */
const decisionInputs = [
  "outcome",
  "decidedOn",
  "grantedInterval",
  "periodFrom",
  "periodTo",
  "specialReason",
  "amendmentReservation",
] as const;

export const caseDecisionCard = defineCard({
  name: "case-beslut",
  template: beslutTemplate,
  schema: z.object({
    ...base,
    outcomeChoices: z.array(choice),
    intervalChoices: z.array(choice),
    askGranted: z.boolean(),
    askPeriodTo: z.boolean(),
    periodToLabel: z.string(),
    periodNote: z.string(),
    askSpecialReason: z.boolean(),
    askAmendment: z.boolean(),
    preview: z.string().default(""),
    values: fields(...decisionInputs, ...pre),
    errors: fields(...decisionInputs, ...pre),
  }),
  sample: {
    header: sampleHeader,
    caseId: "c-1",
    v: 6,
    outcomeChoices: [{ title: "Bifall", value: "bifall" }],
    intervalChoices: [],
    askGranted: false,
    askPeriodTo: true,
    periodToLabel: "Gäller till",
    periodNote: "",
    askSpecialReason: false,
    askAmendment: true,
    preview: "BESLUT",
    values: {},
    errors: {},
  },
});

function periodNote(insats: CaseInsatsId): string {
  switch (insats) {
    case "lss-insteg":
      return "Insteg gäller fyra månader från startdatumet; sista dagen är dagen före samma datum fyra månader senare (Bromma stadsdelsförvaltnings remissvar, Dnr BRO 2023/126).";
    case "lss-sis":
      return "Två år om du inte anger något annat; sista dagen är dagen före samma datum två år senare. Längre tid kräver särskilda skäl (Bromma stadsdelsförvaltnings remissvar, Dnr BRO 2023/126).";
    case "sysselsattning":
      return "Uppföljning sker var sjätte månad även vid längre beslut (tillämpningsanvisningarna för socialpsykiatrin, avsnitt 2.3).";
    default:
      return "Hur länge insatsen ska pågå är en individuell bedömning (tillämpningsanvisningarna för socialpsykiatrin, avsnitt 4.2.5).";
  }
}

const decideSchema = z
  .object({
    ...caseKey,
    outcome: z.enum(decisionOutcomes, { error: choiceMessage }),
    decidedOn: isoDate,
    grantedInterval: optionalChoice(hourIntervals),
    periodFrom: optionalDate,
    periodTo: optionalDate,
    specialReason: flag,
    amendmentReservation: flag,
  })
  .loose();

/** The decision the card's inputs make (also what "Förhandsgranska beslutstext" tries). */
function decideCommand(data: z.infer<typeof decideSchema>): CaseAction {
  return {
    kind: "decide",
    decidedOn: data.decidedOn,
    outcome: data.outcome,
    ...(data.periodFrom ? { periodFrom: data.periodFrom } : {}),
    ...(data.periodTo ? { periodTo: data.periodTo } : {}),
    ...(data.grantedInterval ? { grantedInterval: data.grantedInterval } : {}),
    specialReason: data.specialReason,
    amendmentReservation: data.amendmentReservation,
  };
}

/** "Förhandsgranska beslutstext": the decision as it would be, nothing stored (bot/features/cases.ts). */
export const decisionPreviewVerb = "case.decisionPreview";

export const beslutCard = defineStepCard({
  step: "beslut",
  bind(context, common) {
    const { record, today } = context;
    const { state } = record;
    const errors = context.errors ?? {};
    const withdrawDefaults = { withdrawnOn: today };
    // The form proposes today as the decision date; the labels follow the act in force then.
    const right = lawOn("rightToInsatser", today);
    const beyond = lawOn("beyondRight", today);
    return renderCard(caseDecisionCard, {
      ...common,
      outcomeChoices: decidesInTwoSteps(record.type)
        ? [
            {
              title: `Bifall – avslag enligt ${right.law} och bifall enligt ${beyond.law} ${beyond.act}`,
              value: "bifall",
            },
            {
              title: `Avslag – enligt både ${right.law} och ${beyond.law} ${beyond.act}`,
              value: "avslag",
            },
          ]
        : [
            { title: "Bifall", value: "bifall" },
            { title: "Delavslag (lägre omfattning än sökt)", value: "delavslag" },
            { title: "Avslag", value: "avslag" },
          ],
      intervalChoices,
      askGranted: record.type === "C",
      askPeriodTo: record.insats !== "lss-insteg",
      periodToLabel: record.type === "C" ? "Gäller till (valfritt)" : "Gäller till",
      periodNote: periodNote(record.insats),
      askSpecialReason: record.insats === "lss-sis",
      askAmendment: true,
      preview: context.preview ?? "",
      values: keep(context, {
        outcome: "",
        decidedOn: today,
        grantedInterval: state.criteria?.appliedInterval ?? "",
        periodFrom: today,
        periodTo: "",
        specialReason: "false",
        amendmentReservation: "false",
        ...withdrawDefaults,
      }),
      errors,
    });
  },
  submit: {
    schema: decideSchema,
    toCommand: decideCommand,
    done: (record) =>
      record.state.decision?.outcome === "avslag"
        ? "Beslutet om avslag är registrerat. Kopiera beslutstexten med besvärshänvisningen."
        : "Beslutet är registrerat och uppföljningen planerad om sex månader. Kopiera beslutstexten.",
  },
});
