/** Steg 4, Utredning med DUR: the life areas deepened (arbete always under 35). */
import { z } from "zod";
import { durLifeAreas, durWorkAreaAgeLimit, type DurLifeArea } from "../../src/domain/case.js";
import { defineCard, renderCard } from "../render.js";
import { base, choice, fields, keep, pre, sampleHeader } from "./common.js";
import { caseKey, flag, isoDate, multiChoice } from "./inputs.js";
import { defineStepCard } from "./step-card.js";
import durTemplate from "../templates/case-dur.json" with { type: "json" };

export const caseDurCard = defineCard({
  name: "case-dur",
  template: durTemplate,
  schema: z.object({
    ...base,
    areaChoices: z.array(choice),
    under35: z.boolean(),
    values: fields("areas", "needsPurposeGoals", "completedOn", ...pre),
    errors: fields("areas", "needsPurposeGoals", "completedOn", ...pre),
  }),
  sample: {
    header: sampleHeader,
    caseId: "c-1",
    v: 3,
    areaChoices: [{ title: "Arbete, utbildning och sysselsättning", value: "arbete" }],
    under35: true,
    values: { needsPurposeGoals: "false", completedOn: "2026-03-02" },
    errors: { areas: "Fördjupa arbete." },
  },
});

const areaLabels: Readonly<Record<DurLifeArea, string>> = {
  arbete: "Arbete, utbildning och sysselsättning",
  intressen: "Intressen (fritid och aktiviteter)",
  "psykisk-halsa": "Psykisk hälsa",
  adl: "Vardagsaktiviteter (ADL)",
};

export const durCard = defineStepCard({
  step: "dur",
  bind(context, common) {
    const { record, today } = context;
    const { state } = record;
    const errors = context.errors ?? {};
    const withdrawDefaults = { withdrawnOn: today };
    return renderCard(caseDurCard, {
      ...common,
      areaChoices: (Object.entries(areaLabels) as [DurLifeArea, string][]).map(([value, title]) => ({
        title,
        value,
      })),
      under35: state.age < durWorkAreaAgeLimit,
      values: keep(context, {
        areas: state.age < durWorkAreaAgeLimit ? "arbete" : "",
        needsPurposeGoals: "false",
        completedOn: today,
        ...withdrawDefaults,
      }),
      errors,
    });
  },
  submit: {
    schema: z
      .object({ ...caseKey, areas: multiChoice(durLifeAreas), needsPurposeGoals: flag, completedOn: isoDate })
      .loose(),
    toCommand: (data) => ({
      kind: "dur",
      completedOn: data.completedOn,
      areas: data.areas,
      needsPurposeGoals: data.needsPurposeGoals,
    }),
    done: () => "DUR-utredningen är registrerad.",
  },
});
