/**
 * Facts a Swedish question states about a person ("en 17-åring som riskerar att hoppa av
 * gymnasiet", "har försörjningsstöd", "personkrets 1"). Works on folded, typo-corrected text;
 * a negation just before (or "inte" just after) a statement turns it round.
 */
import type { AgeRange, Facts } from "./facts.js";

const negations = new Set(["inte", "ej", "icke", "aldrig", "utan", "ingen", "inget", "inga", "saknar"]);

/** Words that start a new clause: a negation before them does not reach past them ("utan utbildning som nåtts via"). */
const clauseStarts = new Set(["som", "och", "men", "att", "med", "for", "nar", "om", "dar", "eftersom"]);

/** True when a negation stands in the few words before `index` in the same clause (or "inte" right after). */
function negatedAt(text: string, index: number, end: number): boolean {
  const words = text.slice(0, index).split(" ").filter(Boolean).slice(-3);
  const clauseStart = words.findLastIndex((word) => clauseStarts.has(word));
  const before = words.slice(clauseStart + 1);
  const after = text.slice(end).split(" ").filter(Boolean).slice(0, 1);
  return before.some((word) => negations.has(word)) || after.some((word) => word === "inte" || word === "ej");
}

/** `true`/`false` for the first match of `pattern`, taking negation into account; undefined if none. */
function statement(text: string, pattern: RegExp): boolean | undefined {
  const match = pattern.exec(text);
  if (!match) return undefined;
  return !negatedAt(text, match.index, match.index + match[0].length);
}

const numberWords: Record<string, number> = {
  en: 1,
  ett: 1,
  tva: 2,
  tre: 3,
  fyra: 4,
  fem: 5,
  sex: 6,
  sju: 7,
  atta: 8,
  nio: 9,
  tio: 10,
  elva: 11,
  tolv: 12,
};
const numberPattern = `(\\d{1,3}|${Object.keys(numberWords).join("|")})`;
const toNumber = (word: string): number => numberWords[word] ?? Number(word);

/** Ages the extraction believes: below 10 a number is far more often a duration or a count. */
const isAge = (value: number): boolean => value >= 10 && value <= 110;

/** The word before a number that makes "N år" a duration, not an age ("i 3 år", "bott 3 år"). */
const durationBefore = new Set([
  "i",
  "sedan",
  "sen",
  "bott",
  "inom",
  "efter",
  "under",
  "pa",
  "over",
  "an",
  "minst",
  "hogst",
  "max",
]);

/** A single age: "30 år", "en 30-åring", "17-årig", "på 19", "är 24". */
function exactAge(text: string): number | undefined {
  const patterns = [
    /(\d{1,3}) ?- ?ar(?:ing|ig|ige|iga|ingen|ig)\b/,
    /(\d{1,3}) ?ar(?:ing|ig|ige|iga|ingen)\b/,
    /\b(?:ar|blir|fyllt|fyller|fyllde|alder) (\d{1,3}) ?(?:ar)?\b/,
    /\b(\d{1,3}) ar gammal/,
    /\b(?:kvinna|man|tjej|kille|flicka|pojke|person|klient|elev|ungdom|brukare|patient|sokande)(?:en|n)? (?:pa|om) (\d{1,3})\b(?! ?(?:manad|timm|dag|procent|%))/,
    /\b(\d{1,3}) ar\b(?! (?:sedan|pa shis|i sverige|sen))/,
  ];
  for (const [index, pattern] of patterns.entries()) {
    const match = pattern.exec(text);
    if (!match) continue;
    // "i 3 år", "sedan 3 år", "bott 3 år": a duration, not an age ("17-åring" always is one); so is
    // a bound that was not read as an age ("i över 10 år", "mer än 12 år").
    const previous = text.slice(0, match.index).split(" ").filter(Boolean).at(-1) ?? "";
    if (index >= 2 && durationBefore.has(previous)) continue;
    const value = Number(match[1]);
    if (isAge(value)) return value;
  }
  return undefined;
}

/** An age as a question states it: exact or a range, with the question's own words for the answer. */
export interface StatedAge {
  value: number | AgeRange;
  /** Swedish, as the question put it: "över 65", "mellan 20 och 29 år", "30 år". */
  asGiven: string;
}

/** The words of a bound as the user wrote them (the text is folded). */
const boundWords: Record<string, string> = {
  over: "över",
  "aldre an": "äldre än",
  under: "under",
  "yngre an": "yngre än",
  minst: "minst",
  hogst: "högst",
  max: "max",
  "upp till": "upp till",
  aldre: "äldre",
  yngre: "yngre",
  uppat: "uppåt",
  nedat: "nedåt",
};

/** Not followed by another unit: "under 20 timmar", "minst 15 dagar", "över 36 månader" are no ages. */
const noOtherUnit =
  "(?! ?(?:manad|veck|dag|arbetsdag|kalenderdag|timm|tim\\b|procent|kr\\b|kronor|gang|tillfall))";
/** Nor a time ago or a stay: "över 10 år sedan", "under 12 år på SHIS". */
const noTimeAgo = "(?!(?: ?ar)? (?:sedan|sen|pa shis|i sverige)\\b)";
/** A number of years: the number, then whether "år" follows (for the answer's wording). */
const years = `(\\d{1,3})\\b${noOtherUnit}${noTimeAgo}( ?ar\\b)?`;

type RangeReading = (match: RegExpExecArray) => { range: AgeRange; asGiven: string } | undefined;

/** Two bounds, sorted ("mellan 29 och 20" is 20–29); both must be ages. */
function span(first: string, second: string, asGiven: (min: number, max: number) => string) {
  const [min, max] = [Number(first), Number(second)].sort((a, b) => a - b) as [number, number];
  return isAge(min) && isAge(max) ? { range: { min, max }, asGiven: asGiven(min, max) } : undefined;
}

/**
 * One bound on a stated number: "över 65" is `{ min: 66 }`, "högst 64" `{ max: 64 }`. A negation
 * before it ("som inte är över 65") turns it round: `{ max: 65 }`.
 */
function bound(stated: number, side: "min" | "max", inclusive: boolean, asGiven: string, negated = false) {
  if (!isAge(stated)) return undefined;
  const edge = inclusive ? stated : side === "min" ? stated + 1 : stated - 1;
  if (!negated) return { range: side === "min" ? { min: edge } : { max: edge }, asGiven };
  return { range: side === "min" ? { max: edge - 1 } : { min: edge + 1 }, asGiven: `inte ${asGiven}` };
}

/** A negation that governs the bound after it: "som inte är över 65", "är inte under 20". */
const negatedBound = /(?:\bar inte|\binte ar|\bsom inte|\bej) $/;

/** Ranges and bounds in fixed phrases, most specific first. */
const rangePatterns: [RegExp, RangeReading][] = [
  [
    new RegExp(`\\bmellan (\\d{1,3}) och ${years}`),
    (m) => span(m[1]!, m[2]!, (min, max) => `mellan ${min} och ${max} år`),
  ],
  [
    /\b(\d{1,3}) ?(?:-|till) ?(\d{1,3}) ?-? ?ar(?:\b|ing)/,
    (m) => span(m[1]!, m[2]!, (min, max) => `${min}–${max} år`),
  ],
  [
    new RegExp(`\\b(?:unga|ungdomar|alder|aldern|personer|alla) (?:fran )?(\\d{1,3}) ?(?:-|till) ?${years}`),
    (m) => span(m[1]!, m[2]!, (min, max) => `${min}–${max} år`),
  ],
  [
    /\bi (\d{1,3}) ?-? ?arsaldern\b/,
    (m) => {
      const decade = Number(m[1]);
      return decade % 10 === 0 ? span(m[1]!, String(decade + 9), () => `i ${decade}-årsåldern`) : undefined;
    },
  ],
  [
    /\b(\d{1,3}) ?ar (och|eller) (aldre|over|uppat)\b/,
    (m) => bound(Number(m[1]), "min", true, `${m[1]} år ${m[2]} ${boundWords[m[3]!]}`),
  ],
  [
    /\b(\d{1,3}) ?ar (och|eller) (yngre|under|nedat)\b/,
    (m) => bound(Number(m[1]), "max", true, `${m[1]} år ${m[2]} ${boundWords[m[3]!]}`),
  ],
  [
    /\b(?:inte|ej) (?:har )?fyllt (\d{1,3})\b/,
    (m) => bound(Number(m[1]), "max", false, `har inte fyllt ${m[1]}`),
  ],
  [/\b(\d{1,3}) plus\b/, (m) => bound(Number(m[1]), "min", true, `${m[1]}+`)],
];

/** One-sided bounds after a word ("över 65", "yngre än 18", "minst 25 år", "högst 64"): side, inclusive. */
const boundPatterns: [RegExp, "min" | "max", boolean][] = [
  [new RegExp(`\\b(over|aldre an) ${years}`), "min", false],
  [new RegExp(`\\b(under|yngre an) ${years}`), "max", false],
  [new RegExp(`\\b(minst) ${years}`), "min", true],
  [new RegExp(`\\b(hogst|max|upp till) ${years}`), "max", true],
];

/** Duration words and verbs before a number: "i över 10 år", "bott under 12 år", "haft stöd under 12 år". */
const durationWords = new Set(["i", "sedan", "sen", "inom", "efter", "pa"]);
const durationVerb = /^(bott|haft|varit|vistats|levt|arbetat|jobbat|studerat|pluggat|gatt|vantat)$/;

function readsAsDuration(text: string, index: number): boolean {
  const [beforePrevious = "", previous = ""] = text.slice(0, index).split(" ").filter(Boolean).slice(-2);
  return (
    durationWords.has(previous) ||
    durationVerb.test(previous) ||
    (durationVerb.test(beforePrevious) && !["ar", "som", "och"].includes(previous))
  );
}

function ageRange(text: string): StatedAge | undefined {
  const readings = [
    ...rangePatterns,
    ...boundPatterns.map(([pattern, side, inclusive]): [RegExp, RangeReading] => [
      pattern,
      (m) =>
        bound(
          Number(m[2]),
          side,
          inclusive,
          `${boundWords[m[1]!]} ${m[2]}${m[3] ? " år" : ""}`,
          negatedBound.test(text.slice(0, m.index)),
        ),
    ]),
  ];
  for (const [pattern, read] of readings) {
    const match = pattern.exec(text);
    if (!match || readsAsDuration(text, match.index)) continue;
    const reading = read(match);
    if (reading) return { value: reading.range, asGiven: reading.asGiven };
  }
  return undefined;
}

/** The age a question states: a range or bound when it gives one, else a single age. */
export function readAge(text: string): StatedAge | undefined {
  const range = ageRange(text);
  if (range) return range;
  // "fyller 65 nästa månad": not 65 yet. ("fyllde"/"fyllt" are read as they stand.)
  const turning = /\bfyller (\d{1,3})\b(?! ?ar (?:sedan|sen))/.exec(text);
  if (turning && isAge(Number(turning[1]) - 1)) {
    const now = Number(turning[1]) - 1;
    return { value: now, asGiven: `${now} år (fyller ${turning[1]})` };
  }
  const exact = exactAge(text);
  return exact === undefined ? undefined : { value: exact, asGiven: `${exact} år` };
}

/** What says a refugee's or protected person's permit: the permit itself, asylum, refugee status, protection. */
const permitWords = /uppehallstillstand|\but\b|tillstand|asyl|flykting|skydd(sbehovande|sstatus)?\b/;

function permitMonths(text: string): number | undefined {
  const permits = [...text.matchAll(new RegExp(permitWords, "g"))].map((match) => match.index);
  if (permits.length === 0) return undefined;
  // Every stated duration ("18 månader", "för två år sedan", "i 3 år" — not "45 år", an age),
  // and the one nearest a permit word within a clause's reach is the permit's age.
  const durations = [
    ...[...text.matchAll(new RegExp(`${numberPattern} ?manad`, "g"))].map((match) => ({
      at: match.index,
      months: toNumber(match[1]!),
    })),
    ...[
      ...text.matchAll(
        new RegExp(
          `\\b(?:for|i|sedan) ${numberPattern} ?ar\\b(?! gammal)|\\b${numberPattern} ?ar (?:sedan|sen)\\b`,
          "g",
        ),
      ),
    ].map((match) => ({ at: match.index, months: toNumber((match[1] ?? match[2])!) * 12 })),
  ];
  const distance = (at: number) => Math.min(...permits.map((permit) => Math.abs(permit - at)));
  const nearest = durations
    .filter((duration) => distance(duration.at) <= 60)
    .sort((a, b) => distance(a.at) - distance(b.at))[0];
  return nearest?.months;
}

function shisYears(text: string): number | undefined {
  const shis = text.indexOf("shis");
  if (shis < 0) return undefined;
  const around = text.slice(Math.max(0, shis - 50), shis + 50);
  const years = new RegExp(`${numberPattern} ?ar\\b`).exec(around);
  if (years) return toNumber(years[1]!);
  const months = new RegExp(`${numberPattern} ?manad`).exec(around);
  return months ? toNumber(months[1]!) / 12 : undefined;
}

function personkrets(text: string): 1 | 2 | 3 | undefined {
  const match =
    /(?:personkrets|pk) ?(1|2|3|ett|tva|tre)\b(?! ?(?:-|eller|och|o) ?(?:1|2|3|ett|tva|tre)\b)/.exec(text);
  if (!match) return undefined;
  const value = toNumber(match[1]!);
  return value === 1 || value === 2 || value === 3 ? value : undefined;
}

function gender(text: string): Facts["gender"] {
  if (/\b(kvinna|kvinnan|kvinnor|tjej|tjejen|flicka|flickan|hon|dotter|dottern|mamma)\b/.test(text))
    return "kvinna";
  if (/\b(arig|aring|ung|vuxen|aldre|yngre) man\b/.test(text)) return "man";
  if (/\b(en man|mannen|kille|killen|pojke|pojken|han|sonen|pappa)\b/.test(text)) return "man";
  if (/\b(ickebinar|icke-binar)\b/.test(text)) return "annat";
  return undefined;
}

/**
 * The facts a question states. `text` is folded (see foldText) and typo-corrected; `age` is its
 * age when the caller has read it already (ask shows it as given too).
 */
export function extractFacts(text: string, age: StatedAge | undefined = readAge(text)): Facts {
  const facts: Facts = {};
  const set = <K extends keyof Facts>(key: K, value: Facts[K] | undefined): void => {
    if (value !== undefined) facts[key] = value;
  };
  set("age", age?.value);
  set("gender", gender(text));

  if (/\bvarken (arbetar|jobbar) eller (studerar|pluggar)\b/.test(text)) {
    facts.working = false;
    facts.studying = false;
  } else {
    set(
      "working",
      /\barbetslos/.test(text) ? false : statement(text, /\b(arbetar|jobbar|har (ett )?(arbete|jobb))\b/),
    );
    set("studying", statement(text, /\b(studerar|pluggar|gar pa (gymnasiet|komvux|universitet|hogskola))\b/));
  }
  const gymnasium = statement(
    text,
    /\b(gar pa gymnasiet|gymnasieelev|studerar pa gymnasiet|gymnasiestudier|i gymnasiet|gar i gymnasiet|pa gymnasiet|(hoppa|hoppar|avbryta|avbryter|sluta|slutar) (av )?gymnasiet)\b/,
  );
  if (gymnasium !== undefined && !/anpassad gymnasieskola|gymnasiesarskola|sarskola/.test(text)) {
    set("studiesGymnasium", gymnasium);
    if (gymnasium) facts.studying = true;
  }
  set(
    "atRiskOfDropout",
    statement(
      text,
      /\b(hoppa av|hoppar av|avbryta|avbryter|avhopp|skolkar|skolka|riskerar att (hoppa|avbryta|sluta)|sluta skolan|(tanker|funderar pa att|vill|pratar om att) (sluta|hoppa av))/,
    ),
  );
  // Already dropped out: not studying now ("hoppat av gymnasiet", "har avbrutit utbildningen").
  if (
    /\b(hoppat av|hoppade av|avbrutit|avbrot|slutat|slutade) (pa )?(skolan|gymnasiet|studierna|utbildningen|plugget)\b/.test(
      text,
    )
  )
    set("studying", false);
  if (/anpassad gymnasieskola|gymnasiesarskola|sarskola|anpassade gymnasieskolan/.test(text)) {
    set(
      "anpassadGymnasieskolaFinalYear",
      statement(text, /\b(sista aret|sista ar|sista terminen|avgangsaret|gar ut|trean|ar 4|fjarde aret)\b/),
    );
  } else if (
    /\b(vanlig|vanliga|vanligt|ordinarie|nationellt|nationella|inte anpassad|ej anpassad) (gymnasiet|gymnasium|gymnasieskola|gymnasieskolan|program|programmet)\b/.test(
      text,
    )
  ) {
    // A school that is said not to be the adapted one answers the Bron criterion: no.
    set("anpassadGymnasieskolaFinalYear", false);
    set("studiesGymnasium", true);
  }

  set("folkbokfordStockholm", folkbokford(text));
  set("bosattStockholm", bosatt(text));
  set(
    "receivesForsorjningsstod",
    statement(text, /forsorjnings? ?stod|ekonomiskt bistand|socialbidrag|soc ?bidrag|\bfbs\b/),
  );
  set("lssPersonkrets", personkrets(text));
  set(
    "specialistPsychiatryContact",
    statement(
      text,
      /(kontakt med|gar hos|inskriven (i|pa)|behandlas (i|av)) (den )?(specialist)?psykiatri|specialistpsykiatri|psykiatrisk oppenvard|psykiatrikontakt|kontakt (med|i) (den )?(oppen)?psykiatri/,
    ),
  );
  set(
    "socialpsykiatriTargetGroup",
    statement(
      text,
      /(psykisk|psykiatrisk)a? (funktionsnedsattning|ohalsa|sjukdom)|socialpsykiatrins malgrupp/,
    ),
  );
  set(
    "lacksDailyOccupationDueToPsychDisability",
    /\bsaknar (annan )?(daglig )?sysselsattning/.test(text) ? true : undefined,
  );
  set(
    "wishesWorkOrStudies",
    statement(text, /\bvill (borja )?(arbeta|jobba|studera|plugga|ha ett (arbete|jobb))/),
  );
  set(
    "primaryGoalWorkOrStudies",
    statement(
      text,
      /(primara|framsta|huvudsakliga) mal(et)? (ar )?(att )?(arbete|arbeta|studier|studera|jobb)/,
    ),
  );
  set("consentsPsychiatryCoordination", statement(text, /samtycker|samtycke/));
  set(
    "weakLabourMarketPosition",
    statement(text, /svag (stallning|position)|langt (ifran|fran) arbetsmarknaden/),
  );
  set(
    "reachedViaOutreach",
    statement(text, /uppsokande|uppsokarna|uppsokare|uppsokaren|nadd via|natts via|nas via|natt via/),
  );
  set("arbetsformedlingenCanOffer", arbetsformedlingen(text));
  // A relative's own permit "N år efter" (or "inom N år" of) the relative's: the six-year rule, not the
  // permit's age.
  const relativeGap = /anhorig/.test(text)
    ? new RegExp(`(?:${numberPattern} ?ar (?:efter|senare))|(?:inom ${numberPattern} ?ar)`).exec(text)
    : null;
  if (relativeGap) set("relativePermitWithinSixYears", toNumber((relativeGap[1] ?? relativeGap[2])!) <= 6);
  else set("residencePermitRefugeeOrProtectionMonths", permitMonths(text));
  const shis = statement(text, /\bshis/);
  set("livesInShis", shis);
  if (shis) set("shisYears", shisYears(text));
  set("massflyktsdirektivet", statement(text, /massflykt|tillfalligt skydd/));
  set("enrolledParticipatingPsychosisClinic", psychosisClinic(text));
  return facts;
}

/** Districts and areas of Stockholms stad, folded ("bor i Farsta"); the vocabulary keeps them as they are. */
export const stockholmAreas = [
  "farsta",
  "bromma",
  "skarholmen",
  "rinkeby",
  "kista",
  "spanga",
  "tensta",
  "hasselby",
  "vallingby",
  "enskede",
  "arsta",
  "vantor",
  "skarpnack",
  "hagersten",
  "alvsjo",
  "liljeholmen",
  "ostermalm",
  "norrmalm",
  "kungsholmen",
  "sodermalm",
  "vasastan",
  "husby",
  "akalla",
  "hjulsta",
  "ragsved",
  "hogdalen",
  "bandhagen",
] as const;

const stockholm = new RegExp(`stockholm(s stad)?|\\bsthlm\\b|\\bstan\\b|\\b(${stockholmAreas.join("|")})\\b`);
/** Other municipalities, folded ("folkbokförd i Solna"); the vocabulary keeps them as they are. */
export const otherMunicipalities = [
  "solna",
  "huddinge",
  "nacka",
  "sundbyberg",
  "sodertalje",
  "botkyrka",
  "haninge",
  "taby",
  "jarfalla",
  "sollentuna",
  "uppsala",
  "goteborg",
  "malmo",
  "lidingo",
  "danderyd",
  "tyreso",
  "varmdo",
  "vallentuna",
  "sigtuna",
  "ekero",
  "norrtalje",
  "nynashamn",
  "osteraker",
  "vaxholm",
  "salem",
  "nykvarn",
] as const;

const otherMunicipality = new RegExp(
  `\\b(i|pa) (${otherMunicipalities.join("|")}|en annan kommun|annan kommun)\\b`,
);

function folkbokford(text: string): boolean | undefined {
  // "Skriven i Stockholm" is how folkbokförd is often said.
  const match = /folkbokford|\b(mantals)?skriven (?=i |pa )/.exec(text);
  if (!match) return undefined;
  const rest = text.slice(match.index, match.index + 40);
  if (otherMunicipality.test(rest)) return false;
  const negated = negatedAt(text, match.index, match.index + match[0].length);
  if (stockholm.test(rest) || !/\b(i|pa) /.test(rest)) return !negated;
  return undefined;
}

function bosatt(text: string): boolean | undefined {
  const match = /\b(bosatt|bor|boende) (i|pa)\b/.exec(text);
  if (!match) return undefined;
  const rest = text.slice(match.index, match.index + 40);
  if (otherMunicipality.test(rest)) return false;
  if (stockholm.test(rest)) return !negatedAt(text, match.index, match.index + match[0].length);
  return undefined;
}

/**
 * Whether Arbetsförmedlingen can offer a suitable measure: "AF har erbjudit honom ett program",
 * "arbetsförmedlingen kan inte erbjuda något", "AF har inget att erbjuda".
 */
function arbetsformedlingen(text: string): boolean | undefined {
  const match =
    /\b(?:arbetsformedlingen|af)\b (kan|har|erbjuder|erbjod)( inte| ej| ingen| inget| inga)? ?(erbjuda|erbjudit|ge|gett|gav|nagot|nagon|en|ett|att)?/.exec(
      text,
    );
  if (
    !match ||
    !/erbjud|\bge\b|gett|gav|atgard|insats|program/.test(text.slice(match.index, match.index + 60))
  )
    return undefined;
  return !/inte|ej|ingen|inget|inga/.test(match[0]);
}

/**
 * Enrolled at a psychosis clinic that takes part in the project. A negation may stand after the
 * clinic, inside its clause: "psykosmottagning som inte är med i IPS-projektet" is a no.
 */
function psychosisClinic(text: string): boolean | undefined {
  const match = /inskriven (pa|vid|i) (en )?psykos|psykosmottagning/.exec(text);
  if (!match) return undefined;
  const after = text.slice(match.index, match.index + 90);
  if (
    /\b(inte|ej|icke)( ar)? (med|deltar|ingar|del)\b|\b(inte|ej) (med|del) i\b|deltar inte|ar inte med|saknar/.test(
      after,
    )
  )
    return false;
  if (negatedAt(text, match.index, match.index + match[0].length)) return false;
  // The criterion is a clinic *in the project*: "går på psykosmottagning" alone does not say
  // that, so the criterion stays unknown rather than ticked on the question's words.
  const window = text.slice(Math.max(0, match.index - 60), match.index + 90);
  return /projekt|deltar|ingar i|med i|ansluten/.test(window) ? true : undefined;
}

const factWords: Partial<Record<keyof Facts, [yes: string, no: string]>> = {
  folkbokfordStockholm: ["folkbokförd i Stockholms stad", "inte folkbokförd i Stockholms stad"],
  bosattStockholm: ["bosatt i Stockholms stad", "inte bosatt i Stockholms stad"],
  working: ["arbetar", "arbetar inte"],
  studying: ["studerar", "studerar inte"],
  studiesGymnasium: ["går på gymnasiet", "går inte på gymnasiet"],
  atRiskOfDropout: ["riskerar att avbryta studierna", "riskerar inte att avbryta studierna"],
  anpassadGymnasieskolaFinalYear: [
    "sista året på anpassad gymnasieskola",
    "inte sista året på anpassad gymnasieskola",
  ],
  receivesForsorjningsstod: ["har försörjningsstöd", "inget försörjningsstöd"],
  socialpsykiatriTargetGroup: ["psykisk funktionsnedsättning", "ingen psykisk funktionsnedsättning"],
  specialistPsychiatryContact: ["kontakt med specialistpsykiatrin", "ingen kontakt med specialistpsykiatrin"],
  primaryGoalWorkOrStudies: ["arbete eller studier är huvudmålet", "arbete eller studier är inte huvudmålet"],
  lastingSupportNeeds: ["varaktiga stödbehov", "inga varaktiga stödbehov"],
  wishesWorkOrStudies: ["vill arbeta eller studera", "vill inte arbeta eller studera"],
  consentsPsychiatryCoordination: ["samtycker till samordning", "samtycker inte till samordning"],
  workSpecialistAssessedReady: ["bedömd redo av arbetsspecialist", "inte bedömd redo av arbetsspecialist"],
  arbetsformedlingenCanOffer: [
    "Arbetsförmedlingen kan erbjuda en lämplig åtgärd",
    "Arbetsförmedlingen kan inte erbjuda en lämplig åtgärd",
  ],
  weakLabourMarketPosition: ["svag ställning på arbetsmarknaden", "ingen svag ställning på arbetsmarknaden"],
  reachedViaOutreach: ["nådd via uppsökande", "inte nådd via uppsökande"],
  livesInShis: ["bor på SHIS", "bor inte på SHIS"],
  massflyktsdirektivet: ["omfattas av massflyktsdirektivet", "omfattas inte av massflyktsdirektivet"],
  relativePermitWithinSixYears: [
    "anhörig, eget tillstånd inom 6 år",
    "anhörig, eget tillstånd efter mer än 6 år",
  ],
  enrolledParticipatingPsychosisClinic: [
    "inskriven på en psykosmottagning i projektet",
    "inte inskriven på en psykosmottagning i projektet",
  ],
  lacksDailyOccupationDueToPsychDisability: ["saknar daglig sysselsättning", "har daglig sysselsättning"],
};

/** What the question stated, as the answer shows it: "45 år, kvinna, nådd via uppsökande, inget försörjningsstöd". */
export function describeFacts(facts: Facts, ageAsGiven?: string): string {
  const parts: string[] = [];
  if (facts.age !== undefined)
    parts.push(ageAsGiven ?? (typeof facts.age === "number" ? `${facts.age} år` : "ålder"));
  if (facts.gender) parts.push(facts.gender === "annat" ? "annat kön" : facts.gender);
  if (facts.lssPersonkrets) parts.push(`LSS personkrets ${facts.lssPersonkrets}`);
  if (facts.residencePermitRefugeeOrProtectionMonths !== undefined)
    parts.push(`uppehållstillstånd ${facts.residencePermitRefugeeOrProtectionMonths} månader`);
  if (facts.shisYears !== undefined) parts.push(`${facts.shisYears} år på SHIS`);
  for (const [key, words] of Object.entries(factWords) as [keyof Facts, [string, string]][]) {
    const value = facts[key];
    if (typeof value === "boolean") parts.push(value ? words[0] : words[1]);
  }
  return parts.length > 0 ? parts.join(", ") : "inga uppgifter om personen";
}
