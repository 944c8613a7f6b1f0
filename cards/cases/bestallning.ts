/** Steg 8, Beställning: to Jobbtorg Alfa or Iwork, or (C) the provider. */
import { z } from "zod";
import { gpRuleText } from "../../src/deadlines/index.js";
import type { JobbtorgUnit } from "../../src/directory/directory.js";
import { defaultJobbtorgUnit, ordersFromJobbtorg } from "../../src/domain/case-types.js";
import { defineCard, renderCard } from "../render.js";
import { base, choice, fields, keep, sampleHeader, unitLabels } from "./common.js";
import { caseKey, isoDate, optionalChoice } from "./inputs.js";
import { defineStepCard } from "./step-card.js";
import bestallningTemplate from "../templates/case-bestallning.json" with { type: "json" };

export const caseOrderCard = defineCard({
  name: "case-bestallning",
  template: bestallningTemplate,
  schema: z.object({
    ...base,
    orderNote: z.string(),
    orderAction: z.string(),
    unitChoices: z.array(choice),
    values: fields("orderedOn", "jobbtorgUnit"),
    errors: fields("orderedOn", "jobbtorgUnit"),
  }),
  sample: {
    header: sampleHeader,
    caseId: "c-1",
    v: 7,
    decisionText: "BESLUT\nÄrende: FA-2026-0142",
    orderNote: "Skicka beställningen till Jobbtorg Alfa.",
    orderAction: "Beställningen är skickad",
    unitChoices: [{ title: "Jobbtorg Alfa", value: "alfa" }],
    values: {},
    errors: {},
  },
});

export const bestallningCard = defineStepCard({
  step: "bestallning",
  bind(context, common) {
    const { record, today } = context;
    const errors = context.errors ?? {};
    const jobbtorg = ordersFromJobbtorg(record.type);
    const unit = defaultJobbtorgUnit[record.type];
    const units: JobbtorgUnit[] = record.type === "D" ? ["alfa", "iwork"] : unit ? [unit] : [];
    return renderCard(caseOrderCard, {
      ...common,
      orderNote: `${
        jobbtorg
          ? `Skicka beställningen till ${record.type === "D" ? "Jobbtorg" : unitLabels[unit!]} enligt gängse rutin.`
          : "Skicka beställningen till utföraren av sysselsättningen."
      } Genomförandeplanen ska sedan komma inom ${gpRuleText(context.gpRule)}.`,
      orderAction: jobbtorg
        ? "Beställningen är skickad till Jobbtorg"
        : "Beställningen är skickad till utföraren",
      unitChoices: units.map((value) => ({ title: unitLabels[value], value })),
      values: keep(context, { orderedOn: today, jobbtorgUnit: unit ?? "" }),
      errors,
    });
  },
  submit: {
    schema: z
      .object({ ...caseKey, orderedOn: isoDate, jobbtorgUnit: optionalChoice(["alfa", "iwork"] as const) })
      .loose(),
    toCommand: (data) => ({
      kind: "order",
      orderedOn: data.orderedOn,
      ...(data.jobbtorgUnit ? { jobbtorgUnit: data.jobbtorgUnit } : {}),
    }),
    done: (record) => {
      const order = record.state.orders.at(-1);
      return `Beställningen är registrerad. Genomförandeplanen ska komma senast ${order?.gpDueOn ?? ""}.`;
    },
  },
});
