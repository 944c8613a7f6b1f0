/**
 * Every insats the bot knows, as data (DOMAIN.md A–E). Criteria are the sources' own; where a
 * source is silent the insats says so in `silences` instead of inventing a criterion.
 */
import { allOf, anyOf, between, isFalse, isTrue, oneOf } from "./logic.js";
import { chapter4Section1, chapter4Section2, cite, lss, sol2001, withoutAssessment } from "./sources.js";
import type { Criterion, Insats, InsatsId } from "./types.js";

type InsatsData = Omit<Insats, "criteria"> & { criteria: Criterion[] };

const alfaSection = "Bakgrund – Alfa";
const criteria003 = "4.2.3 Handläggning och kriterier";
const forsorjningsstod001 = cite("socialnamnden2023", "Skäl till förslaget");

/** No försörjningsstöd: those on it get Jobbtorg's support through their planning instead (001). */
const noForsorjningsstod = (id: string, citations = [forsorjningsstod001]): Criterion => ({
  id,
  text: "Får inte försörjningsstöd (då ges Jobbtorgs stöd inom planeringen för försörjningsstöd, utan detta beslut)",
  condition: isFalse("receivesForsorjningsstod"),
  citations,
});

const wishesWorkOrStudies = (id: string, text: string, citations: Criterion["citations"]): Criterion => ({
  id,
  text,
  condition: isTrue("wishesWorkOrStudies"),
  citations,
});

const folkbokford = (id: string, section: string): Criterion => ({
  id,
  text: "Folkbokförd i Stockholms stad",
  condition: isTrue("folkbokfordStockholm"),
  citations: [cite("utanBehovsprovning", section)],
});

/**
 * Provided without a decision: before 1 July 2025 as an open insats within outreach under the old
 * act, from then under 11 kap. 5 § of the new one (000).
 */
const withoutAssessmentBasis = [
  cite("utanBehovsprovning", "Arbetsmarknadsförvaltningens synpunkter och förslag", {
    law: "3 kap. 1 § fjärde strecksatsen och 3 kap. 4 §",
    ...sol2001,
    note: "öppen insats (uppsökande verksamhet) utan biståndsbeslut",
  }),
  withoutAssessment,
];

const twoStepDecision = (source: "tillampningsanvisningar" | "socialnamnden2023", section: string) => [
  ...chapter4Section1(source, section),
  ...chapter4Section2(source, section),
];

const lssDecision = [
  ...chapter4Section1("bromma", "Ärendet"),
  ...chapter4Section2(
    "socialnamnden2023",
    "Möjligheter för kommunen att bevilja insatser enligt 4 kap. 2 § SoL",
  ),
];

const lssPersonkrets12: Criterion = {
  id: "lss-personkrets-1-2",
  text: "Tillhör personkrets 1 eller 2 enligt LSS",
  condition: oneOf("lssPersonkrets", [1, 2]),
  citations: [
    cite("socialnamnden2023", "Bakgrund – Iwork", { law: "1 § p. 1–2", ...lss }),
    cite("bromma", "Ärendet"),
  ],
};

/** The two Iwork insatser (004) differ in name, length and id; the sources give both the same criteria. */
function iworkInsats(
  parts: Pick<InsatsData, "id" | "name" | "shortName" | "description" | "durations" | "synonyms"> & {
    criterionPrefix: string;
  },
): InsatsData {
  const { criterionPrefix, ...insats } = parts;
  return {
    ...insats,
    decidedBy: "stadsdelsnämnd",
    needsAssessment: true,
    legalBasis: lssDecision,
    combinableWith: ["daglig verksamhet", "sysselsattning"],
    excludedWith: ["försörjningsstöd"],
    criteria: [
      lssPersonkrets12,
      wishesWorkOrStudies(`${criterionPrefix}-onskan`, "Uttrycker en önskan om arbete eller studier", [
        cite("socialnamnden2023", "Bakgrund – Iwork"),
      ]),
      noForsorjningsstod(`${criterionPrefix}-forsorjningsstod`),
    ],
    silences: [iworkSilence],
  };
}

const iworkSilence =
  "Källorna anger inte Iworks exakta kriterier (004: ”Kriterierna för att beviljas insteg är färre”). Regeln prövar bara det källorna säger: personkrets 1 eller 2, önskan om arbete eller studier och att försörjningsstöd inte uppbärs.";

const data: readonly InsatsData[] = [
  {
    id: "sis-socialpsykiatri",
    name: "Särskilt individanpassad stödinsats för att underlätta arbete eller studier – socialpsykiatri (Alfa)",
    shortName: "Alfa",
    description:
      "Stöd till arbete eller studier enligt IPS-metoden hos Jobbtorg Alfa för personer i socialpsykiatrins målgrupp. Beslutas av stadsdelsnämnden som avslag enligt 4 kap. 1 § och bifall enligt 4 kap. 2 § SoL.",
    decidedBy: "stadsdelsnämnd",
    needsAssessment: true,
    legalBasis: twoStepDecision("tillampningsanvisningar", criteria003),
    durations: { followUpMonths: 6 },
    combinableWith: ["sysselsattning"],
    excludedWith: ["försörjningsstöd"],
    criteria: [
      {
        id: "alfa-malgrupp",
        text: "Tillhör socialpsykiatrins målgrupp (Nationell psykiatrisamordnings definition)",
        condition: isTrue("socialpsykiatriTargetGroup"),
        citations: [cite("tillampningsanvisningar", "1.1 Vad är sysselsättning?")],
      },
      {
        id: "alfa-alder",
        text: "Är 18–64 år",
        condition: between("age", 18, 64),
        citations: [cite("socialnamnden2023", alfaSection)],
      },
      {
        id: "alfa-bosatt",
        text: "Bosatt i Stockholms stad",
        condition: isTrue("bosattStockholm"),
        citations: [cite("socialnamnden2023", alfaSection)],
      },
      {
        id: "alfa-utanfor-arbetsmarknaden",
        text: "Står utanför arbetsmarknaden",
        condition: isFalse("working"),
        citations: [cite("socialnamnden2023", alfaSection)],
      },
      noForsorjningsstod("alfa-forsorjningsstod"),
      {
        id: "alfa-specialistpsykiatri",
        text: "Har en pågående kontakt med specialistpsykiatrin vid ansökningstillfället",
        condition: isTrue("specialistPsychiatryContact"),
        citations: [cite("tillampningsanvisningar", criteria003, { law: "4 kap. 2 §", ...sol2001 })],
      },
      {
        id: "alfa-primart-mal",
        text: "Den enskildes primära mål är arbete eller studier",
        condition: isTrue("primaryGoalWorkOrStudies"),
        citations: [cite("tillampningsanvisningar", criteria003)],
      },
      {
        id: "alfa-varaktiga-stodbehov",
        text: "Har varaktiga stödbehov: kan inte finna, få och behålla ett arbete på egen hand",
        condition: isTrue("lastingSupportNeeds"),
        citations: [cite("tillampningsanvisningar", criteria003)],
      },
      wishesWorkOrStudies(
        "alfa-onskan",
        "Vill arbeta eller studera, är införstådd i vad som krävs och beredd att lägga ner det arbete som krävs",
        [cite("tillampningsanvisningar", criteria003)],
      ),
      {
        id: "alfa-samtycke",
        text: "Samtycker till att insatsen samordnas med specialistpsykiatrin",
        condition: isTrue("consentsPsychiatryCoordination"),
        citations: [cite("tillampningsanvisningar", criteria003)],
      },
      {
        id: "alfa-arbetsspecialistens-bedomning",
        text: "Bedöms kunna börja arbeta inom insatsen med arbetsspecialist – handläggaren bedömer efter Jobbtorgs arbetsspecialists bedömning",
        condition: isTrue("workSpecialistAssessedReady"),
        citations: [cite("tillampningsanvisningar", criteria003)],
      },
      {
        id: "alfa-arbetsformedlingen",
        text: "Arbetsförmedlingen bedöms inte kunna erbjuda en lämplig arbetsmarknadspolitisk åtgärd",
        condition: isFalse("arbetsformedlingenCanOffer"),
        citations: [cite("tillampningsanvisningar", criteria003)],
      },
    ],
    silences: [],
    synonyms: [
      "alfa",
      "ips",
      "särskilt individanpassad stödinsats",
      "individanpassat stöd socialpsykiatri",
      "4 kap 2",
      "arbetsspecialist",
    ],
  },
  iworkInsats({
    id: "lss-insteg",
    name: "Särskilt individanpassat stöd till arbete eller studier Insteg (Iwork)",
    shortName: "Insteg",
    description:
      "En inledande prövoperiod på fyra månader hos Jobbtorg Iwork för personer i LSS personkrets 1 eller 2 som vill arbeta eller studera. Inget krav för att senare få den längre insatsen.",
    durations: { months: 4, followUpMonths: 6 },
    criterionPrefix: "insteg",
    synonyms: ["insteg", "iwork insteg", "prova iwork", "fyra månader"],
  }),
  iworkInsats({
    id: "lss-sis",
    name: "Särskilt individanpassat stöd till arbete eller studier (Iwork)",
    shortName: "Iwork",
    description:
      "Stöd till arbete eller studier med supported employment hos Jobbtorg Iwork för personer i LSS personkrets 1 eller 2, som komplement till eller övergång från daglig verksamhet. Beviljas normalt för två år.",
    durations: { months: 24, longer: "längre när det finns särskilda skäl (004)", followUpMonths: 6 },
    criterionPrefix: "iwork",
    synonyms: ["iwork", "lss", "personkrets", "supported employment", "jobbcoach", "daglig verksamhet"],
  }),
  {
    id: "sysselsattning",
    name: "Sysselsättning (socialpsykiatri)",
    shortName: "Sysselsättning",
    description:
      "Strukturerad sysselsättning med mål och delmål för den som saknar annan daglig sysselsättning på grund av psykisk funktionsnedsättning – socialt inriktad eller arbetsrehabiliterande, i ett av tre timintervall.",
    decidedBy: "stadsdelsnämnd",
    needsAssessment: true,
    legalBasis: chapter4Section1("tillampningsanvisningar", "2. Ansökan, utredning och beslut"),
    durations: { followUpMonths: 6 },
    combinableWith: ["sis-socialpsykiatri"],
    excludedWith: [],
    criteria: [
      {
        id: "sysselsattning-saknar-daglig-sysselsattning",
        text: "Saknar annan daglig sysselsättning eller aktivitet på grund av psykisk funktionsnedsättning",
        condition: isTrue("lacksDailyOccupationDueToPsychDisability"),
        citations: [
          cite("tillampningsanvisningar", "2.1.1 Vem har rätt till sysselsättning?", {
            law: "4 kap. 1 §",
            ...sol2001,
          }),
        ],
      },
    ],
    silences: [
      "Inget krav på sjukersättning, läkarintyg eller inskrivning hos Arbetsförmedlingen (003 §3.2, §4.1). Arbetsför ålder; över 65 år prövas behovet via äldreomsorgen.",
    ],
    orientations: ["socialt inriktad", "arbetsrehabiliterande"],
    hourIntervals: [
      { min: 1, max: 12 },
      { min: 10, max: 24 },
      { min: 22, max: 40 },
    ],
    synonyms: [
      "sysselsättning",
      "daglig sysselsättning",
      "arbetsrehabiliterande",
      "socialt inriktad",
      "timintervall",
    ],
  },
  {
    id: "uvas-kvinnor-sis",
    name: "Särskilt individanpassad stödinsats för vissa målgrupper som nås via arbetsmarknadsnämndens uppsökande uppdrag",
    shortName: "Uppsökande (UVAS/kvinnor)",
    description:
      "Arbetsmarknadsinsats efter individuell prövning för unga 19–29 år som varken arbetar eller studerar (UVAS) och kvinnor med svag ställning på arbetsmarknaden, som nåtts via det uppsökande arbetet. Beslutas av arbetsmarknadsnämnden (Jobbtorg).",
    decidedBy: "arbetsmarknadsnämnd",
    needsAssessment: true,
    legalBasis: chapter4Section2("farsta", "Remissen i sammanfattning"),
    durations: { followUpMonths: 6 },
    combinableWith: [],
    excludedWith: ["försörjningsstöd"],
    criteria: [
      {
        id: "uppsokande-nadd",
        text: "Nådd via arbetsmarknadsnämndens uppsökande uppdrag",
        condition: isTrue("reachedViaOutreach"),
        citations: [
          cite("farsta", "Bakgrund"),
          cite(
            "utanBehovsprovning",
            "1. Råd och stöd till personer som nås via arbetsmarknadsnämndens uppsökande uppdrag",
          ),
        ],
      },
      {
        id: "uppsokande-malgrupp",
        text: "Ung 19–29 år som varken arbetar eller studerar (UVAS), eller kvinna med svag ställning på arbetsmarknaden",
        condition: anyOf(
          allOf(between("age", 19, 29), isFalse("working"), isFalse("studying")),
          allOf(oneOf("gender", ["kvinna"]), isTrue("weakLabourMarketPosition")),
        ),
        citations: [cite("farsta", "Sammanfattning")],
      },
      noForsorjningsstod("uppsokande-forsorjningsstod", [cite("farsta", "Remissen i sammanfattning")]),
      {
        id: "uppsokande-tillhorighet",
        text: "Stockholms stad är ansvarig kommun (tillhörighet) – här prövat som bosatt i Stockholms stad",
        condition: isTrue("bosattStockholm"),
        citations: [cite("farsta", "Förvaltningens synpunkter och förslag")],
      },
    ],
    silences: [
      "Varje beslut ska anmälas till nämnden eller protokollföras så att det finns tillgängligt i avidentifierad form och kan laglighetsprövas (002).",
    ],
    synonyms: [
      "uvas",
      "unga som varken arbetar eller studerar",
      "uppsökande",
      "kvinnor med svag ställning",
      "utrikesfödda kvinnor",
    ],
  },
  {
    id: "arbetsmarknadsradgivning",
    name: "Arbetsmarknadsrådgivning",
    shortName: "Arbetsmarknadsrådgivning",
    description:
      "Stöd vid ett till fyra tillfällen – coachning, studie- och yrkesvägledning, CV och arbetsgivarkontakter – för den som nås via det uppsökande arbetet. Tidigare ”Råd och stöd”. Utan individuell behovsprövning.",
    decidedBy: "arbetsmarknadsnämnd",
    needsAssessment: false,
    legalBasis: withoutAssessmentBasis,
    durations: { occasions: { min: 1, max: 4 } },
    combinableWith: [],
    excludedWith: [],
    criteria: [
      {
        id: "radgivning-uppsokande",
        text: "Nådd via arbetsmarknadsnämndens uppsökande uppdrag",
        condition: isTrue("reachedViaOutreach"),
        citations: [
          cite(
            "utanBehovsprovning",
            "1. Råd och stöd till personer som nås via arbetsmarknadsnämndens uppsökande uppdrag",
          ),
        ],
      },
    ],
    silences: [],
    synonyms: ["råd och stöd", "arbetsmarknadsrådgivning", "rådgivning", "cv", "vägledning", "coachning"],
  },
  {
    id: "forebygga-skolavbrott",
    name: "Förebygga skolavbrott",
    shortName: "Förebygga skolavbrott",
    description:
      "Individuellt stöd och vägledning till gymnasieelever som riskerar att avbryta studierna. Utan individuell behovsprövning.",
    decidedBy: "arbetsmarknadsnämnd",
    needsAssessment: false,
    legalBasis: withoutAssessmentBasis,
    durations: {},
    combinableWith: [],
    excludedWith: [],
    criteria: [
      {
        id: "skolavbrott-under-20",
        text: "Är under 20 år",
        condition: between("age", undefined, 19),
        citations: [cite("utanBehovsprovning", "2. Förebygga skolavbrott")],
      },
      folkbokford("skolavbrott-folkbokford", "2. Förebygga skolavbrott"),
      {
        id: "skolavbrott-gymnasiet",
        text: "Studerar på gymnasiet",
        condition: isTrue("studiesGymnasium"),
        citations: [cite("utanBehovsprovning", "2. Förebygga skolavbrott")],
      },
      {
        id: "skolavbrott-risk",
        text: "Riskerar att avbryta sina studier",
        condition: isTrue("atRiskOfDropout"),
        citations: [cite("utanBehovsprovning", "2. Förebygga skolavbrott")],
      },
    ],
    silences: [],
    synonyms: ["skolavbrott", "hoppa av gymnasiet", "avhopp", "riskerar att hoppa av", "gymnasieelev"],
  },
  {
    id: "bron",
    name: "Bron – stöd till unga som går sista året i anpassad gymnasieskola",
    shortName: "Bron",
    description:
      "Individuellt stöd och rådgivning i övergången från anpassad gymnasieskola till arbete eller studier, under sista skolåret. Utan individuell behovsprövning.",
    decidedBy: "arbetsmarknadsnämnd",
    needsAssessment: false,
    legalBasis: withoutAssessmentBasis,
    durations: {},
    combinableWith: [],
    excludedWith: [],
    criteria: [
      folkbokford("bron-folkbokford", "3. Bron - stöd till unga som går sista året i anpassad gymnasieskola"),
      {
        id: "bron-sista-aret",
        text: "Studerar sista året på anpassad gymnasieskola",
        condition: isTrue("anpassadGymnasieskolaFinalYear"),
        citations: [
          cite("utanBehovsprovning", "3. Bron - stöd till unga som går sista året i anpassad gymnasieskola"),
        ],
      },
    ],
    silences: [
      "Den som behöver stöd efter skolan kan ansöka om särskilt individanpassad stödinsats (Alfa eller Iwork) efter individuell prövning (000).",
    ],
    synonyms: ["bron", "anpassad gymnasieskola", "gymnasiesärskola", "särskola", "sista året"],
  },
  {
    id: "etableringsstod-nyanlanda",
    name: "Etableringsstöd till nyanlända (Welcome House)",
    shortName: "Etableringsstöd",
    description:
      "Arbetsmarknadsinriktat stöd och vägledning, digitalt stöd, hälsoinformation och föreningsaktiviteter för nyanlända vid Welcome House. Utan individuell behovsprövning.",
    decidedBy: "arbetsmarknadsnämnd",
    needsAssessment: false,
    legalBasis: withoutAssessmentBasis,
    durations: {},
    combinableWith: [],
    excludedWith: [],
    criteria: [
      {
        id: "etablering-nagon-av",
        text: "Nyanländ som något av: uppehållstillstånd som flykting eller skyddsbehövande högst 36 månader gammalt; bor på SHIS Bostäder (högst 5 år); omfattas av massflyktsdirektivet; anhörig som fått uppehållstillstånd inom 6 år från den anhöriges",
        condition: anyOf(
          between("residencePermitRefugeeOrProtectionMonths", undefined, 36),
          allOf(isTrue("livesInShis"), between("shisYears", undefined, 5)),
          isTrue("massflyktsdirektivet"),
          isTrue("relativePermitWithinSixYears"),
        ),
        citations: [cite("utanBehovsprovning", "4. Etableringsstöd till nyanlända")],
      },
    ],
    silences: [],
    synonyms: [
      "welcome house",
      "nyanländ",
      "nyanlända",
      "etablering",
      "flykting",
      "shis",
      "massflyktsdirektivet",
      "uppehållstillstånd",
    ],
  },
  {
    id: "ips-psykosvarden",
    name: "IPS integrerat i psykosvården",
    shortName: "IPS i psykosvården",
    description:
      "Arbetsspecialister från Jobbtorg arbetar med IPS på de psykosmottagningar som deltar i projektet med Region Stockholm. Utan individuell behovsprövning under projekttiden.",
    decidedBy: "arbetsmarknadsnämnd",
    needsAssessment: false,
    legalBasis: withoutAssessmentBasis,
    durations: {},
    combinableWith: [],
    excludedWith: [],
    criteria: [
      folkbokford("ips-folkbokford", "5. IPS integrerat i psykosvården"),
      {
        id: "ips-psykosmottagning",
        text: "Inskriven på en psykosmottagning som deltar i projektet",
        condition: isTrue("enrolledParticipatingPsychosisClinic"),
        citations: [cite("utanBehovsprovning", "5. IPS integrerat i psykosvården")],
      },
    ],
    period: {
      to: "ipsProjectEnd",
      citations: [cite("utanBehovsprovning", "5. IPS integrerat i psykosvården")],
    },
    silences: [
      "Gäller bara under projekttiden. Källan anger inget slutdatum; det sätts med IPS_PROJECT_END.",
    ],
    synonyms: ["ips psykos", "psykosvården", "psykosmottagning", "ips integrerat"],
  },
];

export const insatser: readonly Insats[] = data.map((insats) => ({
  ...insats,
  criteria: insats.criteria.map((criterion) => ({ ...criterion, facts: criterion.condition.reads })),
}));

const byId = new Map(insatser.map((insats) => [insats.id, insats]));

export function getInsats(id: InsatsId): Insats {
  const insats = byId.get(id);
  if (!insats) throw new RangeError(`okänd insats ${id}`);
  return insats;
}
