/** Steg 10, Uppföljning: the checklist, and whether the insats continues (a new order). */
import { z } from "zod";
import { followUpItems, type FollowUpItem } from "../../src/domain/case.js";
import { defineCard, renderCard } from "../render.js";
import { base, choice, fields, keep, sampleHeader } from "./common.js";
import { caseKey, isoDate, multiChoice, optionalDate, yesNoInput } from "./inputs.js";
import { defineStepCard } from "./step-card.js";
import uppfoljningTemplate from "../templates/case-uppfoljning.json" with { type: "json" };

export const caseFollowUpCard = defineCard({
  name: "case-uppfoljning",
  template: uppfoljningTemplate,
  schema: z.object({
    ...base,
    itemChoices: z.array(choice),
    continueChoices: z.array(choice),
    values: fields("items", "heldOn", "continues", "orderedOn"),
    errors: fields("items", "heldOn", "continues", "orderedOn"),
  }),
  sample: {
    header: sampleHeader,
    caseId: "c-1",
    v: 9,
    itemChoices: [{ title: "Uppföljningsdelen i DUR", value: "dur-uppfoljning" }],
    continueChoices: [{ title: "Ja", value: "ja" }],
    values: {},
    errors: {},
  },
});

const followUpLabels: Readonly<Record<FollowUpItem, string>> = {
  "dur-uppfoljning": "Följt upp med uppföljningsdelen i DUR (krävs)",
  "behov-syfte-mal": "Följt upp om behov, syfte och målsättning kvarstår (krävs)",
  "ratten-till-bistand": "Ny bedömning av rätten till bistånd (vid behov)",
  omfattning: "Ny bedömning av omfattningen (vid behov)",
  "byta-utforare": "Hjälp att byta utförare (vid behov)",
  sip: "SIP reviderad med övriga aktörer (vid behov)",
};

export const uppfoljningCard = defineStepCard({
  step: "uppfoljning",
  bind(context, common) {
    const { today } = context;
    const errors = context.errors ?? {};
    return renderCard(caseFollowUpCard, {
      ...common,
      itemChoices: (Object.entries(followUpLabels) as [FollowUpItem, string][]).map(([value, title]) => ({
        title,
        value,
      })),
      continueChoices: [
        { title: "Ja – en ny, uppdaterad beställning skickas", value: "ja" },
        { title: "Nej – insatsen avslutas", value: "nej" },
      ],
      values: keep(context, { items: "", heldOn: today, continues: "", orderedOn: "" }),
      errors,
    });
  },
  submit: {
    schema: z
      .object({
        ...caseKey,
        items: multiChoice(followUpItems),
        heldOn: isoDate,
        continues: yesNoInput,
        orderedOn: optionalDate,
      })
      .loose(),
    toCommand: (data) => ({
      kind: "followUp",
      heldOn: data.heldOn,
      items: data.items,
      continues: data.continues,
      ...(data.orderedOn ? { orderedOn: data.orderedOn } : {}),
    }),
    done: (record) =>
      record.state.step === "genomforandeplan"
        ? `Uppföljningen är registrerad, ny beställning skickad och nästa uppföljning planerad till ${record.state.followUpDueOn ?? ""}.`
        : "Uppföljningen är registrerad. Insatsen avslutas.",
  },
});
