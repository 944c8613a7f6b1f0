/**
 * Steg 6, Kriterier: the rule questions, the work specialist's assessment (A), orientation and
 * hours (C).
 */
import { z } from "zod";
import { hourIntervals, orientations, type Orientation } from "../../src/domain/case.js";
import { legalBasisOn } from "../../src/domain/decision-text.js";
import { defineCard, renderCard } from "../render.js";
import {
  base,
  checkData,
  checkSchema,
  choice,
  fields,
  intervalChoices,
  keep,
  pre,
  questionSchema,
  questionsFor,
  sampleHeader,
  yesNo,
} from "./common.js";
import { caseKey, optionalChoice, optionalDate, yesNoInput } from "./inputs.js";
import { defineStepCard, verdictOf } from "./step-card.js";
import kriterierTemplate from "../templates/case-kriterier.json" with { type: "json" };

export const caseCriteriaCard = defineCard({
  name: "case-kriterier",
  template: kriterierTemplate,
  schema: z.object({
    ...base,
    questions: z.array(questionSchema),
    check: checkSchema,
    askSpecialist: z.boolean(),
    askScope: z.boolean(),
    /** A flerpartsmöte booked through the bot: offer moving or cancelling it from the case. */
    bookedMeeting: z.boolean().default(false),
    metLabel: z.string(),
    yesNo: z.array(choice),
    orientationChoices: z.array(choice),
    intervalChoices: z.array(choice),
    values: fields("specialistOn", "specialistReady", "orientation", "appliedInterval", "met", ...pre),
    errors: fields("specialistOn", "specialistReady", "orientation", "appliedInterval", "met", ...pre),
  }),
  sample: {
    header: sampleHeader,
    caseId: "c-1",
    v: 5,
    questions: [],
    check: { shown: false },
    askSpecialist: true,
    askScope: false,
    metLabel: "Är kriterierna uppfyllda?",
    yesNo: [{ title: "Ja", value: "ja" }],
    orientationChoices: [],
    intervalChoices: [],
    values: {},
    errors: {},
  },
});

const orientationLabels: Readonly<Record<Orientation, string>> = {
  "socialt-inriktad": "Socialt inriktad sysselsättning",
  arbetsrehabiliterande: "Arbetsrehabiliterande sysselsättning",
};

export const kriterierCard = defineStepCard({
  step: "kriterier",
  checkVerb: "case.criteriaCheck",
  bind(context, common) {
    const { record, today } = context;
    const errors = context.errors ?? {};
    const withdrawDefaults = { withdrawnOn: today };
    return renderCard(caseCriteriaCard, {
      ...common,
      questions: questionsFor(context, "kriterier"),
      check: checkData(context.check),
      askSpecialist: record.type === "A",
      askScope: record.type === "C",
      bookedMeeting: Boolean(record.state.meeting?.meetingId),
      metLabel:
        record.type === "C"
          ? `Finns behov av sysselsättning (rätt till insatser enligt ${legalBasisOn(today).rightToAssistance})?`
          : "Är kriterierna för insatsen uppfyllda?",
      yesNo,
      orientationChoices: (Object.entries(orientationLabels) as [Orientation, string][]).map(
        ([value, title]) => ({
          title,
          value,
        }),
      ),
      intervalChoices,
      values: keep(context, {
        specialistOn: "",
        specialistReady: "",
        orientation: "",
        appliedInterval: "",
        met: "",
        ...withdrawDefaults,
      }),
      errors,
    });
  },
  submit: {
    schema: z
      .object({
        ...caseKey,
        met: yesNoInput,
        specialistOn: optionalDate,
        specialistReady: optionalChoice(["ja", "nej"] as const),
        orientation: optionalChoice(orientations),
        appliedInterval: optionalChoice(hourIntervals),
      })
      .loose(),
    checksRules: true,
    toCommand: (data, check) => ({
      kind: "criteria",
      met: data.met,
      ...verdictOf(check),
      ...(data.specialistOn || data.specialistReady
        ? { specialistAssessment: { on: data.specialistOn ?? "", ready: data.specialistReady === "ja" } }
        : {}),
      ...(data.orientation ? { orientation: data.orientation } : {}),
      ...(data.appliedInterval ? { appliedInterval: data.appliedInterval } : {}),
    }),
    done: (record) =>
      record.state.criteria?.met
        ? "Kriterierna är registrerade som uppfyllda."
        : "Kriterierna är registrerade som ej uppfyllda.",
  },
});
