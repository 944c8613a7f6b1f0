/**
 * The case workflow's cards: the new application form and the case lists here; each step's card
 * in cards/cases/<step>.ts (the registry, and caseStepCard, in cards/cases/index.ts).
 * @remarks Step cards hold gender and age, so they are for the personal chat only; the list
 * card is channel-safe (case reference, insats short name, step, dates, staff).
 */
import { z } from "zod";
import type { CaseListItem } from "../src/cases/repository.js";
import type { IsoDate } from "../src/deadlines/index.js";
import { insatsShortNames, stepPosition, stepTitles } from "../src/domain/case-types.js";
import { choice, color, dueText, fact, fields } from "./cases/common.js";
import { defineCard } from "./render.js";
import listTemplate from "./templates/case-list.json" with { type: "json" };
import newTemplate from "./templates/case-new.json" with { type: "json" };

export { caseStepCard, stepCards, stepVerb, withdrawSubmit, decisionPreviewVerb } from "./cases/index.js";
export type { CardStepId, StepCard, StepSubmit } from "./cases/index.js";
export {
  decisionTextFor,
  dueText,
  genderChoices,
  unitLabels,
  workingDays,
  type CaseCardContext,
} from "./cases/common.js";

export const caseNewCard = defineCard({
  name: "case-new",
  template: newTemplate,
  schema: z.object({
    draftId: z.string(),
    notice: z.string().default(""),
    /** "Steg 1 av 11 · Ny ansökan", with the other count when the insatser offered differ. */
    stepLine: z.string(),
    refExample: z.string(),
    values: fields("caseRef", "insats", "receivedOn", "gender", "age", "unit"),
    errors: fields("caseRef", "insats", "receivedOn", "gender", "age", "unit"),
    insatsChoices: z.array(choice).min(1),
    genderChoices: z.array(choice),
    unitChoices: z.array(choice),
    facts: z.array(fact),
  }),
  sample: {
    draftId: "d-1",
    stepLine: "Steg 1 av 11 · Ny ansökan",
    refExample: "FA-2026-0142",
    values: { receivedOn: "2026-03-02" },
    errors: {},
    insatsChoices: [{ title: "Alfa (socialpsykiatri)", value: "sis-socialpsykiatri" }],
    genderChoices: [{ title: "Kvinna", value: "kvinna" }],
    unitChoices: [{ title: "Socialpsykiatri, Farsta", value: "socialpsykiatri" }],
    facts: [{ title: "Handläggare", value: "Anna Handläggare" }],
  },
});

const listItem = z.object({
  caseId: z.string(),
  caseRef: z.string(),
  insats: z.string(),
  step: z.string(),
  due: z.string(),
  dueColor: color,
  responsible: z.string().default(""),
  open: z.boolean(),
});

/** "Mina ärenden" / "Teamets ärenden". Channel-safe: references, insats short names, steps, dates, staff. */
export const caseListCard = defineCard({
  name: "case-list",
  template: listTemplate,
  schema: z.object({
    title: z.string(),
    subtitle: z.string(),
    items: z.array(listItem),
    empty: z.string(),
    showNew: z.boolean(),
  }),
  sample: {
    title: "Teamets ärenden",
    subtitle: "Socialpsykiatri, Farsta · mest brådskande först",
    items: [
      {
        caseId: "c-1",
        caseRef: "FA-2026-0142",
        insats: "Alfa (socialpsykiatri)",
        step: "Steg 9 av 11 · Genomförandeplan mottagen och granskad",
        due: "Genomförandeplan senast 2026-03-23 (om 3 arbetsdagar)",
        dueColor: "Warning",
        responsible: "Handläggare: Anna Handläggare",
        open: false,
      },
    ],
    empty: "Inga öppna ärenden.",
    showNew: false,
  },
  channelBound: true,
});

/** One row of a case list. */
export function caseListItem(
  item: CaseListItem,
  options: { today: IsoDate; responsible?: string; open: boolean },
): z.input<typeof listItem> {
  const { number, of } = stepPosition(item.type, item.step);
  const { text: due, color: dueColor } = item.nextDueOn
    ? dueText(item.nextDueKind, item.nextDueOn, options.today)
    : { text: "Ingen frist just nu", color: "Default" as const };
  return {
    caseId: item.id,
    caseRef: item.caseRef,
    insats: insatsShortNames[item.insats],
    step: `Steg ${number} av ${of} · ${stepTitles[item.step]}`,
    due,
    dueColor,
    responsible: options.responsible ?? "",
    open: options.open,
  };
}
