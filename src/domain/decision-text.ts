/**
 * Swedish decision texts to paste into the case system (Sociala system / ParaSol).
 * - A, B, D: a rejection under 4 kap. 1 § SoL with the standard motivation, then the trial under
 *   4 kap. 2 § SoL (001 "Handläggningsprocessen vid beslut enligt 4 kap. 2 § SoL"; 003 §4.2.1),
 *   with the period (Insteg four months, lss-sis two years — 004), an optional ändringsförbehåll
 *   (003 §4.2.7) and appeal information: förvaltningsbesvär for the rejection, only
 *   laglighetsprövning for the 4:2 decision (003 §4.2.6; 13 kap. kommunallagen).
 * - C: bifall, avslag or delavslag under 4 kap. 1 § SoL with the hour interval (003 §2.2, Bilaga 1).
 * The paragraph labels come from the rule module for the decision date, so the numbering follows
 * the law version in force; the text never holds a client's name or health details.
 */
import type { CaseState, Decision, HourInterval, Orientation } from "./case.js";
import { swedishDate } from "./case.js";
import { decidesInTwoSteps, type CaseInsatsId } from "./case-types.js";

/** The paragraphs a decision rests on, as the rule module cites them for the decision date. */
export interface LegalBasis {
  /** The right to assistance (4 kap. 1 § SoL in the 2001 act): the rejection, or sysselsättning's basis. */
  rightToAssistance: string;
  /** Assistance beyond the right (4 kap. 2 § SoL in the 2001 act); A, B and D only. */
  beyondRight: string;
}

/** The 2001 act's numbering (SoL 2001:453), used when the rule module gives no citation. */
export const defaultLegalBasis: LegalBasis = {
  rightToAssistance: "4 kap. 1 § socialtjänstlagen (2001:453)",
  beyondRight: "4 kap. 2 § socialtjänstlagen (2001:453)",
};

export interface DecisionTextInput {
  caseRef: string;
  state: CaseState & { decision: Decision };
  /** The insats's full Swedish name. */
  insatsName: string;
  legal: LegalBasis;
  /** The district (stadsdelsnämnd) deciding A, B and C; D is decided by arbetsmarknadsnämnden. */
  district: string;
  /** The criteria's Swedish texts from the rule module, listed in a grant's motivation. */
  criteriaTexts?: readonly string[];
}

export const intervalText: Readonly<Record<HourInterval, string>> = {
  "1-12": "1–12 timmar i veckan",
  "10-24": "10–24 timmar i veckan",
  "22-40": "22–40 timmar i veckan",
};

export const orientationText: Readonly<Record<Orientation, string>> = {
  "socialt-inriktad": "socialt inriktad sysselsättning",
  arbetsrehabiliterande: "arbetsrehabiliterande sysselsättning",
};

const fillIn = (what: string) => `[${what}]`;

function board(input: DecisionTextInput): string {
  return input.state.type === "D" ? "arbetsmarknadsnämnden" : `${input.district} stadsdelsnämnd`;
}

function heading(input: DecisionTextInput): string[] {
  const { decision } = input.state;
  return [
    "BESLUT",
    `Ärende: ${input.caseRef}`,
    `Insats: ${input.insatsName}`,
    `Beslutsdatum: ${swedishDate(decision.decidedOn)}`,
    `Beslutande: ${board(input)}, ${fillIn("beslutsfattarens namn och titel enligt delegationsordningen")}`,
  ];
}

function period(decision: Decision): string {
  if (!decision.periodFrom) return "";
  return decision.periodTo
    ? `under perioden ${swedishDate(decision.periodFrom)} – ${swedishDate(decision.periodTo)}`
    : `från och med ${swedishDate(decision.periodFrom)}`;
}

function periodMotivation(insats: CaseInsatsId, decision: Decision): string[] {
  if (insats === "lss-insteg") {
    return ["Insteg är en inledande period om fyra månader med färre kriterier än den längre insatsen."];
  }
  if (insats === "lss-sis") {
    return decision.specialReason
      ? [
          `Insatsen beviljas för längre tid än två år eftersom det finns särskilda skäl: ${fillIn("ange de särskilda skälen")}.`,
        ]
      : ["Insatsen beviljas för två år, som är stadens normala längd för insatsen."];
  }
  return [];
}

function rejectionUnder41(input: DecisionTextInput): string[] {
  const { rightToAssistance, beyondRight } = input.legal;
  return [
    `1. Beslut enligt ${rightToAssistance}`,
    `Din ansökan om ${input.insatsName} avslås enligt ${rightToAssistance}.`,
    "Motivering",
    `Det tidsbegränsade särskilda stödet ligger utöver de insatser som socialtjänsten ansvarar för att bevilja enligt ${rightToAssistance}. ` +
      `Insatsen ingår därför inte i rätten till bistånd enligt ${rightToAssistance} som krävs för att du ska uppnå en skälig levnadsnivå. ` +
      `Efter avslaget prövas din ansökan direkt enligt ${beyondRight} utifrån kommunfullmäktiges beslut om kriterier.`,
  ];
}

function appealTwoStep(input: DecisionTextInput): string[] {
  const { rightToAssistance, beyondRight } = input.legal;
  const lines = [
    "Så kan du överklaga",
    `Beslutet att avslå din ansökan enligt ${rightToAssistance} kan du överklaga hos förvaltningsrätten (förvaltningsbesvär). ` +
      `Skicka överklagandet till ${board(input)} och skriv vilket beslut du vill ändra och hur. ` +
      "Överklagandet ska ha kommit in inom tre veckor från den dag du fick del av beslutet. Vi hjälper dig gärna.",
    `Beslutet enligt ${beyondRight} kan inte överklagas genom förvaltningsbesvär. ` +
      "Det kan bara prövas genom laglighetsprövning enligt 13 kap. kommunallagen (2017:725): domstolen prövar då om beslutet har kommit till på lagligt sätt, inte om det är lämpligt.",
  ];
  if (input.state.type === "D") {
    lines.push(
      "Beslutet anmäls till arbetsmarknadsnämnden eller protokollförs särskilt, så att det finns tillgängligt i avidentifierad form och kan laglighetsprövas (6 kap. 40 § och 13 kap. 1–3 §§ kommunallagen; 002).",
    );
  }
  return lines;
}

function twoStepText(input: DecisionTextInput): string[] {
  const { state, legal } = input;
  const { decision } = state;
  const lines = [...heading(input), "", ...rejectionUnder41(input), ""];
  lines.push(`2. Beslut enligt ${legal.beyondRight}`);
  if (decision.outcome === "avslag") {
    lines.push(
      `Din ansökan om ${input.insatsName} avslås även vid prövning enligt ${legal.beyondRight}.`,
      "Motivering",
      state.targetGroup?.belongs === false
        ? "Utredningen visar att du inte tillhör insatsens målgrupp."
        : "Utredningen visar att du inte uppfyller kriterierna för insatsen enligt kommunfullmäktiges riktlinjer.",
      fillIn("Komplettera med den individuella motiveringen i verksamhetssystemet"),
    );
  } else {
    lines.push(
      `Du beviljas ${input.insatsName} enligt ${legal.beyondRight} ${period(decision)}.`,
      "Motivering",
      "Utredningen visar att du uppfyller kriterierna för insatsen enligt kommunfullmäktiges riktlinjer" +
        (input.criteriaTexts && input.criteriaTexts.length > 0 ? ":" : "."),
      ...(input.criteriaTexts ?? []).map((text) => `– ${text}`),
      ...periodMotivation(state.insats, decision),
      "Insatsen följs upp tillsammans med dig och utföraren minst var sjätte månad.",
    );
    if (decision.amendmentReservation) {
      lines.push(
        "Ändringsförbehåll",
        "Beslutet får ändras om det sker väsentligt ändrade förhållanden som har betydelse för rätten till insatsen.",
      );
    }
  }
  lines.push("", ...appealTwoStep(input));
  return lines;
}

function sysselsattningText(input: DecisionTextInput): string[] {
  const { decision } = input.state;
  const basis = input.legal.rightToAssistance;
  const orientation = decision.orientation ? ` (${orientationText[decision.orientation]})` : "";
  const applied = decision.appliedInterval ? ` om ${intervalText[decision.appliedInterval]}` : "";
  const lines = [...heading(input), ""];
  if (decision.outcome === "avslag") {
    lines.push(`Din ansökan om sysselsättning${applied} enligt ${basis} avslås.`);
  } else {
    const granted = decision.grantedInterval ? intervalText[decision.grantedInterval] : "";
    lines.push(
      `Du beviljas sysselsättning${orientation} enligt ${basis} med en omfattning av ${granted} ${period(decision)}.`.replace(
        /\s+\./,
        ".",
      ),
    );
    if (decision.outcome === "delavslag") {
      lines.push(`Din ansökan${applied} avslås i övrigt (delavslag).`);
    }
  }
  lines.push(
    "Motivering",
    decision.outcome === "avslag"
      ? "Utredningen visar att ditt behov inte kan tillgodoses genom sysselsättning eller på annat sätt är tillgodosett."
      : "Utredningen visar att du har behov av sysselsättning i den omfattning som beviljas, utifrån ditt behov, syfte och din målsättning.",
    fillIn("Komplettera med den individuella motiveringen i verksamhetssystemet"),
  );
  if (decision.outcome !== "avslag") {
    lines.push(
      "Insatsen följs upp minst var sjätte månad. Vill du delta mer än intervallet tillåter behövs en ny bedömning och ett nytt beslut.",
    );
  }
  if (decision.outcome !== "bifall") {
    lines.push(
      "",
      "Så kan du överklaga",
      `Om du inte är nöjd med beslutet kan du överklaga det hos förvaltningsrätten. Skicka överklagandet till ${board(input)} och skriv vilket beslut du vill ändra och hur. ` +
        "Överklagandet ska ha kommit in inom tre veckor från den dag du fick del av beslutet. Vi hjälper dig gärna med överklagandet.",
    );
  }
  return lines;
}

/** The decision text for the case's recorded decision. */
export function decisionText(input: DecisionTextInput): string {
  const lines = decidesInTwoSteps(input.state.type) ? twoStepText(input) : sysselsattningText(input);
  return lines.join("\n");
}
