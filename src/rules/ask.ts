/**
 * Swedish question answering over the rule module (issue 3), locally and without any external
 * service: fold and correct the text, find the insatser and process topics it is about, pull the
 * facts it states, and answer from the rules — a verdict when the facts settle it, otherwise the
 * criteria and what is missing — always with citations. Pure and synchronous.
 */
import { gpDeadlineRules, gpRuleText, type GpDeadlineRule, type IsoDate } from "../deadlines/index.js";
import { extractFacts, otherMunicipalities, readAge, stockholmAreas } from "./ask-facts.js";
import { evaluateInsats, inForce } from "./evaluate.js";
import { factDefinitions, type FactKey, type Facts } from "./facts.js";
import { getInsats, insatser } from "./insatser.js";
import { cite } from "./sources.js";
import { foldText, stem, swedishStopwords, tokenize, Vocabulary } from "./text.js";
import type { Citation, Insats, InsatsId, InsatsResult, Verdict } from "./types.js";

export type ProcessTopic =
  | "gp-tidsfrist"
  | "uppfoljning"
  | "timintervall"
  | "beslutsfattare"
  | "avslag-fore-bifall"
  | "overklagande"
  | "andringsforbehall"
  | "flerpartsmote"
  | "varaktighet"
  | "kombination"
  | "behovsprovning"
  | "utredning-dur"
  | "inga-krav"
  | "informationsmote"
  | "sip"
  | "avslut";

export interface AskOptions {
  /** The date whose rule versions apply (default today in Stockholm, given by the caller). */
  on: IsoDate;
  /** The configured reading of the 15-day GP deadline (GP_DEADLINE_RULE). */
  gpRule?: GpDeadlineRule;
  ipsProjectEnd?: IsoDate;
  /** Asked in a channel: the answer never repeats the person's facts and gives no personal verdict. */
  inChannel?: boolean;
}

export interface AskAnswer {
  question: string;
  /** Insatser the question is about, best first; empty when it is about none. */
  insatser: InsatsId[];
  verdict: { insats: InsatsId; verdict: Verdict; missingFacts: FactKey[] } | null;
  answer: string;
  citations: Citation[];
  /** What the answer is about: an insats, a process topic, or nothing it knows. */
  topic: { kind: "insats"; id: InsatsId } | { kind: "process"; id: ProcessTopic } | { kind: "unknown" };
  /** The facts the question stated (empty in a channel: they are not repeated there). */
  facts: Facts;
  /** The full evaluation behind `verdict`, for the answer card (undefined in a channel). */
  result?: InsatsResult;
  /** The age as the question gave it ("över 65", "mellan 20 och 29 år", "30 år"); never in a channel. */
  ageAsGiven?: string;
}

type Phrases = [phrase: string, weight: number][];

/** Words that point at an insats, beyond the insats's own synonyms (generalising, not per question). */
const insatsPhrases: Record<InsatsId, Phrases> = {
  "sis-socialpsykiatri": [
    ["alfa", 6],
    ["ips", 3],
    ["ips metoden", 2],
    ["socialpsykiatri", 2],
    ["sarskilt individanpassad stodinsats", 2],
    ["individanpassad stod socialpsykiatri", 4],
    ["individanpassat stod socialpsykiatri", 4],
    ["specialistpsykiatri", 2],
    ["psykisk funktionsnedsattning arbete", 2],
    ["psykisk ohalsa jobb", 2],
    ["arbetsspecialist", 1],
    ["4 kap 2", 1],
  ],
  "lss-insteg": [
    ["insteg", 7],
    ["provperiod", 4],
    ["prova pa", 2],
    ["fyra manader", 3],
    ["4 manader", 3],
    ["iwork", 2],
    ["lss", 1],
    ["personkrets", 1],
  ],
  "lss-sis": [
    ["iwork", 6],
    ["lss", 3],
    ["personkrets", 3],
    ["supported employment", 4],
    ["daglig verksamhet", 2],
    ["utvecklingsstorning", 2],
    ["autism", 2],
    ["jobbcoach", 1],
    ["tva ar", 1],
  ],
  sysselsattning: [
    ["sysselsattning", 5],
    ["arbetsrehabiliterande", 5],
    ["socialt inriktad", 5],
    ["daglig sysselsattning", 2],
    ["sysselsattningsinsats", 5],
    ["timintervall", 2],
    ["daglig aktivitet", 2],
  ],
  "uvas-kvinnor-sis": [
    ["uvas", 7],
    ["varken arbetar eller studerar", 6],
    ["varken jobbar eller pluggar", 6],
    ["unga vuxna", 2],
    ["unga", 1],
    ["uppsokande", 2],
    ["svag stallning", 4],
    ["utrikesfodda kvinnor", 4],
    ["kvinnor kort utbildning", 3],
    ["kvinnor", 1],
  ],
  arbetsmarknadsradgivning: [
    ["arbetsmarknadsradgivning", 7],
    ["rad och stod", 6],
    ["radgivning", 3],
    ["cv", 3],
    ["studie och yrkesvagledning", 4],
    ["yrkesvagledning", 3],
    ["vagledning", 1],
    ["coachning", 2],
    ["arbetsgivarkontakter", 2],
    ["tillfallen", 2],
    ["uppsokande", 1],
  ],
  "forebygga-skolavbrott": [
    ["skolavbrott", 7],
    ["hoppa av", 4],
    ["avhopp", 4],
    ["avbryta studierna", 4],
    ["avbryta gymnasiet", 4],
    ["gymnasiet", 2],
    ["gymnasieelev", 3],
    ["skolka", 3],
    ["sluta skolan", 3],
  ],
  bron: [
    ["bron", 7],
    ["anpassad gymnasieskola", 6],
    ["anpassade gymnasieskolan", 6],
    ["gymnasiesarskola", 6],
    ["sarskola", 5],
    ["sista aret", 2],
  ],
  "etableringsstod-nyanlanda": [
    ["welcome house", 7],
    ["nyanland", 6],
    ["nyanlanda", 6],
    ["etableringsstod", 7],
    ["etablering", 4],
    ["flykting", 4],
    ["skyddsbehovande", 4],
    ["shis", 5],
    ["massflyktsdirektivet", 5],
    ["tillfalligt skydd", 4],
    ["uppehallstillstand", 3],
    ["anhorig", 1],
    ["ukraina", 3],
  ],
  "ips-psykosvarden": [
    ["psykosvarden", 7],
    ["psykosmottagning", 7],
    ["psykos", 5],
    ["ips psykos", 3],
    ["ips integrerat", 4],
    ["region stockholm", 2],
  ],
};

const processPhrases: Record<ProcessTopic, Phrases> = {
  "gp-tidsfrist": [
    ["genomforandeplan", 7],
    ["gp", 6],
    ["15 dagar", 5],
    ["15 arbetsdagar", 6],
    ["femton dagar", 5],
    ["arbetsdagar", 3],
    ["kalenderdagar", 3],
    ["tidsfrist", 2],
  ],
  uppfoljning: [
    ["uppfoljning", 7],
    ["folja upp", 6],
    ["foljas upp", 6],
    ["foljs upp", 6],
    ["sex manader", 3],
    ["6 manader", 3],
    ["var sjatte manad", 5],
  ],
  timintervall: [
    ["timintervall", 7],
    ["timmar", 5],
    ["intervall", 4],
    ["tidsintervall", 6],
    ["omfattning", 3],
  ],
  beslutsfattare: [
    ["vem beslutar", 7],
    ["vem fattar beslut", 7],
    ["vem bestammer", 6],
    ["vem tar beslut", 7],
    ["vilken namnd", 6],
    ["beslutar", 4],
    ["fattar beslutet", 4],
    ["beslutsfattare", 6],
    ["namnd", 2],
  ],
  "avslag-fore-bifall": [
    ["avslag", 6],
    ["avsla", 6],
    ["avslas", 6],
    ["4:1", 6],
    ["4 kap 1", 6],
    ["jo", 3],
    ["tva steg", 5],
    ["tvastegsbeslut", 6],
    ["bifall", 3],
  ],
  overklagande: [
    ["overklaga", 7],
    ["overklagande", 7],
    ["forvaltningsbesvar", 7],
    ["laglighetsprovning", 7],
    ["laglighetsprova", 7],
    ["besvar", 3],
    ["klaga", 3],
    ["domstol", 3],
  ],
  andringsforbehall: [
    ["andringsforbehall", 9],
    ["forbehall", 6],
    ["andra beslutet", 3],
    ["aterkalla", 4],
  ],
  flerpartsmote: [
    ["flerpartsmote", 9],
    ["flerpartssamtal", 9],
    ["alfa@stockholm.se", 9],
    ["funktionsbrevlada", 5],
    ["mote med jobbtorg", 5],
    ["boka mote jobbtorg", 5],
  ],
  varaktighet: [
    ["hur lange", 5],
    ["varaktighet", 7],
    ["tidsbegransning", 6],
    ["hur lang tid galler", 6],
    ["pagar", 3],
    ["beviljas for", 3],
  ],
  kombination: [
    ["kombinera", 7],
    ["kombination", 7],
    ["samtidigt", 5],
    ["parallellt", 5],
    ["tillsammans med", 3],
    ["bada", 2],
  ],
  "utredning-dur": [
    ["dur", 7],
    ["utredning", 4],
    ["utreda", 4],
    ["livsomrade", 5],
    ["livsomraden", 5],
    ["utredningsinstrument", 6],
  ],
  behovsprovning: [
    ["behovsprovning", 6],
    ["utan behovsprovning", 8],
    ["utan bistandsbeslut", 6],
    ["bistandsbeslut", 3],
    ["11 kap 5", 7],
    ["ny socialtjanstlag", 3],
  ],
  "inga-krav": [
    ["sjukersattning", 7],
    ["aktivitetsersattning", 7],
    ["lakarintyg", 7],
    ["lakarutlatande", 7],
    ["sjukskrivning", 5],
    ["diagnos", 4],
    ["inskriven pa arbetsformedlingen", 6],
    ["inskriven hos arbetsformedlingen", 6],
  ],
  informationsmote: [
    ["informationsmote", 9],
    ["forsta motet", 5],
    ["malgruppstillhorighet", 7],
    ["malgruppsbedomning", 7],
  ],
  sip: [
    ["sip", 8],
    ["samordnad individuell plan", 9],
  ],
  avslut: [
    ["avslut", 7],
    ["avsluta", 7],
    ["avslutas", 7],
    ["avslutande", 6],
    ["efterstod", 7],
  ],
};

/**
 * Things caseworkers ask about that the sources do not regulate: such a question gets "det vet
 * jag inte" naming the subject, not the criteria of the insats it happens to mention.
 */
const subjectsNotInSources: { label: string; words: string[] }[] = [
  {
    label: "lön eller ersättning till deltagaren",
    words: [
      "lon",
      "lonen",
      "ersattning",
      "ersattningen",
      "betalt",
      "betalning",
      "arvode",
      "lonebidrag",
      "aktivitetsstod",
    ],
  },
  {
    label: "resor till och från insatsen",
    words: ["resor", "resa", "reseersattning", "busskort", "fardtjanst"],
  },
  { label: "försäkring under insatsen", words: ["forsakring", "forsakrad", "forsakringen"] },
  { label: "semester och ledighet under insatsen", words: ["semester", "ledighet"] },
];
const notInSourcesByStem = new Map(
  subjectsNotInSources.flatMap((subject) => subject.words.map((word) => [stem(word), subject] as const)),
);

/** Words the vocabulary must know so they are never "corrected" into a topic word. */
const commonWords =
  "kan man fa far for att som och eller med har hur vad vem vilka vilken vilket nar pa i av till det den en ett ar inte ej om stod insats insatser insatsen via efter innan under over sin sig hon han de dom ska maste vill lang tid jobb arbete arbeta arbetar jobbar studera studerar studier plugga pluggar person personen klient klienten enskilde brukare handlaggare ratt gammal gamla ung unga aring har hade fick inom sedan bor bott bosatt folkbokford folkbokforda stockholm stad staden kommun forsorjningsstod ekonomiskt bistand kvinna kvinnan man mannen kille tjej riskerar behover behov skicka skickar jobbtorg beslut beslutet nagon nagot vara blir bli gar gaende ocksa nu dag dagar manad manader ar aret fler flera mer mycket lite ja nej tack hej hallo mig mitt min du dig er vi oss kontakt med psykiatrin specialistpsykiatrin samtycker samtycke svag stallning arbetsmarknaden arbetsformedlingen erbjuda uppehallstillstand anhorig inskriven sista gymnasieskola anpassad gymnasiet varken eller vem fragan svar vad galler regler kriterier kriterium malgrupp malgruppen omfattas vilket sa da dar hit aldre yngre an minst hogst max mellan plus uppat nedat fyllt arsaldern".split(
    " ",
  );

interface TopicIndex<T extends string> {
  id: T;
  phrases: { stems: string[]; weight: number }[];
}

function indexTopics<T extends string>(table: Record<T, Phrases>, extra: (id: T) => Phrases = () => []) {
  return (Object.keys(table) as T[]).map((id): TopicIndex<T> => ({
    id,
    phrases: [...table[id], ...extra(id)].map(([phrase, weight]) => ({
      stems: tokenize(foldText(phrase)).map(stem),
      weight,
    })),
  }));
}

const insatsTopics = indexTopics(insatsPhrases, (id) =>
  getInsats(id).synonyms.map((synonym): [string, number] => [synonym, 2]),
);
const processTopics = indexTopics(processPhrases);

const vocabulary = new Vocabulary([
  ...commonWords,
  ...subjectsNotInSources.flatMap((subject) => subject.words),
  ...stockholmAreas,
  ...otherMunicipalities,
  ...swedishStopwords.map(foldText),
  ...Object.values<Phrases>(insatsPhrases).flatMap((phrases) =>
    phrases.flatMap(([p]) => tokenize(foldText(p))),
  ),
  ...Object.values<Phrases>(processPhrases).flatMap((phrases) =>
    phrases.flatMap(([p]) => tokenize(foldText(p))),
  ),
  ...insatser.flatMap((insats) => insats.synonyms.flatMap((s) => tokenize(foldText(s)))),
  ...insatser.flatMap((insats) => tokenize(foldText(`${insats.name} ${insats.shortName}`))),
]);

function score<T extends string>(topics: TopicIndex<T>[], stems: Set<string>): { id: T; score: number }[] {
  return topics
    .map((topic) => ({
      id: topic.id,
      score: topic.phrases
        .filter((phrase) => phrase.stems.every((s) => stems.has(s)))
        .reduce((sum, phrase) => sum + phrase.weight, 0),
    }))
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score);
}

/** The question folded, with each word mapped onto the vocabulary (typos, compounds). */
export function normaliseQuestion(question: string): string {
  return tokenize(foldText(question))
    .flatMap((token) => vocabulary.normalise(token))
    .join(" ");
}

const processThreshold = 4;

export function ask(question: string, options: AskOptions): AskAnswer {
  const text = normaliseQuestion(question);
  const stems = new Set(tokenize(text).map(stem));
  // "4:1"/"4:2" read as their parts too ("4 kap 1").
  for (const match of text.matchAll(/\b(\d+):(\d+)\b/g)) stems.add(`${match[1]}:${match[2]}`);
  const statedAge = readAge(text);
  const facts = extractFacts(text, statedAge);
  let insatsRanking = score(insatsTopics, stems);
  if (insatsRanking.length === 0 && Object.keys(facts).length > 0) {
    insatsRanking = rankByFacts(facts, options);
  }
  const process = score(processTopics, stems).find((entry) => entry.score >= processThreshold);
  const ids = insatsRanking.map((entry) => entry.id);
  const ageAsGiven = options.inChannel ? undefined : statedAge?.asGiven;
  const base = {
    question,
    insatser: ids,
    facts: options.inChannel ? {} : facts,
    ...(ageAsGiven ? { ageAsGiven } : {}),
  };

  if (process) {
    const { text: answer, citations } = processAnswer(process.id, ids, options);
    // A process question that also states facts about an insats still gets its verdict.
    const evaluation =
      ids[0] && Object.keys(facts).length > 0 ? verdictFor(ids[0], facts, options, ageAsGiven) : undefined;
    return {
      ...base,
      verdict: evaluation?.verdict ?? null,
      answer: evaluation ? `${answer}\n\n${evaluation.text}` : answer,
      citations: uniqueCitations([...citations, ...(evaluation?.citations ?? [])]),
      topic: { kind: "process", id: process.id },
      ...(evaluation?.result ? { result: evaluation.result } : {}),
    };
  }
  const top = ids[0];
  const notInSources = [...stems].map((word) => notInSourcesByStem.get(word)).find(Boolean);
  if (top && notInSources) {
    const answer = [
      `Det vet jag inte – källorna jag bygger på säger inget om ${notInSources.label} för ${getInsats(top).shortName}.`,
      "Fråga den som ansvarar för insatsen. Jag kan svara på vem som kan få insatsen och hur ärendet går till.",
    ].join("\n");
    return { ...base, verdict: null, answer, citations: [], topic: { kind: "unknown" } };
  }
  if (!top) {
    return { ...base, verdict: null, answer: unknownAnswer(), citations: [], topic: { kind: "unknown" } };
  }
  const insats = getInsats(top);
  const evaluation = verdictFor(top, facts, options, ageAsGiven);
  const lines = [`**${insats.name}**`, insats.description, "", evaluation.text];
  const others = ids.slice(1, 3).map((id) => getInsats(id).shortName);
  if (others.length > 0) lines.push("", `Frågan kan också gälla: ${others.join(", ")}.`);
  return {
    ...base,
    verdict: evaluation.verdict,
    answer: lines.join("\n"),
    citations: uniqueCitations([
      ...evaluation.citations,
      ...insats.legalBasis.filter((c) => inForce(c, options.on)),
    ]),
    topic: { kind: "insats", id: top },
    ...(evaluation.result ? { result: evaluation.result } : {}),
  };
}

/** With no insats named, the insatser whose criteria the stated facts speak to, most met first. */
function rankByFacts(facts: Facts, options: AskOptions): { id: InsatsId; score: number }[] {
  const stated = new Set(Object.keys(facts));
  return insatser
    .map((insats) => {
      const result = evaluateInsats(insats.id, facts, options.on, evaluationOptions(options));
      const met = result.trace.filter((row) => row.outcome === "uppfyllt").length;
      const relevant = insats.criteria.some((c) => c.facts.some((fact) => stated.has(fact)));
      // The share of its criteria the facts meet: a narrow insats fully met beats a broad one half met.
      const share = met / result.trace.length;
      const scoreValue = !relevant || met === 0 ? 0 : result.verdict === "not-eligible" ? share * 0.1 : share;
      return { id: insats.id, score: scoreValue };
    })
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score);
}

const evaluationOptions = (options: AskOptions) =>
  options.ipsProjectEnd ? { ipsProjectEnd: options.ipsProjectEnd } : {};

const outcomeMark = { uppfyllt: "✓", "ej uppfyllt": "✗", okänt: "?" } as const;

/** The line that shows the age the answer rests on, in the question's own words. */
export const statedAgeText = (ageAsGiven: string): string => `Uppgift ur frågan – ålder: ${ageAsGiven}`;

/**
 * A missing fact as an answer names it. An age the question gave as a range is there, but the
 * range straddles a criterion's bound: the answer depends on the exact age.
 */
export function missingFactText(fact: FactKey, facts: Facts, ageAsGiven?: string): string {
  const label = factDefinitions[fact].label;
  if (fact !== "age" || typeof facts.age !== "object") return label;
  return `${label} – svaret beror på den exakta åldern${ageAsGiven ? ` (frågan anger ${ageAsGiven})` : ""}`;
}

function verdictFor(
  id: InsatsId,
  facts: Facts,
  options: AskOptions,
  ageAsGiven?: string,
): { verdict: AskAnswer["verdict"]; text: string; citations: Citation[]; result?: InsatsResult } {
  const insats = getInsats(id);
  const criteriaCitations = insats.criteria.flatMap((c) => c.citations).filter((c) => inForce(c, options.on));
  const silences = insats.silences.map((s) => `Obs: ${s}`);
  if (options.inChannel) {
    // In a channel: the criteria in general, never the person's facts or a verdict about them.
    const text = [
      `Kriterier för ${insats.shortName}:`,
      ...insats.criteria.map((c) => `• ${c.text}`),
      ...silences,
      "",
      "I en kanal upprepar jag inga uppgifter om den enskilde. Pröva ett ärende med Kolla behörighet i ett personligt samtal med mig.",
    ].join("\n");
    return { verdict: null, text, citations: criteriaCitations };
  }
  const result = evaluateInsats(id, facts, options.on, evaluationOptions(options));
  const rows = result.trace.map((row) => `${outcomeMark[row.outcome]} ${row.text}`);
  const missing = result.unknown.map((fact) => missingFactText(fact, facts, ageAsGiven));
  const head =
    result.verdict === "eligible"
      ? `Ja – med uppgifterna i frågan är alla kriterier för ${insats.shortName} uppfyllda.`
      : result.verdict === "not-eligible"
        ? `Nej – med uppgifterna i frågan kan ${insats.shortName} inte ges. Ej uppfyllt: ${result.trace
            .filter((row) => row.outcome === "ej uppfyllt")
            .map((row) => row.text)
            .join("; ")}.`
        : `Det beror på – kriterierna för ${insats.shortName} (✓ uppfyllt, ✗ ej uppfyllt, ? okänt):`;
  const lines = [...(ageAsGiven ? [statedAgeText(ageAsGiven)] : []), head, ...rows];
  if (result.verdict === "needs-facts") lines.push(`Saknas för ett besked: ${missing.join("; ")}.`);
  if (
    result.verdict === "not-eligible" &&
    id !== "sysselsattning" &&
    result.unmet.some((u) => u.endsWith("forsorjningsstod"))
  ) {
    lines.push(
      "Den som har försörjningsstöd får Jobbtorgs stöd inom planeringen för försörjningsstöd i stället.",
    );
  }
  lines.push(...silences);
  const citations = uniqueCitations(result.trace.flatMap((row) => row.citations));
  return {
    verdict: {
      insats: id,
      verdict: result.verdict,
      // What is missing only matters while the facts cannot settle it.
      missingFacts: result.verdict === "needs-facts" ? result.unknown : [],
    },
    text: lines.join("\n"),
    citations: citations.length > 0 ? citations : criteriaCitations,
    result,
  };
}

function uniqueCitations(citations: Citation[]): Citation[] {
  const seen = new Set<string>();
  return citations.filter((citation) => {
    const key = JSON.stringify(citation);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const bilaga1 = cite("tillampningsanvisningar", "Bilaga 1. Utrednings- och planeringsprocessen i korthet");
const bilaga2 = cite(
  "tillampningsanvisningar",
  "Bilaga 2. Processbeskrivning ingång till Jobbtorg från socialpsykiatri",
);
const twoStepSources = [
  cite("tillampningsanvisningar", "4.2.1 Skrivelser om kommunens möjligheter och skyldigheter enligt SoL"),
  cite("tillampningsanvisningar", "4.2.3 Handläggning och kriterier"),
  cite("socialnamnden2023", "Möjligheter för kommunen att bevilja insatser enligt 4 kap. 2 § SoL"),
];

const deciderText = {
  stadsdelsnämnd: "stadsdelsnämnden",
  arbetsmarknadsnämnd: "arbetsmarknadsnämnden (Jobbtorg)",
};

function processAnswer(
  topic: ProcessTopic,
  ids: InsatsId[],
  options: AskOptions,
): { text: string; citations: Citation[] } {
  const mentioned = ids.slice(0, 2).map(getInsats);
  switch (topic) {
    case "gp-tidsfrist": {
      const rule = options.gpRule ?? "working";
      const other = gpDeadlineRules.find((r) => r !== rule)!;
      return {
        text: [
          "Genomförandeplanen (GP) ska ha kommit in från utföraren (Jobbtorg) inom 15 dagar från att beställningen skickades. Källorna läser fristen olika: Bilaga 1 säger ”inom 15 dagar”, Bilaga 2 säger ”senast 15 arbetsdagar”.",
          `Insatsguiden räknar enligt den inställda regeln: ${gpRuleText(rule)}. Den andra läsningen: ${gpRuleText(other)}.`,
          "Kontrollera att planen stämmer med beställningen; en inkommen GP bekräftar att insatsen har påbörjats. Vid en ny, uppdaterad beställning efter uppföljning gäller en ny frist på 15 dagar.",
        ].join("\n"),
        citations: [bilaga1, bilaga2],
      };
    }
    case "uppfoljning":
      return {
        text: [
          "Insatsen följs upp minst var sjätte månad – tidigare om behov finns – med uppföljningsdelen i DUR, även vid ett årsbeslut. Sex månader räknas i kalendermånader (31 augusti + 6 månader = 28 februari, 29 vid skottår).",
          "Handläggaren ansvarar för att initiera uppföljningen, men arbetsspecialisten på Jobbtorg kan också påkalla den. Vid fortsatt insats skickas en ny, uppdaterad beställning och en ny genomförandeplan ska komma inom 15 dagar.",
        ].join("\n"),
        citations: [
          cite("tillampningsanvisningar", "2.3 Beslut och uppföljning"),
          cite("tillampningsanvisningar", "4.2.5 Tidsbegränsning"),
          bilaga1,
          bilaga2,
        ],
      };
    case "timintervall": {
      const intervals = getInsats("sysselsattning").hourIntervals ?? [];
      return {
        text: [
          `Sysselsättning beviljas i tre överlappande timintervall: ${intervals.map((i) => `${i.min}–${i.max} timmar/vecka`).join(", ")}.`,
          "Intervallen överlappar så att den enskilde kan delta flexibelt utan nytt beslut; att gå utanför det beviljade intervallet kräver en ny bedömning och ett nytt biståndsbeslut.",
        ].join("\n"),
        citations: [cite("tillampningsanvisningar", "2.2 Omfattning")],
      };
    }
    case "beslutsfattare": {
      const list = mentioned.length > 0 ? mentioned : [...insatser];
      const lines = list.map(
        (insats) =>
          `• ${insats.shortName}: ${deciderText[insats.decidedBy]}${insats.needsAssessment ? "" : " (ges utan individuell behovsprövning)"}`,
      );
      const notes: string[] = [];
      if (list.some((i) => i.id === "uvas-kvinnor-sis"))
        notes.push(
          "Arbetsmarknadsnämndens beslut ska anmälas till nämnden eller protokollföras så att de finns i avidentifierad form och kan laglighetsprövas.",
        );
      if (list.some((i) => i.decidedBy === "stadsdelsnämnd" && i.id !== "sysselsattning"))
        notes.push(
          "Stadsdelsnämnden beslutar om Alfa och Iwork som avslag enligt 4 kap. 1 § och bifall enligt 4 kap. 2 § SoL.",
        );
      return {
        text: ["Vem som beslutar:", ...lines, ...notes].join("\n"),
        citations: uniqueCitations([
          ...list.flatMap((insats) => insats.legalBasis.filter((c) => inForce(c, options.on))).slice(0, 4),
          ...(list.some((i) => i.decidedBy === "arbetsmarknadsnämnd")
            ? [cite("farsta", "Förvaltningens synpunkter och förslag")]
            : []),
        ]),
      };
    }
    case "avslag-fore-bifall":
      return {
        text: [
          "Särskilt individanpassad stödinsats (Alfa, Iwork) är ingen rättighet enligt 4 kap. 1 § SoL utan en möjlighet för kommunen enligt 4 kap. 2 § SoL. Enligt JO ska ett bifall enligt 4 kap. 2 § alltid föregås av ett avslag enligt 4 kap. 1 §, så att den enskilde får ett beslut som kan överklagas genom förvaltningsbesvär.",
          "Beslutet formuleras därför först som avslag enligt 4:1 och beviljas sedan enligt 4:2. Sysselsättning beslutas däremot direkt enligt 4 kap. 1 §.",
        ].join("\n"),
        citations: twoStepSources,
      };
    case "overklagande":
      return {
        text: [
          "• Avslaget enligt 4 kap. 1 § SoL (och beslut om sysselsättning) överklagas med förvaltningsbesvär – domstolen prövar beslutet i sak. Informera om rätten att överklaga vid avslag eller delavslag.",
          "• Bifallet enligt 4 kap. 2 § SoL kan inte överklagas med förvaltningsbesvär, bara prövas genom laglighetsprövning enligt 13 kap. kommunallagen (2017:725): domstolen prövar bara om beslutet är lagligt, inte dess innehåll.",
          "• Arbetsmarknadsnämndens beslut om uppsökande målgrupper (UVAS, kvinnor) kan laglighetsprövas av kommuninvånarna; därför finns de i avidentifierad form.",
        ].join("\n"),
        citations: [
          cite("tillampningsanvisningar", "4.2.6 Laglighetsprövning"),
          ...twoStepSources.slice(0, 1),
          cite("farsta", "Förvaltningens synpunkter och förslag"),
        ],
      };
    case "andringsforbehall":
      return {
        text: "Ett gynnande beslut kan som huvudregel inte ändras till den enskildes nackdel. Beslut enligt 4 kap. 2 § SoL (Alfa, Iwork) kan bara laglighetsprövas och 37 § förvaltningslagen gäller inte, men tillämpningen bör utgå från motsvarande förutsättningar. Beslutet bör därför, om det är lämpligt i det enskilda fallet, innehålla ett ändringsförbehåll – och ändras då bara vid väsentligt ändrade förhållanden.",
        citations: [cite("tillampningsanvisningar", "4.2.7 Ändringsförbehåll")],
      };
    case "flerpartsmote":
      return {
        text: "Under utredningen, innan beslut om Alfa eller Iwork, planerar handläggaren ett flerpartsmöte med Jobbtorg. Förfrågan skickas till funktionsbrevlådan alfa@stockholm.se. Mötet är en del av utredningen och ger handläggaren och den enskilde fördjupad information om insatsen. I Teams: Boka flerpartsmöte från ärendets kort.",
        citations: [bilaga1, bilaga2],
      };
    case "varaktighet": {
      const list =
        mentioned.length > 0
          ? mentioned
          : [getInsats("lss-insteg"), getInsats("lss-sis"), getInsats("sis-socialpsykiatri")];
      const lines = list.map((insats) => `• ${insats.shortName}: ${durationText(insats.id)}`);
      return {
        text: ["Hur länge insatsen gäller:", ...lines].join("\n"),
        citations: [cite("bromma", "Ärendet"), cite("tillampningsanvisningar", "4.2.5 Tidsbegränsning")],
      };
    }
    case "kombination": {
      const list =
        mentioned.length > 0 ? mentioned : [getInsats("sis-socialpsykiatri"), getInsats("lss-sis")];
      const lines = list.map((insats) => {
        const can = insats.combinableWith.map((c) =>
          c in insatsPhrases ? getInsats(c as InsatsId).shortName : c,
        );
        const cannot = insats.excludedWith;
        return `• ${insats.shortName}: ${can.length > 0 ? `kan kombineras med ${can.join(" och ")}` : "källorna nämner ingen kombination"}${cannot.length > 0 ? `; inte för den som får ${cannot.join(", ")}` : ""}.`;
      });
      return {
        text: ["Kombinationer:", ...lines].join("\n"),
        citations: [
          cite("tillampningsanvisningar", "4.2.2 Ansökan, utredning och beslut enligt 4 kap. 2 § SoL"),
          cite("bromma", "Ärendet"),
          cite("socialnamnden2023", "Skäl till förslaget"),
        ],
      };
    }
    case "utredning-dur":
      return {
        text: [
          "Ansökan utreds med DUR, stadens utredningsinstrument (en systematisk del, en uppföljningsdel och en vägledning). Fördjupa livsområdena arbete, utbildning och sysselsättning; intressen (fritid och aktiviteter); psykisk hälsa; vardagsaktiviteter (ADL) – och klargör behov, syfte och målsättning med den enskilde.",
          "Är den enskilde yngre än 35 år bör livsområdet om arbete, utbildning eller sysselsättning alltid fördjupas. Vid uppföljning används DUR:s uppföljningsdel. För Alfa och Iwork hålls ett flerpartsmöte med Jobbtorg under utredningen (alfa@stockholm.se).",
        ].join("\n"),
        citations: [cite("tillampningsanvisningar", "2.1 Att utreda rätten till sysselsättning"), bilaga1],
      };
    case "inga-krav":
      return noRequirements(mentioned);
    case "informationsmote":
      return {
        text: [
          "När en ansökan om särskilt individanpassad stödinsats kommer in hålls ett första informationsmöte med den enskilde på stadsdelsförvaltningen: om handläggningsprocessen och möjligheten att vara delaktig i utredningen.",
          "Är det den första kontakten görs också en bedömning av målgruppstillhörighet utifrån stadens definition av socialpsykiatrins målgrupp (Nationell psykiatrisamordning).",
        ].join("\n"),
        citations: [
          cite("tillampningsanvisningar", "Bilaga 2, Informationsmöte"),
          cite("tillampningsanvisningar", "Bilaga 1, 1. Ansökan"),
          cite("tillampningsanvisningar", "1.1 Vad är sysselsättning?"),
        ],
      };
    case "sip":
      return {
        text: [
          "En samordnad individuell plan (SIP) upprättas vid behov och om den enskilde samtycker, när insatsen ska påbörjas – tillsammans med t.ex. Arbetsförmedlingen, Försäkringskassan, anhöriga och vårdkontakter.",
          "För Alfa (IPS) är ett SIP-möte tidigt i processen särskilt värdefullt, eftersom insatsen ska ges integrerat med den psykiatriska vården. Vid uppföljningen revideras SIP vid behov.",
        ].join("\n"),
        citations: [
          cite("tillampningsanvisningar", "Bilaga 1, 2. Fatta beslut"),
          cite("tillampningsanvisningar", "Bilaga 1, 3. Uppföljning"),
          cite("tillampningsanvisningar", "Bilaga 2, Verkställighet"),
        ],
      };
    case "avslut":
      return {
        text: [
          "Insatsen avslutas när den enskildes behov av den inte längre finns och/eller när övriga nätverk tar över stödet. Ett avslutande möte hålls med nätverket kring den enskilde.",
          "Efter avslutet kan den enskilde vid behov kontakta Jobbtorg för efterstöd.",
        ].join("\n"),
        citations: [cite("tillampningsanvisningar", "Bilaga 2, Avslut")],
      };
    case "behovsprovning": {
      const without = insatser.filter((i) => !i.needsAssessment);
      return {
        text: [
          "Från 1 juli 2025 (ny socialtjänstlag, 11 kap. 5 § enligt prop. 2024/25:89, förutsatt riksdagens beslut) ges fem insatser utan individuell behovsprövning:",
          ...without.map((i) => `• ${i.shortName}`),
          "Alfa, Iwork, Insteg, sysselsättning och den uppsökande insatsen för UVAS/kvinnor kräver individuell prövning.",
        ].join("\n"),
        citations: [
          cite("utanBehovsprovning", "Insatser utan individuell behovsprövning", {
            law: "11 kap. 5 §",
            lawVersion: "socialtjänstlagen enligt prop. 2024/25:89",
            from: "2025-07-01",
          }),
        ],
      };
    }
  }
}

function noRequirements(mentioned: readonly Insats[]): { text: string; citations: Citation[] } {
  const others = mentioned.filter((insats) => insats.id !== "sysselsattning");
  const lines = [
    "För sysselsättning (socialt inriktad och arbetsrehabiliterande) finns inga krav på varaktig sjukersättning eller aktivitetsersättning, på läkarintyg med sjukskrivning eller läkarutlåtande med fastställd diagnos, eller på att vara inskriven på Arbetsförmedlingen. Bedömningen utgår från en helhetssyn på livssituation, behov och målsättning; finns kontakt med Arbetsförmedlingen eller Försäkringskassan bör de vara med i planeringen.",
  ];
  for (const insats of others) {
    lines.push(
      `För ${insats.shortName} säger källorna inget om sådana krav – det som prövas är kriterierna: ${insats.criteria.map((c) => c.text).join("; ")}.`,
    );
  }
  return {
    text: lines.join("\n"),
    citations: [
      cite("tillampningsanvisningar", "2.1.1 Vem har rätt till sysselsättning?"),
      cite("tillampningsanvisningar", "3.2 Socialt inriktad sysselsättning"),
      cite("tillampningsanvisningar", "4.1 Stadens definition av kommunala arbetsmarknadsinsatser"),
      ...others.flatMap((insats) => insats.criteria.flatMap((c) => c.citations)),
    ],
  };
}

function durationText(id: InsatsId): string {
  const { months, longer, followUpMonths, occasions } = getInsats(id).durations;
  const parts: string[] = [];
  if (months) parts.push(months % 12 === 0 ? `${months / 12} år` : `${months} månader`);
  if (longer) parts.push(longer);
  if (occasions) parts.push(`${occasions.min}–${occasions.max} tillfällen`);
  if (getInsats(id).period)
    parts.push("bara under projekttiden (källan anger inget slutdatum; sätts med IPS_PROJECT_END)");
  else if (!months && !occasions) parts.push("individuell bedömning, ingen fast längd i källorna");
  if (followUpMonths) parts.push(`uppföljning var ${followUpMonths === 6 ? "sjätte" : followUpMonths} månad`);
  return parts.join(", ");
}

function unknownAnswer(): string {
  return [
    "Det vet jag inte – frågan handlar inte om något jag har regler för.",
    `Jag kan svara på vem som kan få: ${insatser.map((i) => i.shortName).join(", ")}.`,
    "Och om processen: utredning med DUR, genomförandeplanens frist (15 dagar), uppföljning var sjätte månad, timintervall för sysselsättning, vem som beslutar, varför 4:1 avslås före bifall enligt 4:2, överklagande (förvaltningsbesvär eller laglighetsprövning), ändringsförbehåll och flerpartsmöte via alfa@stockholm.se.",
  ].join("\n");
}

/** A citation as one line: document, section and law paragraph (src/rules/sources.ts). */
export { citationText } from "./sources.js";
