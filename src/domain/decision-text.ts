/**
 * Swedish decision texts to paste into the case system (Sociala system / ParaSol), written to the
 * client ("du") in the words of the act in force on the decision date (src/rules/law.ts):
 * - A, B, D: the application is rejected under the right to insatser (4 kap. 1 § SoL (2001:453),
 *   11 kap. 1 § socialtjänstlagen (2025:400)) and then tried as an insats beyond that right
 *   (4 kap. 2 §, 11 kap. 4 §) against kommunfullmäktige's criteria — JO's requirement, so the
 *   client gets a decision open to förvaltningsbesvär (003 §4.2.1, §4.2.3; 001 "Handläggnings-
 *   processen vid beslut enligt 4 kap. 2 § SoL"). D is decided by arbetsmarknadsnämnden and made
 *   available in anonymised form (002).
 * - C: sysselsättning, bifall, avslag or delavslag under the right itself, with the hour interval
 *   (003 §2.2, Bilaga 1 "2. Fatta beslut").
 * A grant states findings about the client and leaves a marked place for the caseworker's
 * individual assessment; appeal information follows FL 43–44 §§, SoL 35 kap. 1 § (16 kap. 3 § in
 * the 2001 act) and 13 kap. kommunallagen. The text never holds a name or a personnummer.
 */
import type { IsoDate } from "../deadlines/index.js";
import {
  appealProcedure,
  lawOn,
  lawText,
  legalityReview,
  lssPersonkrets,
  underNewAct,
  type LawRef,
} from "../rules/law.js";
import type { CaseState, Decision, HourInterval, Orientation } from "./case.js";
import { swedishDate } from "./case.js";
import { caseTypeOfInsats, decidesInTwoSteps, insatsNames, type CaseInsatsId } from "./case-types.js";

/** The paragraphs a decision rests on, as labels ("11 kap. 1 § socialtjänstlagen (2025:400)"). */
export interface LegalBasis {
  /** The right to insatser: the rejection of A, B, D, or sysselsättning's basis. */
  rightToAssistance: string;
  /** Insatser beyond the right; A, B and D only. */
  beyondRight: string;
}

/** The labels for a decision dated `on`: the act in force that day picks the numbering. */
export function legalBasisOn(on: IsoDate): LegalBasis {
  return {
    rightToAssistance: lawText(lawOn("rightToInsatser", on)),
    beyondRight: lawText(lawOn("beyondRight", on)),
  };
}

/** What one decision text needs: no case state, so the CLI and the cards share it. */
export interface DecisionRequest {
  insats: CaseInsatsId;
  decision: Decision;
  /** The deciding stadsdelsnämnd's district (A, B, C), e.g. "Farsta"; D is decided by arbetsmarknadsnämnden. */
  district?: string;
  caseRef?: string;
  /** False when the investigation found the client outside the insats's target group. */
  inTargetGroup?: boolean;
  /** D: which outreach group the client belongs to, when known. */
  outreachGroup?: "uvas" | "kvinnor";
}

export interface DecisionDocument {
  text: string;
  /** Every paragraph the text cites, with its act and the act version's dates. */
  legalBasis: LawRef[];
}

export interface DecisionTextInput {
  caseRef: string;
  state: CaseState & { decision: Decision };
  /** The district (stadsdelsnämnd) deciding A, B and C; D is decided by arbetsmarknadsnämnden. */
  district: string;
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
const assessment = (what: string) => `[Individuell bedömning: ${what}]`;

/** A criterion as a finding about the client (grant) and as a requirement (rejection). */
interface Finding {
  found: string;
  required: string;
}

const outreachGroups = {
  uvas: {
    found: "du är mellan 19 och 29 år och varken arbetar eller studerar",
    required:
      "vara mellan 19 och 29 år och varken arbeta eller studera, eller vara kvinna med svag ställning på arbetsmarknaden",
  },
  kvinnor: {
    found: "du har en svag ställning på arbetsmarknaden",
    required:
      "vara mellan 19 och 29 år och varken arbeta eller studera, eller vara kvinna med svag ställning på arbetsmarknaden",
  },
} as const;

const noForsorjningsstod: Finding = {
  found: "du har inte försörjningsstöd",
  required: "inte ha försörjningsstöd",
};

/** The criteria kommunfullmäktige set, as the sources state them (003 §4.2.3; 001 "Alfa", "Iwork"; 002). */
function findings(request: DecisionRequest): Finding[] {
  switch (request.insats) {
    case "sis-socialpsykiatri":
      return [
        { found: "du tillhör socialpsykiatrins målgrupp", required: "tillhöra socialpsykiatrins målgrupp" },
        {
          found: "du är mellan 18 och 64 år, bor i Stockholms stad och står utanför arbetsmarknaden",
          required: "vara mellan 18 och 64 år, bo i Stockholms stad och stå utanför arbetsmarknaden",
        },
        noForsorjningsstod,
        {
          found: "du har en pågående kontakt med specialistpsykiatrin",
          required: "ha en pågående kontakt med specialistpsykiatrin när du ansöker",
        },
        {
          found: "ditt primära mål är arbete eller studier",
          required: "ha arbete eller studier som primärt mål",
        },
        {
          found: "du har varaktiga stödbehov och kan inte på egen hand finna, få och behålla ett arbete",
          required:
            "ha varaktiga stödbehov som gör att du inte kan finna, få och behålla ett arbete på egen hand",
        },
        {
          found:
            "du vill arbeta eller studera, vet vad som krävs och är beredd att lägga ner det arbete som krävs",
          required:
            "vilja arbeta eller studera, veta vad som krävs och vara beredd att lägga ner det arbete som krävs",
        },
        {
          found: "du samtycker till att insatsen samordnas med specialistpsykiatrin",
          required: "samtycka till att insatsen samordnas med specialistpsykiatrin",
        },
        {
          found:
            "du bedöms kunna börja arbeta inom insatsen tillsammans med en arbetsspecialist (nämnden har gjort bedömningen efter att ha hämtat in arbetsspecialistens bedömning från Jobbtorg)",
          required: "bedömas kunna börja arbeta inom insatsen tillsammans med en arbetsspecialist",
        },
        {
          found: "Arbetsförmedlingen bedöms inte kunna erbjuda dig en lämplig arbetsmarknadspolitisk åtgärd",
          required: "inte kunna få en lämplig arbetsmarknadspolitisk åtgärd genom Arbetsförmedlingen",
        },
      ];
    case "lss-insteg":
    case "lss-sis":
      return [
        {
          found: `du tillhör personkrets 1 eller 2 enligt ${lawText(lssPersonkrets)} (LSS)`,
          required: `tillhöra personkrets 1 eller 2 enligt ${lawText(lssPersonkrets)} (LSS)`,
        },
        {
          found: "du har uttryckt en önskan om att arbeta eller studera",
          required: "ha uttryckt en önskan om att arbeta eller studera",
        },
        noForsorjningsstod,
      ];
    case "uvas-kvinnor-sis": {
      const group = request.outreachGroup
        ? outreachGroups[request.outreachGroup]
        : {
            found: fillIn(
              "välj: du är mellan 19 och 29 år och varken arbetar eller studerar / du har en svag ställning på arbetsmarknaden",
            ),
            required: outreachGroups.uvas.required,
          };
      return [
        {
          found: "du har kommit i kontakt med Jobbtorg genom arbetsmarknadsnämndens uppsökande arbete",
          required: "ha nåtts genom arbetsmarknadsnämndens uppsökande arbete",
        },
        group,
        noForsorjningsstod,
      ];
    }
    case "sysselsattning":
      return [
        { found: "du tillhör socialpsykiatrins målgrupp", required: "tillhöra socialpsykiatrins målgrupp" },
        {
          found:
            "du saknar annan daglig sysselsättning eller aktivitet på grund av din psykiska funktionsnedsättning",
          required:
            "sakna annan daglig sysselsättning eller aktivitet på grund av psykisk funktionsnedsättning",
        },
      ];
  }
}

/** "– a,\n– b,\n– c." as lines. */
function list(items: readonly string[]): string[] {
  return items.map((item, i) => `– ${item}${i === items.length - 1 ? "." : ","}`);
}

function board(request: DecisionRequest): string {
  if (caseTypeOfInsats[request.insats] === "D") return "Arbetsmarknadsnämnden";
  return request.district ? `${request.district} stadsdelsnämnd` : fillIn("stadsdelsnämndens namn");
}

/** "Farsta stadsdelsnämnd" as the object of a sentence; "arbetsmarknadsnämnden" in lower case. */
function boardInText(request: DecisionRequest): string {
  return caseTypeOfInsats[request.insats] === "D" ? "arbetsmarknadsnämnden" : board(request);
}

function period(decision: Decision): string {
  if (!decision.periodFrom) return "";
  return decision.periodTo
    ? `från och med den ${swedishDate(decision.periodFrom)} till och med den ${swedishDate(decision.periodTo)}`
    : `från och med den ${swedishDate(decision.periodFrom)}`;
}

/** The right to insatser in the words of the act in force (the new act: insatser, skäliga levnadsförhållanden). */
function rightInWords(on: IsoDate): string {
  const law = lawText(lawOn("rightToInsatser", on));
  return underNewAct(on)
    ? `Enligt ${law} har den som inte själv kan tillgodose sina personliga behov, och inte heller kan få dem tillgodosedda på annat sätt, rätt att få insatser av socialnämnden för dessa behov. Genom insatserna ska den enskilde tillförsäkras skäliga levnadsförhållanden.`
    : `Enligt ${law} har den som inte själv kan tillgodose sina behov eller kan få dem tillgodosedda på annat sätt rätt till bistånd av socialnämnden för sin livsföring i övrigt. Genom biståndet ska den enskilde tillförsäkras en skälig levnadsnivå.`;
}

function heading(request: DecisionRequest, applied: string, basis: readonly LawRef[]): string[] {
  const { decision } = request;
  const decider =
    caseTypeOfInsats[request.insats] === "D" ? "Arbetsmarknadsnämnden (Jobbtorg Stockholm)" : board(request);
  return [
    "BESLUT",
    `Ärende: ${request.caseRef ?? fillIn("ärendereferens")}`,
    `Beslutsdatum: ${swedishDate(decision.decidedOn)}`,
    `Beslutande: ${decider}, ${fillIn("beslutsfattarens namn och titel enligt delegationsordningen")}`,
    `Ansökan: ${applied}`,
    `Lagrum: ${lawList(basis)}`,
  ];
}

/** "11 kap. 1 § och 11 kap. 4 § socialtjänstlagen (2025:400)": paragraphs of one act share its name. */
function lawList(refs: readonly LawRef[]): string {
  const byAct = new Map<string, string[]>();
  for (const ref of refs) byAct.set(ref.act, [...(byAct.get(ref.act) ?? []), ref.law]);
  return [...byAct].map(([act, laws]) => `${laws.join(" och ")} ${act}`).join("; ");
}

const amendmentReservation = [
  "Ändringsförbehåll",
  "Beslutet kan komma att ändras eller upphöra att gälla om dina förhållanden ändras väsentligt, till exempel om ditt behov av insatsen förändras eller om förutsättningarna för den inte längre finns. Innan nämnden ändrar beslutet får du veta varför och får möjlighet att lämna dina synpunkter.",
];

/** Förvaltningsbesvär: to the nämnd that decided, within three weeks of receipt; it forwards the appeal. */
function appealByBesvar(request: DecisionRequest, what: string): string {
  const on = request.decision.decidedOn;
  return (
    `${what} kan du överklaga till förvaltningsrätten (förvaltningsbesvär). Skriv till ${boardInText(request)} och tala om vilket beslut du överklagar, hur du vill att det ska ändras och varför. ` +
    "Skicka gärna med handlingar som stöder det du skriver. " +
    "Ditt överklagande ska ha kommit in till nämnden inom tre veckor från den dag du fick del av beslutet. " +
    "Nämnden kan själv ändra beslutet; annars skickar nämnden överklagandet och handlingarna i ärendet vidare till förvaltningsrätten. " +
    `(${lawText(lawOn("appealable", on))} och ${lawText(appealProcedure)}.)`
  );
}

/** Laglighetsprövning: any member of the municipality, to förvaltningsrätten, three weeks from the notice; legality only. */
function appealByLegalityReview(request: DecisionRequest, what: string): string {
  const on = request.decision.decidedOn;
  return (
    `${what} kan inte överklagas genom förvaltningsbesvär, eftersom det inte hör till de beslut som räknas upp i ${lawText(lawOn("appealable", on))}. ` +
    `Det kan i stället prövas genom laglighetsprövning enligt ${lawText(legalityReview)}. Det kan varje medlem av kommunen begära, inte bara du. ` +
    "Överklagandet skickas till förvaltningsrätten och ska ha kommit in dit inom tre veckor från den dag då det tillkännagavs på kommunens anslagstavla att protokollet där beslutet redovisas har justerats. " +
    "Domstolen prövar bara om beslutet är lagligt – om det har kommit till på rätt sätt, om det gäller något som nämnden får besluta om och om det strider mot lag eller annan författning. " +
    "Domstolen kan upphäva beslutet men inte sätta ett annat beslut i dess ställe."
  );
}

const helpWithAppeal = "Vill du ha hjälp att överklaga kan du kontakta din handläggare.";

function periodMotivation(request: DecisionRequest): string[] {
  const { decision } = request;
  if (request.insats === "lss-insteg") {
    return [
      "Insteg är en inledande period om fyra månader då du kan prova insatsen. Du behöver inte ha haft Insteg för att senare kunna ansöka om den längre insatsen.",
    ];
  }
  if (request.insats === "lss-sis") {
    return decision.specialReason
      ? [
          `Insatsen beviljas för längre tid än två år eftersom det finns särskilda skäl. ${assessment("de särskilda skälen")}`,
        ]
      : ["Insatsen beviljas som utgångspunkt för två år."];
  }
  return [];
}

function twoStepText(request: DecisionRequest): DecisionDocument {
  const { decision } = request;
  const on = decision.decidedOn;
  const right = lawOn("rightToInsatser", on);
  const beyond = lawOn("beyondRight", on);
  const name = insatsNames[request.insats];
  const basis = [right, beyond];
  const lines = [...heading(request, name, basis), ""];
  lines.push(
    `Beslut 1 – rätten till ${underNewAct(on) ? "insatser" : "bistånd"} enligt ${lawText(right)}`,
    `Din ansökan om ${name} avslås enligt ${lawText(right)}.`,
    "",
    "Motivering",
    `${rightInWords(on)} Det tidsbegränsade, särskilda stöd till arbete eller studier som du har ansökt om går utöver de insatser som nämnden är skyldig att ge enligt den bestämmelsen. Det ingår därför inte i din rätt till ${underNewAct(on) ? "insatser" : "bistånd"}. Din ansökan prövas i stället direkt enligt ${lawText(beyond)}, se beslut 2.`,
    "",
    `Beslut 2 – ${underNewAct(on) ? "insatser" : "bistånd"} utöver rätten enligt ${lawText(beyond)}`,
  );
  const criteria = findings(request);
  const beyondInWords = `Enligt ${lawText(beyond)} får nämnden ge ${underNewAct(on) ? "insatser för personliga behov" : "bistånd"} utöver vad som följer av ${right.law} om det finns skäl för det. Kommunfullmäktige har beslutat vilka kriterier som gäller för insatsen.`;
  if (decision.outcome === "avslag") {
    lines.push(
      `Din ansökan om ${name} avslås även vid prövning enligt ${lawText(beyond)}.`,
      "",
      "Motivering",
      beyondInWords,
      "För att beviljas insatsen ska du",
      ...list(criteria.map((c) => c.required)),
      request.inTargetGroup === false
        ? "Utredningen visar att du inte tillhör insatsens målgrupp."
        : "Utredningen visar att du inte uppfyller alla kriterierna.",
      assessment("vilket eller vilka kriterier som inte är uppfyllda och vad i utredningen som visar det"),
    );
  } else {
    lines.push(
      `Du beviljas ${name} enligt ${lawText(beyond)} ${period(decision)}.`,
      "",
      "Motivering",
      beyondInWords,
      "Utredningen visar att",
      ...list(criteria.map((c) => c.found)),
      "Du uppfyller därmed kriterierna för insatsen.",
      assessment(
        "ditt behov, syfte och din målsättning med insatsen och varför insatsen bedöms lämplig för dig",
      ),
      ...periodMotivation(request),
      "Insatsen följs upp tillsammans med dig och Jobbtorg minst var sjätte månad.",
    );
    if (decision.amendmentReservation) lines.push("", ...amendmentReservation);
  }
  lines.push(
    "",
    "Hur du överklagar",
    appealByBesvar(request, `Beslut 1, avslaget enligt ${right.law},`),
    appealByLegalityReview(request, `Beslut 2, beslutet enligt ${beyond.law},`),
    helpWithAppeal,
  );
  if (caseTypeOfInsats[request.insats] === "D") {
    lines.push(
      "",
      "Anmälan av beslutet",
      "Beslutet anmäls till arbetsmarknadsnämnden eller protokollförs särskilt, så att det finns tillgängligt för kommunens medlemmar i avidentifierad form och kan laglighetsprövas.",
    );
  }
  return {
    text: lines.join("\n"),
    legalBasis: [right, beyond, lawOn("appealable", on), appealProcedure, legalityReview],
  };
}

function sysselsattningText(request: DecisionRequest): DecisionDocument {
  const { decision } = request;
  const on = decision.decidedOn;
  const right = lawOn("rightToInsatser", on);
  const law = lawText(right);
  const applied = decision.appliedInterval ? intervalText[decision.appliedInterval] : undefined;
  const appliedText = `sysselsättning${applied ? ` med en omfattning av ${applied}` : ""}`;
  const granted = decision.grantedInterval
    ? intervalText[decision.grantedInterval]
    : fillIn("beviljat intervall");
  const orientation = decision.orientation ? ` (${orientationText[decision.orientation]})` : "";
  const lines = [...heading(request, appliedText, [right]), "", "Beslut"];
  if (decision.outcome === "avslag") {
    lines.push(`Din ansökan om ${appliedText} avslås enligt ${law}.`);
  } else {
    lines.push(
      `Du beviljas sysselsättning${orientation} enligt ${law} med en omfattning av ${granted} ${period(decision)}.`,
    );
    if (decision.outcome === "delavslag")
      lines.push(`Din ansökan om ${appliedText} avslås i övrigt (delavslag).`);
  }
  lines.push("", "Motivering", rightInWords(on));
  const criteria = findings(request);
  if (decision.outcome === "avslag") {
    lines.push(
      "Sysselsättning är en insats för den som tillhör socialpsykiatrins målgrupp och saknar annan daglig sysselsättning eller aktivitet på grund av psykisk funktionsnedsättning.",
      request.inTargetGroup === false
        ? "Utredningen visar att du inte tillhör socialpsykiatrins målgrupp."
        : "Utredningen visar att ditt behov inte är sådant att det ska tillgodoses genom sysselsättning, eller att det tillgodoses på annat sätt.",
      assessment("vad i utredningen som visar det, utifrån ditt behov, syfte och din målsättning"),
    );
  } else {
    lines.push(
      "Utredningen visar att",
      ...list([...criteria.map((c) => c.found), "ditt behov inte kan tillgodoses på annat sätt"]),
      decision.outcome === "delavslag"
        ? `Ditt behov tillgodoses med en omfattning av ${granted}, inte ${applied ?? fillIn("sökt intervall")} som du har ansökt om.`
        : `Ditt behov tillgodoses med en omfattning av ${granted}.`,
      assessment(
        decision.outcome === "delavslag"
          ? "ditt behov, syfte och din målsättning med sysselsättningen och varför behovet tillgodoses med en lägre omfattning än du har ansökt om"
          : "ditt behov, syfte och din målsättning med sysselsättningen och varför omfattningen motsvarar behovet",
      ),
      "Omfattningen anges i ett av stadens tre intervall: 1–12, 10–24 eller 22–40 timmar i veckan. Inom intervallet kan du själv välja hur mycket du deltar. Vill du delta mer än intervallet tillåter behövs en ny bedömning och ett nytt beslut.",
      "Sysselsättningen följs upp minst var sjätte månad.",
    );
    if (decision.amendmentReservation) lines.push("", ...amendmentReservation);
  }
  const legalBasis: LawRef[] = [right];
  if (decision.outcome !== "bifall") {
    lines.push(
      "",
      "Hur du överklagar",
      appealByBesvar(request, "Om du inte är nöjd med beslutet"),
      helpWithAppeal,
    );
    legalBasis.push(lawOn("appealable", on), appealProcedure);
  }
  return { text: lines.join("\n"), legalBasis };
}

/** The decision text and the paragraphs it cites, for a decision on an insats. */
export function renderDecision(request: DecisionRequest): DecisionDocument {
  return decidesInTwoSteps(caseTypeOfInsats[request.insats])
    ? twoStepText(request)
    : sysselsattningText(request);
}

/** The decision text for a case's recorded decision. */
export function decisionText(input: DecisionTextInput): string {
  const { state } = input;
  // Only when the case settles it: a young woman may be in either group.
  const young = state.age >= 19 && state.age <= 29;
  const outreachGroup =
    state.insats !== "uvas-kvinnor-sis"
      ? undefined
      : young && state.gender !== "kvinna"
        ? "uvas"
        : !young && state.gender === "kvinna"
          ? "kvinnor"
          : undefined;
  return renderDecision({
    insats: state.insats,
    decision: state.decision,
    district: input.district,
    caseRef: input.caseRef,
    ...(state.targetGroup ? { inTargetGroup: state.targetGroup.belongs } : {}),
    ...(outreachGroup ? { outreachGroup } : {}),
  }).text;
}
