/**
 * Every insats the bot knows, as data (DOMAIN.md A–E). Criteria are the sources' own; where a
 * source is silent the insats says so in `silences` instead of inventing a criterion. Every
 * criterion cites at least one document section (test/rules.test.ts); the law paragraphs come
 * from src/rules/law.ts, one version per act, so the decision date picks the numbering.
 */
import { allOf, anyOf, between, isFalse, isTrue, oneOf } from "./logic.js";
import { lssPersonkrets } from "./law.js";
import { cite, citeProvision } from "./sources.js";
import type { Criterion, Insats, InsatsId } from "./types.js";

type InsatsData = Omit<Insats, "criteria"> & { criteria: Criterion[] };

const criteria003 = "4.2.3 Handläggning och kriterier";
const alfa001 = cite("socialnamnden2023", "Alfa");
const forsorjningsstod001 = cite("socialnamnden2023", "Skäl till förslaget", {
  summary:
    "Beslutet gäller den som inte har försörjningsstöd. Den som har försörjningsstöd får Jobbtorgs insatser inom planeringen för försörjningsstödet, utan särskilt beslut.",
});

/** No försörjningsstöd: those on it get Jobbtorg's support through their planning instead (001). */
const noForsorjningsstod = (id: string, citations = [forsorjningsstod001]): Criterion => ({
  id,
  text: "Får inte försörjningsstöd",
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

/** Socialpsykiatri's target group: established on first contact for every application (003 §1.1, Bilaga 1). */
const socialpsykiatriTargetGroup = (id: string): Criterion => ({
  id,
  text: "Tillhör socialpsykiatrins målgrupp (Nationell psykiatrisamordnings definition)",
  condition: isTrue("socialpsykiatriTargetGroup"),
  citations: [
    cite("tillampningsanvisningar", "1.1 Vad är sysselsättning?"),
    cite("tillampningsanvisningar", "Bilaga 1, 1. Ansökan", {
      summary:
        "Vid varje ansökan om sysselsättning eller särskilt individanpassad stödinsats fastställs först målgruppstillhörigheten enligt stadens definition för socialpsykiatrin.",
    }),
  ],
});

/**
 * Provided without a decision: before 1 July 2025 as an open insats within outreach under the old
 * act, from then under 11 kap. 5 § of the new one (000).
 */
const withoutAssessmentBasis = citeProvision(
  "withoutAssessment",
  "utanBehovsprovning",
  "Arbetsmarknadsförvaltningens synpunkter och förslag",
  {
    newActSource: ["utanBehovsprovning", "Insatser utan individuell behovsprövning"],
    oldActNote: "Öppen insats inom den uppsökande verksamheten, utan beslut om bistånd.",
  },
);

const newActNote =
  "Källorna är skrivna före 1 juli 2025 och hänvisar till 4 kap. 2 § socialtjänstlagen (2001:453). I socialtjänstlagen (2025:400) ges insatser utöver rätten enligt 11 kap. 4 §; att stadens beslut om insatsen från den dagen grundas där anges inte i källorna.";

/** The two-step decision: rejected under the right to insatser, then granted beyond it (JO; 001, 003 §4.2.1). */
const twoStepDecision = (
  rejection: [Parameters<typeof cite>[0], string],
  grant: [Parameters<typeof cite>[0], string],
) => [
  ...citeProvision("rightToInsatser", ...rejection, {
    newActSource: ["utanBehovsprovning", "Insatser för personliga behov"],
  }),
  ...citeProvision("beyondRight", ...grant, { newActNote }),
];

const lssDecision = twoStepDecision(
  ["socialnamnden2023", "Handläggningsprocessen vid beslut enligt 4 kap. 2 § SoL"],
  ["socialnamnden2023", "Möjligheter för kommunen att bevilja insatser enligt 4 kap. 2 § SoL"],
);

const lssPersonkrets12: Criterion = {
  id: "lss-personkrets-1-2",
  text: "Tillhör personkrets 1 eller 2 enligt LSS",
  condition: oneOf("lssPersonkrets", [1, 2]),
  citations: [
    cite("socialnamnden2023", "Iwork", { law: lssPersonkrets.law, lawVersion: lssPersonkrets.act }),
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
        cite("socialnamnden2023", "Iwork"),
        cite("bromma", "Förvaltningens synpunkter och förslag"),
      ]),
      noForsorjningsstod(`${criterionPrefix}-forsorjningsstod`),
    ],
    silences: [iworkSilence, newActNote],
  };
}

const iworkSilence =
  "Källorna anger inte Iworks exakta kriterier – Bromma stadsdelsförvaltnings remissvar säger bara att kriterierna för Insteg är färre. Regeln prövar det källorna säger: personkrets 1 eller 2, önskan om arbete eller studier och att försörjningsstöd inte uppbärs.";

const data: readonly InsatsData[] = [
  {
    id: "sis-socialpsykiatri",
    name: "Särskilt individanpassad stödinsats för att underlätta arbete eller studier – socialpsykiatri (Alfa)",
    shortName: "Alfa",
    description:
      "Stöd till arbete eller studier enligt IPS-metoden hos Jobbtorg Alfa för personer i socialpsykiatrins målgrupp. Stadsdelsnämnden avslår ansökan enligt rätten till insatser och beviljar den sedan utöver rätten.",
    decidedBy: "stadsdelsnämnd",
    needsAssessment: true,
    legalBasis: twoStepDecision(
      ["tillampningsanvisningar", criteria003],
      ["tillampningsanvisningar", "4.2.1 Skrivelser om kommunens möjligheter och skyldigheter enligt SoL"],
    ),
    durations: { followUpMonths: 6 },
    combinableWith: ["sysselsattning"],
    excludedWith: ["försörjningsstöd"],
    criteria: [
      socialpsykiatriTargetGroup("alfa-malgrupp"),
      {
        id: "alfa-alder",
        text: "Är 18–64 år",
        condition: between("age", 18, 64),
        citations: [alfa001],
      },
      {
        id: "alfa-bosatt",
        text: "Bosatt i Stockholms stad",
        condition: isTrue("bosattStockholm"),
        citations: [alfa001],
      },
      {
        id: "alfa-utanfor-arbetsmarknaden",
        text: "Står utanför arbetsmarknaden",
        condition: isFalse("working"),
        citations: [alfa001],
      },
      noForsorjningsstod("alfa-forsorjningsstod"),
      {
        id: "alfa-specialistpsykiatri",
        text: "Har en pågående kontakt med specialistpsykiatrin vid ansökningstillfället",
        condition: isTrue("specialistPsychiatryContact"),
        citations: [
          cite("tillampningsanvisningar", criteria003, {
            summary: "Den enskilde ska ha en pågående kontakt med specialistpsykiatrin när ansökan görs.",
          }),
          alfa001,
        ],
      },
      {
        id: "alfa-primart-mal",
        text: "Har arbete eller studier som primärt mål",
        condition: isTrue("primaryGoalWorkOrStudies"),
        citations: [
          cite("tillampningsanvisningar", criteria003, {
            summary: "Den enskildes primära mål ska vara arbete eller studier.",
          }),
        ],
      },
      {
        id: "alfa-varaktiga-stodbehov",
        text: "Har varaktiga stödbehov: kan inte finna, få och behålla ett arbete på egen hand",
        condition: isTrue("lastingSupportNeeds"),
        citations: [
          cite("tillampningsanvisningar", criteria003, {
            summary:
              "Den enskilde ska ha varaktiga stödbehov som gör att hen inte kan finna, få och behålla ett arbete på egen hand.",
          }),
        ],
      },
      wishesWorkOrStudies(
        "alfa-onskan",
        "Vill arbeta eller studera, är införstådd i vad som krävs och beredd att lägga ner det arbete som krävs",
        [
          cite("tillampningsanvisningar", criteria003, {
            summary:
              "Den enskilde ska vilja arbeta eller studera, förstå vad som krävs och vara beredd att lägga ner det arbete som krävs.",
          }),
        ],
      ),
      {
        id: "alfa-samtycke",
        text: "Samtycker till att insatsen samordnas med specialistpsykiatrin",
        condition: isTrue("consentsPsychiatryCoordination"),
        citations: [
          cite("tillampningsanvisningar", criteria003, {
            summary: "Den enskilde ska samtycka till att insatsen samordnas med specialistpsykiatrin.",
          }),
        ],
      },
      {
        id: "alfa-arbetsspecialistens-bedomning",
        text: "Bedöms kunna börja arbeta inom insatsen tillsammans med en arbetsspecialist",
        condition: isTrue("workSpecialistAssessedReady"),
        citations: [
          cite("tillampningsanvisningar", criteria003, {
            summary:
              "Den enskilde ska bedömas kunna börja arbeta inom insatsen tillsammans med en arbetsspecialist. Handläggaren gör bedömningen efter att ha hämtat in arbetsspecialistens bedömning från Jobbtorg.",
          }),
        ],
      },
      {
        id: "alfa-arbetsformedlingen",
        text: "Arbetsförmedlingen bedöms inte kunna erbjuda en lämplig arbetsmarknadspolitisk åtgärd",
        condition: isFalse("arbetsformedlingenCanOffer"),
        citations: [
          cite("tillampningsanvisningar", criteria003, {
            summary:
              "Arbetsförmedlingen ska inte bedömas kunna erbjuda en lämplig arbetsmarknadspolitisk åtgärd.",
          }),
        ],
      },
    ],
    silences: [newActNote],
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
    durations: { months: 24, longer: "längre när det finns särskilda skäl", followUpMonths: 6 },
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
    legalBasis: citeProvision("rightToInsatser", "tillampningsanvisningar", "2.3 Beslut och uppföljning", {
      newActSource: ["utanBehovsprovning", "Insatser för personliga behov"],
    }),
    durations: { followUpMonths: 6 },
    combinableWith: ["sis-socialpsykiatri"],
    excludedWith: [],
    criteria: [
      socialpsykiatriTargetGroup("sysselsattning-malgrupp"),
      {
        id: "sysselsattning-saknar-daglig-sysselsattning",
        text: "Saknar annan daglig sysselsättning eller aktivitet på grund av psykisk funktionsnedsättning",
        condition: isTrue("lacksDailyOccupationDueToPsychDisability"),
        citations: [cite("tillampningsanvisningar", "2.1.1 Vem har rätt till sysselsättning?")],
      },
    ],
    silences: [
      "Det krävs ingen sjukersättning, inget läkarintyg och ingen inskrivning hos Arbetsförmedlingen (tillämpningsanvisningarna för socialpsykiatrin, avsnitt 3.2 och 4.1).",
      "Insatsen är för personer i yrkesverksam ålder; källorna anger ingen exakt åldersgräns. Över 65 år kan äldreomsorgen bevilja sysselsättning (avsnitt 1.1), så regeln prövar inte åldern.",
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
    legalBasis: twoStepDecision(
      ["farsta", "Remissen i sammanfattning"],
      ["farsta", "Remissen i sammanfattning"],
    ),
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
    ],
    silences: [
      "Kontrollera vilken kommun som ansvarar för den enskilde (tillhörighet). Farsta stadsdelsförvaltnings remissvar påpekar att riktlinjerna inte säger om tillhörighet ska utredas; regeln prövar det inte.",
      "Varje beslut ska anmälas till arbetsmarknadsnämnden eller protokollföras särskilt, så att det finns i avidentifierad form och kan laglighetsprövas (Farsta stadsdelsförvaltnings remissvar, avsnittet ”Förvaltningens synpunkter och förslag”).",
      newActNote,
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
      "Den som behöver stöd efter skolan kan ansöka om särskilt individanpassad stödinsats (Alfa eller Iwork) efter individuell prövning.",
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
    // The project's last day is configuration (IPS_PROJECT_END, src/config.ts), not a source fact.
    silences: ["Gäller bara under projekttiden. Källan anger inget slutdatum."],
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
