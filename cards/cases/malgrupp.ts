/**
 * Steg 3, Målgruppstillhörighet: the rule module's questions, its verdict, and the confirmation.
 */
import { z } from "zod";
import { defineCard, renderCard } from "../render.js";
import {
  base,
  checkData,
  checkSchema,
  fields,
  keep,
  pre,
  questionSchema,
  questionsFor,
  sampleHeader,
} from "./common.js";
import { caseKey } from "./inputs.js";
import { defineStepCard, verdictOf } from "./step-card.js";
import malgruppTemplate from "../templates/case-malgrupp.json" with { type: "json" };

export const caseTargetGroupCard = defineCard({
  name: "case-malgrupp",
  template: malgruppTemplate,
  schema: z.object({
    ...base,
    questions: z.array(questionSchema),
    check: checkSchema,
    values: fields(...pre),
    errors: fields("belongs", ...pre),
  }),
  sample: {
    header: sampleHeader,
    caseId: "c-1",
    v: 2,
    questions: [
      {
        id: "fact_socialpsykiatriTargetGroup",
        label: "Tillhör socialpsykiatrins målgrupp?",
        value: "ja",
        options: [{ title: "Ja", value: "ja" }],
      },
    ],
    check: {
      shown: true,
      verdict: "fler uppgifter behövs",
      trace: [
        {
          outcome: "okänt",
          color: "Warning",
          text: "Bosatt i Stockholms stad",
          source:
            "Beslut om särskilt individanpassad stödinsats … (Socialförvaltningen, tjänsteutlåtande till socialnämnden, 2023-02-21), avsnittet ”Alfa”",
        },
      ],
    },
    values: {},
    errors: {},
  },
});

export const malgruppCard = defineStepCard({
  step: "malgrupp",
  checkVerb: "case.targetGroupCheck",
  bind(context, common) {
    const { today } = context;
    const errors = context.errors ?? {};
    const withdrawDefaults = { withdrawnOn: today };
    return renderCard(caseTargetGroupCard, {
      ...common,
      questions: questionsFor(context, "malgrupp"),
      check: checkData(context.check),
      values: keep(context, withdrawDefaults),
      errors,
    });
  },
  submit: {
    schema: z.object({ ...caseKey, belongs: z.enum(["true", "false"]) }).loose(),
    fields: { belongs: "belongs" },
    checksRules: true,
    toCommand: (data, check) => {
      const { ruleVerdict } = verdictOf(check);
      return {
        kind: "targetGroup",
        belongs: data.belongs === "true",
        ...(ruleVerdict ? { ruleVerdict } : {}),
      };
    },
    done: (record) =>
      record.state.targetGroup?.belongs
        ? "Målgruppstillhörigheten är bekräftad."
        : "Registrerat att den enskilde inte tillhör målgruppen: ansökan avslås.",
  },
});
