/**
 * Swedish question answering over the knowledge base and the rule module, locally and without
 * any external service: read a bounded prefix, fold and correct the text, rank the knowledge
 * entries (src/rules/retrieval.ts), read the facts the question states, and answer with the
 * direct answer first — "Ja." / "Nej." / "Det beror på …" / the date / the rule — then the reason,
 * only the deciding criteria, and the citations. When no entry answers, it says so plainly.
 * Pure and synchronous.
 */
import { DateTime } from "luxon";
import {
  followUpDue,
  gpDueDate,
  gpDeadlineRules,
  isIsoDate,
  type GpDeadlineRule,
  type IsoDate,
} from "../deadlines/index.js";
import { describeFacts, extractFacts, otherMunicipalities, readAge, stockholmAreas } from "./ask-facts.js";
import { evaluateInsats, inForce } from "./evaluate.js";
import { factDefinitions, type FactKey, type Facts } from "./facts.js";
import { getInsats, insatser } from "./insatser.js";
import { insatsOfEntry, knowledgeEntries, type EntryKind, type KnowledgeEntry } from "./knowledge.js";
import { compoundParts, KnowledgeIndex, questionType, searchTokens, type QuestionType } from "./retrieval.js";
import { boundedQuestion, foldText, questionTokens, stem, swedishStopwords, tokenize } from "./text.js";
import type { Citation, InsatsId, InsatsResult, TraceRow, Verdict } from "./types.js";

export interface AskOptions {
  /** The date whose rule versions apply (default today in Stockholm, given by the caller). */
  on: IsoDate;
  /** The configured reading of the 15-day GP deadline. */
  gpRule?: GpDeadlineRule;
  ipsProjectEnd?: IsoDate;
  /** Asked in a channel: the answer never repeats the person's facts and gives no personal verdict. */
  inChannel?: boolean;
  /** Entries written by experts (the expert loop), searched with the knowledge base. */
  extraEntries?: readonly KnowledgeEntry[];
}

export interface AskAnswer {
  question: string;
  /** Insatser the question is about, best first; empty when it is about none. */
  insatser: InsatsId[];
  verdict: { insats: InsatsId; verdict: Verdict; missingFacts: FactKey[] } | null;
  /** The direct answer first, then the reason (≤ 600 characters): what fits a card without scrolling. */
  short: string;
  /** What "Visa mer" shows: the longer explanation, every criterion, what the sources leave open. */
  more: string[];
  /** The whole answer as text (short, then more), for the CLI and logs-free tests. */
  answer: string;
  citations: Citation[];
  /** The entry that answered, an insats verdict, or nothing it knows. */
  topic:
    | { kind: "entry"; id: string; entryKind: EntryKind; title: string; expertWritten: boolean }
    | { kind: "insats"; id: InsatsId; title: string }
    | { kind: "unknown" };
  questionType: QuestionType;
  /** The facts the question stated (empty in a channel: they are not repeated there). */
  facts: Facts;
  /** What the answer read from the question, in Swedish ("45 år, kvinna, …"); never in a channel. */
  read?: string;
  /** The criteria that decide the verdict (unmet, or unknown), for the card. */
  deciding?: TraceRow[];
  /** The full evaluation behind `verdict` (undefined in a channel). */
  result?: InsatsResult;
  /** The age as the question gave it ("över 65", "mellan 20 och 29 år", "30 år"); never in a channel. */
  ageAsGiven?: string;
}

/** The most a short answer may be before "Visa mer". */
export const shortAnswerLimit = 600;

/** An answer that begins as a reply to a yes/no question. */
const polarAnswer = /^(Ja|Nej)\b/;

/** "Nej. Uppgifter om…" → "Uppgifter om…"; "Nej, inte utan nytt beslut." → "Inte utan nytt beslut." */
function withoutPolarWord(answer: string): string {
  const rest = answer.replace(/^(Ja|Nej)[.,!]?\s*/, "");
  return rest === answer ? answer : rest.charAt(0).toLocaleUpperCase("sv-SE") + rest.slice(1);
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
    ["instegsperiod", 7],
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
    ["nyanland", 4],
    ["nyanlanda", 4],
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

/** Insatser the question names (by name, synonym or a telling phrase), strongest first. */
const insatsTopics = indexTopics(insatsPhrases, (id) =>
  getInsats(id).synonyms.map((synonym): [string, number] => [synonym, 2]),
);

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

const extraWords = [
  ...commonWords,
  ...stockholmAreas,
  ...otherMunicipalities,
  ...swedishStopwords.map(foldText),
  ...Object.values<Phrases>(insatsPhrases).flatMap((phrases) =>
    phrases.flatMap(([p]) => tokenize(foldText(p))),
  ),
  ...insatser.flatMap((insats) => insats.synonyms.flatMap((s) => tokenize(foldText(s)))),
  ...insatser.flatMap((insats) => tokenize(foldText(`${insats.name} ${insats.shortName}`))),
];

/** The index of the knowledge base as shipped; expert entries get an index of their own. */
let builtIndex: KnowledgeIndex | undefined;
/** Built on the first question, not at import: starting the CLI or the server stays fast. */
const baseIndex = (): KnowledgeIndex => (builtIndex ??= new KnowledgeIndex(knowledgeEntries, extraWords));

/**
 * Indexes of expert entries, keyed by the entries' identity: rebuilt only when the list changes
 * (a handful of small entries), at most a few kept.
 */
const expertIndexes = new WeakMap<readonly KnowledgeEntry[], KnowledgeIndex>();
function indexFor(extra: readonly KnowledgeEntry[] | undefined): KnowledgeIndex {
  if (!extra || extra.length === 0) return baseIndex();
  let index = expertIndexes.get(extra);
  if (!index) {
    index = new KnowledgeIndex([...knowledgeEntries, ...extra], extraWords);
    expertIndexes.set(extra, index);
  }
  return index;
}

/** The question folded, with each word mapped onto the known words (typos, compounds). */
export function normaliseQuestion(question: string, index: KnowledgeIndex = baseIndex()): string {
  return questionTokens(foldText(boundedQuestion(question)))
    .flatMap((token) => index.normaliseToken(token))
    .join(" ");
}

/** Words that point at a person the question is about ("min klient", "hon", "en 17-åring"). */
const personWords =
  /\b(hen|han|hon|honom|henne|klienten|klient|personen|brukaren|sokande|sokanden|eleven|elev|ungdomen|deltagaren|patienten|kvinnan|mannen|killen|tjejen|en (kvinna|man|kille|tjej|person|elev|ungdom|flicka|pojke)|nagon som|min|mitt|mina)\b/;

/**
 * "Behöver personen vara folkbokförd…", "krävs det att hen har…", "måste man ha…": asks what a
 * rule demands and states nothing about anyone.
 */
function asksWhatARuleDemands(text: string): boolean {
  return /^(behover|maste|ska|skall) (man|personen|hen|han|hon|klienten|den enskilde|deltagaren|sokanden) (vara|ha)\b|\bkravs (det )?(att|for att)\b|^ar det ett krav\b/.test(
    text,
  );
}

/**
 * Whether the question is about a person, so its facts call for a verdict: it names one, gives
 * an age, or asks yes/no with facts beyond a gender ("är det fler män än kvinnor på Iwork" is not).
 */
function aboutAPerson(text: string, facts: Facts, ageGiven: boolean, type: QuestionType): boolean {
  if (Object.keys(facts).length === 0 || type === "what") return false;
  if (asksWhatARuleDemands(text) && !ageGiven) return false;
  if (personWords.test(text) || ageGiven) return true;
  const beyondGender = Object.keys(facts).filter((key) => key !== "gender");
  // "Hur definieras socialpsykiatrins målgrupp", "vilka mottagningar …": about the rule, not a person.
  return beyondGender.length > 0 && !/^(ar|finns) det\b|^(hur|vilka|vilken|vilket|vad|nar|vem)\b/.test(text);
}

/** Below this BM25 score no entry answers the question: say so rather than guess. */
const minimumScore = 2.2;

const evaluationOptions = (options: AskOptions) =>
  options.ipsProjectEnd ? { ipsProjectEnd: options.ipsProjectEnd } : {};

/** Swedish dates: "24 mars 2026". */
export const swedishDate = (date: IsoDate): string =>
  DateTime.fromISO(date).setLocale("sv").toFormat("d MMMM yyyy");

const months: Record<string, number> = {
  jan: 1,
  januari: 1,
  feb: 2,
  februari: 2,
  mar: 3,
  mars: 3,
  apr: 4,
  april: 4,
  maj: 5,
  jun: 6,
  juni: 6,
  jul: 7,
  juli: 7,
  aug: 8,
  augusti: 8,
  sep: 9,
  sept: 9,
  september: 9,
  okt: 10,
  oktober: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};

/**
 * A date the question gives: "2026-03-03", "3 mars 2026", "1 dec", "3/3" (no year: the year of
 * `on`). Undefined when there is none or it is no real date.
 */
export function readDate(text: string, on: IsoDate): IsoDate | undefined {
  const lower = text.toLocaleLowerCase("sv-SE");
  const year = Number(on.slice(0, 4));
  const build = (y: number, m: number, d: number) => {
    const date = DateTime.fromObject({ year: y, month: m, day: d });
    return date.isValid ? date.toFormat("yyyy-MM-dd") : undefined;
  };
  const iso = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(lower);
  if (iso && isIsoDate(iso[0])) return iso[0];
  const named = new RegExp(
    `\\b(\\d{1,2}):?(?:e|a)? (${Object.keys(months).join("|")})\\b\\.?(?: (\\d{4}))?`,
  ).exec(lower);
  if (named) return build(named[3] ? Number(named[3]) : year, months[named[2]!]!, Number(named[1]));
  const numeric = /\b(\d{1,2})\/(\d{1,2})(?:[ /-](\d{4}))?\b/.exec(lower);
  if (numeric) return build(numeric[3] ? Number(numeric[3]) : year, Number(numeric[2]), Number(numeric[1]));
  return undefined;
}

const gpReadings: Record<GpDeadlineRule, string> = {
  working: "15 arbetsdagar (Bilaga 2)",
  calendar: "15 kalenderdagar, till nästa arbetsdag om den sista är en helgdag (Bilaga 1)",
};

function uniqueCitations(citations: Citation[]): Citation[] {
  const seen = new Set<string>();
  return citations.filter((citation) => {
    const key = JSON.stringify(citation);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const firstSentence = (text: string): string =>
  text.split(/(?<!\b(?:t\.ex|bl\.a|m\.m|kap|jfr|dvs|s\.k)\.)(?<=[.!?])\s+(?=[A-ZÅÄÖ])/)[0] ?? text;

/** Cut a text at a word boundary, never mid-word. */
export function cutAtWord(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const cut = text.slice(0, limit - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > limit / 2 ? cut.slice(0, space) : cut).replace(/[,;:–-]$/, "")}…`;
}

export function ask(question: string, options: AskOptions): AskAnswer {
  const index = indexFor(options.extraEntries);
  const bounded = boundedQuestion(question);
  const folded = foldText(bounded);
  const text = questionTokens(folded)
    .flatMap((token) => index.normaliseToken(token))
    .join(" ");
  // Compounds count with their parts ("instegsperioden" names Insteg).
  const stems = new Set(tokenize(text).flatMap((token) => [token, ...compoundParts(token)].map(stem)));
  const type = questionType(folded);
  const statedAge = readAge(text);
  const facts = extractFacts(text, statedAge);
  const mentioned = score(insatsTopics, stems).filter((entry) => entry.score >= 2);
  const date = readDate(bounded, options.on);
  const personal = !options.inChannel && aboutAPerson(text, facts, statedAge !== undefined, type);

  const aboutEligibility = type === "eligibility" || type === "yesno" || type === "other" || type === "what";
  const ranked = index.rank(searchTokens(text)).map(({ entry, score: value, content }) => {
    let boosted = value;
    const insats = insatsOfEntry(entry);
    if (entry.kind === "comparison") boosted *= type === "comparison" ? 1.6 : 0.8;
    if (type === "when") boosted *= entry.kind === "deadline" ? 1.5 : 0.8;
    if (type === "who") boosted *= entry.keywords.some((k) => k.startsWith("vem ")) ? 1.4 : insats ? 0.85 : 1;
    if (type === "what" && entry.kind === "definition") boosted *= 1.2;
    if (type === "eligibility" && (insats || entry.kind === "eligibility")) boosted *= 1.15;
    if (date && entry.compute) boosted *= 1.4;
    // An entry that answers a yes/no question ("Nej, inte utan nytt beslut.") is the wrong
    // answer to "hur många", "vad är" or "när": its first word would be a reply to nothing.
    if (polarAnswer.test(entry.answer) && (type === "when" || type === "what" || type === "who"))
      boosted *= 0.7;
    // An insats the question names is strong evidence, added rather than multiplied: its entry is
    // long and its name is in many entries, so BM25 alone underrates it.
    const strength = mentioned[0] ? Math.min(1, mentioned[0].score / 6) : 0;
    if (mentioned[0] && insats === mentioned[0].id && aboutEligibility) boosted += 2.5 * strength;
    else if (mentioned[0] && entry.insatser.includes(mentioned[0].id)) boosted += 0.8 * strength;
    if (personal && insats && aboutEligibility) boosted *= 1.15;
    return { entry, score: boosted, content };
  });
  ranked.sort((a, b) => b.score - a.score);
  const top = ranked[0];
  const ageAsGiven = options.inChannel ? undefined : statedAge?.asGiven;
  const base = {
    question,
    questionType: type,
    facts: options.inChannel ? {} : facts,
    ...(ageAsGiven ? { ageAsGiven } : {}),
  };
  const named = mentioned[0] !== undefined && mentioned[0].score >= 5;
  const insatserAbout = [
    ...new Set([
      ...mentioned.map((m) => m.id),
      ...(top && (top.content >= minimumScore || named) ? top.entry.insatser : []),
    ]),
  ];

  if (!top || (top.content < minimumScore && !named)) {
    return {
      ...base,
      insatser: [],
      verdict: null,
      ...unknownAnswer(),
      citations: [],
      topic: { kind: "unknown" },
    };
  }

  // "Måste man ha X för Y?": the answer is Y's criterion that X touches, or that X is none of them.
  if (named && asksWhatARuleDemands(text) && Object.keys(facts).length > 0 && statedAge === undefined) {
    const id = mentioned[0]!.id;
    return {
      ...base,
      facts: {},
      insatser: [id, ...insatserAbout.filter((other) => other !== id)],
      verdict: null,
      ...criterionAnswer(id, facts, options),
      topic: { kind: "insats", id, title: getInsats(id).name },
    };
  }

  // A question about a person and an insats gets a verdict: the insats named, or the one its
  // facts fit best among the entries that answer.
  const verdictInsats = personal
    ? chooseVerdictInsats(top, ranked, mentioned, facts, options, type)
    : undefined;
  if (verdictInsats) {
    const verdict = verdictAnswer(verdictInsats, facts, options, ageAsGiven);
    return {
      ...base,
      insatser: [verdictInsats, ...insatserAbout.filter((id) => id !== verdictInsats)],
      ...verdict,
      topic: { kind: "insats", id: verdictInsats, title: getInsats(verdictInsats).name },
    };
  }

  // A comparison of two insatser with no entry for the pair: both sides, from their own entries.
  const pair = mentioned.slice(0, 2).map((m) => m.id);
  const pairEntry =
    type === "comparison" && pair.length === 2
      ? ranked.find((r) => r.entry.kind === "comparison" && pair.every((id) => r.entry.insatser.includes(id)))
      : undefined;
  if (pairEntry) {
    return {
      ...base,
      insatser: insatserAbout,
      verdict: null,
      ...entryAnswer(pairEntry.entry, options, date),
    };
  }
  if (type === "comparison" && top.entry.kind !== "comparison" && mentioned.length >= 2) {
    return {
      ...base,
      insatser: insatserAbout,
      verdict: null,
      ...comparisonAnswer(mentioned[0]!.id, mentioned[1]!.id),
    };
  }

  const answered = entryAnswer(
    top.entry,
    options,
    date,
    asksYesOrNo(folded, type) && repliesTo(top.entry, folded),
  );
  if (options.inChannel && Object.keys(facts).length > 0) {
    answered.more.push(
      "I en kanal upprepar jag inga uppgifter om den enskilde. Pröva ett ärende med Kolla behörighet i ett personligt samtal med mig.",
    );
    answered.answer = [answered.short, ...answered.more].join("\n");
  }
  return {
    ...base,
    insatser: insatserAbout,
    verdict: null,
    ...answered,
    ...(personal && Object.keys(facts).length > 0 ? { read: describeFacts(facts, ageAsGiven) } : {}),
  };
}

function chooseVerdictInsats(
  top: { entry: KnowledgeEntry; score: number },
  ranked: { entry: KnowledgeEntry; score: number }[],
  mentioned: { id: InsatsId; score: number }[],
  facts: Facts,
  options: AskOptions,
  type: QuestionType,
): InsatsId | undefined {
  if (type === "comparison" || type === "when" || type === "appeal" || type === "who") return undefined;
  const topInsats = insatsOfEntry(top.entry);
  const named = mentioned[0]?.id;
  if (!topInsats && named) {
    // An entry with a yes/no answer of its own (combinations, försörjningsstöd, hour intervals…)
    // answers itself, unless the question names an insats that entry is not about or that ranks
    // close to it.
    const namedScore = ranked.find((r) => r.entry.id === named)?.score ?? 0;
    const ownAnswer = top.entry.kind === "eligibility" && top.entry.insatser.includes(named);
    if (ownAnswer && namedScore < 0.75 * top.score) return undefined;
  } else if (!topInsats && top.entry.kind !== "definition") return undefined;
  // Among the insatser named and those whose entries rank close to the top, the one the name,
  // the ranking and the facts together fit best: "nyanländ kvinna nådd via uppsökande" is UVAS.
  const mentionOf = new Map(mentioned.map((m) => [m.id, Math.min(1, m.score / 6)]));
  const scoreOf = new Map(ranked.map((r) => [r.entry.id, r.score / top.score]));
  const ids = [
    ...new Set([
      ...mentioned.slice(0, 3).map((m) => m.id),
      ...ranked
        .filter((r) => insatsOfEntry(r.entry) && r.score >= 0.5 * top.score)
        .slice(0, 5)
        .map((r) => insatsOfEntry(r.entry)!),
    ]),
  ];
  return ids
    .map((id) => {
      const result = evaluateInsats(id, facts, options.on, evaluationOptions(options));
      const met = result.trace.filter((row) => row.outcome === "uppfyllt").length;
      const unmet = result.trace.filter((row) => row.outcome === "ej uppfyllt").length;
      const fit = (met - unmet) / result.trace.length;
      return { id, value: 1.5 * (mentionOf.get(id) ?? 0) + (scoreOf.get(id) ?? 0) + fit };
    })
    .sort((a, b) => b.value - a.value)[0]?.id;
}

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

const lowerFirst = (text: string) => text.charAt(0).toLocaleLowerCase("sv-SE") + text.slice(1);

const relatedFacts: Partial<Record<string, FactKey>> = {
  folkbokfordStockholm: "bosattStockholm",
  bosattStockholm: "folkbokfordStockholm",
};

/** Whether what the question names is one of the insats's criteria, and which way. */
function criterionAnswer(
  id: InsatsId,
  facts: Facts,
  options: AskOptions,
): Pick<AskAnswer, "short" | "more" | "answer" | "citations"> {
  const insats = getInsats(id);
  const result = evaluateInsats(id, facts, options.on, evaluationOptions(options));
  const met = result.trace.filter((row) => row.outcome === "uppfyllt");
  const unmet = result.trace.filter((row) => row.outcome === "ej uppfyllt");
  const texts = (rows: TraceRow[]) => rows.map((row) => lowerFirst(row.text)).join("; ");
  // Folkbokförd and bosatt are different requirements that are easily taken for one another.
  const near = result.trace.filter((row) =>
    row.missingFacts.some((fact) => Object.keys(facts).some((given) => relatedFacts[given] === fact)),
  );
  const head = unmet.length
    ? `Nej – tvärtom. ${insats.shortName} kräver: ${texts(unmet)}.`
    : met.length
      ? `Ja. ${insats.shortName} kräver: ${texts(met)}.`
      : near.length
        ? `Inte just det. ${insats.shortName} kräver: ${texts(near)}.`
        : `Nej, det är inget krav för ${insats.shortName} enligt underlagen. Kriterierna är: ${texts(result.trace.slice(0, 3))}${result.trace.length > 3 ? ` (och ${result.trace.length - 3} till)` : ""}.`;
  const short = cutAtWord(head, shortAnswerLimit);
  const more = [
    `Alla kriterier för ${insats.shortName}:`,
    ...result.trace.map((row) => `• ${row.text}`),
    ...insats.silences.map((silence) => `Obs: ${silence}`),
  ];
  const inForceNow = (citations: Citation[]) => citations.filter((c) => inForce(c, options.on));
  return {
    short,
    more,
    answer: [short, ...more].join("\n"),
    citations: uniqueCitations([
      ...inForceNow([...unmet, ...met, ...near].flatMap((row) => row.citations)),
      ...inForceNow(insats.legalBasis),
    ]).slice(0, 4),
  };
}

function verdictAnswer(
  id: InsatsId,
  facts: Facts,
  options: AskOptions,
  ageAsGiven?: string,
): Pick<AskAnswer, "verdict" | "short" | "more" | "answer" | "citations" | "read" | "deciding" | "result"> {
  const insats = getInsats(id);
  const result = evaluateInsats(id, facts, options.on, evaluationOptions(options));
  const unmet = result.trace.filter((row) => row.outcome === "ej uppfyllt");
  const unknown = result.trace.filter((row) => row.outcome === "okänt");
  const deciding =
    result.verdict === "not-eligible" ? unmet : result.verdict === "needs-facts" ? unknown : [];
  const read = describeFacts(facts, ageAsGiven);
  let head: string;
  if (result.verdict === "eligible") {
    head = `Ja. Med det frågan säger uppfylls alla kriterier för ${insats.shortName}.`;
  } else if (result.verdict === "not-eligible") {
    head = `Nej. ${insats.shortName} kräver: ${unmet.map((row) => lowerFirst(row.text)).join("; ")} – och det stämmer inte enligt frågan.`;
    if (unmet.some((row) => row.criterion.endsWith("forsorjningsstod")) && id !== "sysselsattning")
      head += " Den som har försörjningsstöd får Jobbtorgs stöd inom planeringen för försörjningsstödet.";
  } else {
    const shown = unknown.slice(0, 3).map((row) => lowerFirst(row.text));
    const rest = unknown.length - shown.length;
    head = `Det beror på ${unknown.length === 1 ? "om personen uppfyller" : "om personen uppfyller detta för"} ${insats.shortName}: ${shown.join("; ")}${rest > 0 ? ` (och ${rest} till)` : ""}.`;
  }
  const short = cutAtWord(`${head}\nJag läste: ${read}.`, shortAnswerLimit);
  const more = [
    `${insats.name}: ${insats.description}`,
    "Alla kriterier (✓ uppfyllt, ✗ ej uppfyllt, ? okänt):",
    ...result.trace.map((row) => `${outcomeMark[row.outcome]} ${row.text}`),
    ...(result.verdict === "needs-facts"
      ? [
          `Saknas för ett besked: ${result.unknown.map((fact) => missingFactText(fact, facts, ageAsGiven)).join("; ")}.`,
        ]
      : []),
    ...(ageAsGiven ? [statedAgeText(ageAsGiven)] : []),
    ...insats.silences.map((s) => `Obs: ${s}`),
  ];
  const inForceNow = (citations: Citation[]) => citations.filter((c) => inForce(c, options.on));
  const decidingCitations = [
    ...inForceNow(deciding.flatMap((row) => row.citations)),
    ...inForceNow(result.trace.flatMap((row) => row.citations)),
    ...inForceNow(insats.legalBasis),
  ];
  return {
    verdict: {
      insats: id,
      verdict: result.verdict,
      missingFacts: result.verdict === "needs-facts" ? result.unknown : [],
    },
    short,
    more,
    answer: [short, ...more].join("\n"),
    citations: uniqueCitations(decidingCitations).slice(0, 4),
    read,
    deciding,
    result,
  };
}

function entryTopic(entry: KnowledgeEntry): AskAnswer["topic"] {
  return {
    kind: "entry",
    id: entry.id,
    entryKind: entry.kind,
    title: entry.title,
    expertWritten: entry.expertWritten === true,
  };
}

/** Whether the entry's "Ja."/"Nej." replies to this question (its `polarFor` words, when it has them). */
function repliesTo(entry: KnowledgeEntry, folded: string): boolean {
  return !entry.polarFor || entry.polarFor.some((word) => new RegExp(`\\b${foldText(word)}`).test(folded));
}

/** Whether "Ja."/"Nej." can begin the reply: not to "vilka uppgifter…", "hur många…", "när…". */
function asksYesOrNo(folded: string, type: QuestionType): boolean {
  if (type === "when" || type === "what" || type === "who" || type === "comparison") return false;
  return !/^(vad|vilka|vilken|vilket|hur|var|vart|nar|vem|varfor)\b/.test(folded);
}

function entryAnswer(
  entry: KnowledgeEntry,
  options: AskOptions,
  date: IsoDate | undefined,
  yesOrNo = true,
): Pick<AskAnswer, "short" | "more" | "answer" | "citations" | "topic"> {
  // An entry written as a reply to a yes/no question loses its "Ja."/"Nej." when the question
  // asked something else: the rest of the answer still answers it.
  let head = yesOrNo ? entry.answer : withoutPolarWord(entry.answer);
  const more: string[] = entry.more ? [entry.more] : [];
  if (entry.compute === "gp-deadline") {
    const rule = options.gpRule ?? "working";
    const other = gpDeadlineRules.find((r) => r !== rule)!;
    if (date) {
      head = `Senast ${swedishDate(gpDueDate(date, rule))} – ${gpReadings[rule]} från att beställningen skickades ${swedishDate(date)}. Läst som ${gpReadings[other]}: ${swedishDate(gpDueDate(date, other))}.`;
      more.unshift(entry.answer);
    } else {
      head = `${entry.answer} Insatsguiden räknar med ${gpReadings[rule]}; den andra läsningen är ${gpReadings[other]}.`;
    }
    more.push(
      "Kontrollera att planen stämmer med beställningen; en inkommen plan bekräftar att insatsen har påbörjats. Efter en uppföljning med ny beställning gäller en ny frist.",
    );
  }
  if (entry.compute === "follow-up" && date) {
    head = `Nästa uppföljning senast ${swedishDate(followUpDue(date))} – sex kalendermånader efter ${swedishDate(date)}. ${firstSentence(entry.answer)}`;
    more.unshift(entry.answer);
  }
  if (entry.expertWritten) more.push("Svaret är skrivet av en expert och sparat i kunskapsbasen.");
  // An insats's own entry also cites its legal basis in force on the date asked.
  const insats = insatsOfEntry(entry);
  const legalBasis = insats ? getInsats(insats).legalBasis : [];
  const short = cutAtWord(head, shortAnswerLimit);
  return {
    short,
    more,
    answer: [short, ...more].join("\n"),
    citations: uniqueCitations([...entry.citations, ...legalBasis].filter((c) => inForce(c, options.on))),
    topic: entryTopic(entry),
  };
}

function comparisonAnswer(
  a: InsatsId,
  b: InsatsId,
): Pick<AskAnswer, "short" | "more" | "answer" | "citations" | "topic"> {
  const [first, second] = [a, b].map((id) => knowledgeEntries.find((entry) => entry.id === id)!);
  const short = cutAtWord(
    `${getInsats(a).shortName}: ${firstSentence(first!.answer)}\n${getInsats(b).shortName}: ${firstSentence(second!.answer)}`,
    shortAnswerLimit,
  );
  const more = [first!.answer, second!.answer];
  return {
    short,
    more,
    answer: [short, ...more].join("\n"),
    citations: uniqueCitations([...first!.citations, ...second!.citations]),
    topic: {
      kind: "entry",
      id: `${a}+${b}`,
      entryKind: "comparison",
      title: `${getInsats(a).shortName} eller ${getInsats(b).shortName}`,
      expertWritten: false,
    },
  };
}

/** A citation as one line: document, section and law paragraph (src/rules/sources.ts). */
export { citationText } from "./sources.js";
/** What the answerer can answer, for the honest "not in the sources". */
export const answerableTopics =
  "vem som kan få " +
  insatser.map((i) => i.shortName).join(", ") +
  "; processen (informationsmöte, utredning med DUR, flerpartsmöte via alfa@stockholm.se, beslut, beställning, genomförandeplanens frist, uppföljning, avslut); överklagande och laglighetsprövning; ändringsförbehåll; timintervall; vem som beslutar; nya socialtjänstlagen";

function unknownAnswer(): Pick<AskAnswer, "short" | "more" | "answer"> {
  const short =
    "Det står inte i underlagen jag bygger på – jag hittar inget svar på den frågan. Fråga en expert på din enhet, eller ställ frågan på ett annat sätt.";
  const more = [`Jag kan svara på: ${answerableTopics}.`];
  return { short, more, answer: [short, ...more].join("\n") };
}
