/**
 * Ranked retrieval over the knowledge base (BM25 with field weights), on Swedish text prepared
 * the same way on both sides: folded, law references joined ("4 kap. 2 §" = "4:2"), abbreviations
 * and synonyms expanded, compounds split into real words (Hunspell list), stemmed (Snowball).
 * Question tokens are also spell-corrected against the domain's own words, but only when the
 * token is no Swedish word. Everything is built once at load; answering allocates little and every
 * cache is a bounded LRU.
 */
import { LruCache } from "../lru-cache.js";
import { insatsOfEntry, insatsSearchText, type KnowledgeEntry } from "./knowledge.js";
import { isBaseWord, isSwedishWord } from "./lexicon.js";
import { foldText, maxTokenLength, stem, swedishStopwords, tokenize, Vocabulary } from "./text.js";

/** Abbreviations and synonyms (folded) → the words they stand for; applied to questions and entries. */
export const synonyms: Record<string, string[]> = {
  gp: ["genomforandeplan"],
  gpn: ["genomforandeplan"],
  planen: ["genomforandeplan"],
  sip: ["samordnad", "individuell", "plan"],
  sol: ["socialtjanstlag"],
  socialtjanstlagen: ["socialtjanstlag"],
  fk: ["forsakringskassan"],
  af: ["arbetsformedlingen"],
  afs: ["arbetsformedlingen"],
  arbetsformedlingens: ["arbetsformedlingen"],
  fbs: ["forsorjningsstod"],
  ekonomiskt: ["forsorjningsstod"],
  socialbidrag: ["forsorjningsstod"],
  ipsen: ["ips"],
  ips: ["alfa"],
  iwork: ["lss"],
  personkrets: ["lss", "iwork"],
  lss: ["iwork", "personkrets"],
  uvas: ["uppsokande"],
  varken: ["uvas"],
  uppsokarna: ["uppsokande"],
  uppsokare: ["uppsokande"],
  uppsokandet: ["uppsokande"],
  uppsokande: ["uvas"],
  jt: ["jobbtorg"],
  welcome: ["etableringsstod"],
  sarskola: ["anpassad", "gymnasieskola"],
  gymnasiesarskola: ["anpassad", "gymnasieskola"],
  gymnasiesarskolan: ["anpassad", "gymnasieskola"],
  tim: ["timmar"],
  h: ["timmar"],
  hv: ["timmar"],
  ukrainare: ["massflyktsdirektivet"],
  ukraina: ["massflyktsdirektivet"],
  habersattning: ["habiliteringsersattning"],
  hab: ["habiliteringsersattning"],
  lon: ["ersattning"],
  resekostnad: ["resor"],
  resekostnader: ["resor"],
  reseersattning: ["resor"],
  elev: ["gymnasiet"],
  eleven: ["gymnasiet"],
  nyanland: ["nyanlanda"],
  flykting: ["nyanlanda"],
  pluggar: ["studerar"],
  plugga: ["studera"],
  jobbar: ["arbetar"],
  jobba: ["arbeta"],
  jobb: ["arbete"],
  klaga: ["overklaga"],
  besvar: ["forvaltningsbesvar"],
  lagligheten: ["laglighetsprovning"],
  kostar: ["kostnad"],
  avgift: ["kostnad"],
  hammarby: ["likstallighet"],
  dagar: ["dag"],
  kallar: ["initierar", "pakallar"],
  kalla: ["initiera", "pakalla"],
  max: ["hogst"],
  maximalt: ["hogst"],
};

/** Stop words for ranking: Snowball's list, less the words that decide what a question asks. */
const keep = new Set(["vem", "nar", "hur", "inte", "utan", "mellan", "eller", "over", "under"]);
const stopwords = new Set(swedishStopwords.map(foldText).filter((word) => !keep.has(word)));

/** "4 kap. 2 §", "4 kap 2", "4:2", "4:2-beslut" → one token "4kap2"; "13 kap." → "13kap". */
export function joinLawReferences(folded: string): string {
  return (
    folded
      // The space goes only with a "§" ("4 kap. 2 § SoL" → "4kap2 sol", never "4kap2sol").
      .replace(/\b(\d{1,2}) ?kap\.? ?(\d{1,2})\b(?: ?§§?)?/g, "$1kap$2")
      .replace(/\b(\d{1,2}):(\d{1,2})\b/g, "$1kap$2")
      .replace(/\b(\d{1,2}) ?kap\b\.?/g, "$1kap")
  );
}

const compounds = new LruCache<string, string[]>(5000);

/**
 * A compound as two real words, when it is one ("sexmanadersuppfoljningen" → "sexmanaders",
 * "uppfoljningen"): the head a base form (an optional linking s dropped), the tail a word. The
 * longest tail that works wins; a token longer than a word is never split.
 */
export function compoundParts(token: string): string[] {
  if (token.length < 8 || token.length > maxTokenLength || /[^a-z]/.test(token)) return [];
  return compounds.getOrCreate(token, () => {
    for (let cut = 3; cut <= token.length - 4; cut += 1) {
      const head = token.slice(0, cut);
      const tail = token.slice(cut);
      if (!isSwedishWord(tail)) continue;
      if (isBaseWord(head) || (head.endsWith("s") && head.length > 4 && isBaseWord(head.slice(0, -1))))
        return [head.endsWith("s") && !isBaseWord(head) ? head.slice(0, -1) : head, tail];
    }
    return [];
  });
}

/**
 * Words that say what kind of question it is, or are in almost every question, but not what it is
 * about: a match on them alone answers nothing.
 */
const weakStems = new Set(
  [
    "vem",
    "nar",
    "hur",
    "man",
    "kan",
    "far",
    "fa",
    "ratt",
    "hjalp",
    "stod",
    "tid",
    "dag",
    "gang",
    "ga",
    "gor",
    "gora",
    "behov",
    "behover",
    "ska",
    "finns",
    "galler",
    "ny",
    "nya",
    "person",
    "personen",
    "klient",
    "klienten",
    "hen",
    "enskild",
    "enskilde",
    "lang",
    "lange",
    "mycket",
    "manga",
    "ofta",
    "vill",
    "bra",
    "fraga",
    "svar",
    "inte",
    "utan",
    "eller",
    "over",
    "under",
    "mellan",
    "boka",
    "betyder",
    "via",
    "ar",
    "aring",
    "arig",
    "gammal",
    "hej",
    "tack",
  ].map(stem),
);

/** Weight of a compound's parts against the whole word: "tandläkaren" is not about "läkarintyg". */
const partWeight = 0.4;

/** The weighted terms of a text: stems (a compound's parts weigh less), and bigrams of neighbours. */
const questionWords = new Set(["vem", "nar", "hur", "vad", "vilka", "vilken"]);
const synonymsByStem = new Map(Object.entries(synonyms).map(([word, expansion]) => [stem(word), expansion]));
const synonymsOf = (word: string): string[] => synonyms[word] ?? synonymsByStem.get(stem(word)) ?? [];

function terms(tokens: string[]): Map<string, number> {
  const result = new Map<string, number>();
  const add = (term: string, weight: number) => result.set(term, Math.max(result.get(term) ?? 0, weight));
  const heads: string[] = [];
  for (const token of tokens) {
    // Question words only count as part of a phrase ("hur_ofta", "vem_beslut").
    if (questionWords.has(token)) {
      heads.push(token);
      continue;
    }
    const own = [token, ...synonymsOf(token)].filter((word) => !stopwords.has(word));
    const parts = compoundParts(token).flatMap((part) => [part, ...synonymsOf(part)]);
    for (const word of own) add(stem(word), 1);
    for (const word of parts) if (!stopwords.has(word)) add(stem(word), partWeight);
    if (own.length > 0) heads.push(stem(own[0]!));
  }
  for (let i = 1; i < heads.length; i += 1) add(`${heads[i - 1]}_${heads[i]}`, 1);
  return result;
}

/** Per question word, the terms it stands for: its stem, its synonyms' and its compound parts'. */
function conceptGroups(tokens: string[]): string[][] {
  return tokens
    .filter((token) => !questionWords.has(token))
    .map((token) => {
      const own = [token, ...synonymsOf(token)].filter((word) => !stopwords.has(word));
      const parts = compoundParts(token)
        .flatMap((part) => [part, ...synonymsOf(part)])
        .filter((word) => !stopwords.has(word));
      return [...new Set([...own, ...parts].map(stem))];
    });
}

const entryFields = (entry: KnowledgeEntry) => {
  const insats = insatsOfEntry(entry);
  return {
    title: entry.title,
    keywords: [...entry.keywords, ...(insats ? [insatsSearchText(insats)] : [])].join(" . "),
    body: `${entry.answer} ${entry.more ?? ""}`,
  };
};

const fieldWeights = { title: 2, keywords: 2.5, body: 1 } as const;

/** Particle verbs as the noun the entries use: "följs upp" is "uppföljning", "hoppa av" "avhopp". */
export function joinParticleVerbs(folded: string): string {
  return folded
    .replace(/\bfolj(?:a|er|s|des|t|ts|as)? (?:(\S+) )?upp\b/g, (_m, middle?: string) =>
      middle ? `uppfoljning ${middle}` : "uppfoljning",
    )
    .replace(/\bhopp(?:a|ar|ade|at)? av\b/g, "avhopp")
    .replace(/\btas? emot\b/g, "mottagande");
}

/**
 * "Iwork-insatsen" → "iwork", "insatsen", as questions are read (KnowledgeIndex.normaliseToken);
 * number ranges ("10-24") stay whole.
 */
const splitHyphenated = (tokens: string[]): string[] =>
  tokens.flatMap((token) => {
    const parts = token.split("-");
    return parts.length > 1 && parts.every((part) => /[a-z]/.test(part)) ? parts : [token];
  });

/** A text as the index reads it, entries and questions alike. */
export const searchTokens = (text: string): string[] =>
  splitHyphenated(tokenize(joinParticleVerbs(joinLawReferences(foldText(text)))));

interface IndexedDoc {
  entry: KnowledgeEntry;
  weights: Map<string, number>;
  length: number;
}

/** BM25 over weighted fields: a term's frequency counts its field's weight. */
export class KnowledgeIndex {
  private readonly docs: IndexedDoc[] = [];
  private readonly documentFrequency = new Map<string, number>();
  private averageLength = 1;
  readonly vocabulary: Vocabulary;

  constructor(entries: readonly KnowledgeEntry[], extraWords: Iterable<string> = []) {
    const words = new Set<string>(extraWords);
    for (const entry of entries) this.addDoc(entry, words);
    this.vocabulary = new Vocabulary(words);
  }

  private addDoc(entry: KnowledgeEntry, words: Set<string>): void {
    const weights = new Map<string, number>();
    let length = 0;
    for (const [field, text] of Object.entries(entryFields(entry)) as [keyof typeof fieldWeights, string][]) {
      const tokens = searchTokens(text);
      for (const token of tokens)
        if (!/[0-9]/.test(token)) for (const part of token.split("-")) if (part.length > 1) words.add(part);
      for (const [term, weight] of terms(tokens)) {
        weights.set(term, (weights.get(term) ?? 0) + weight * fieldWeights[field]);
        length += weight * fieldWeights[field];
      }
    }
    for (const term of weights.keys())
      this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
    this.docs.push({ entry, weights, length });
    this.averageLength = this.docs.reduce((sum, doc) => sum + doc.length, 0) / this.docs.length;
  }

  /** A question token as the entries spell it: kept when known or Swedish, else corrected or split. */
  normaliseToken(token: string): string[] {
    if (token.length > maxTokenLength) return [];
    // "Iwork-insatsen", "UVAS-besluten": each part on its own.
    const parts = splitHyphenated([token]);
    if (parts.length > 1) return parts.flatMap((part) => this.normaliseToken(part));
    if (this.vocabulary.knows(token) || /[0-9@]/.test(token) || synonyms[token]) return [token];
    if (isSwedishWord(token)) return [token];
    return this.vocabulary.normalise(token);
  }

  /** The question's tokens: folded, law references joined, each normalised. */
  questionTokens(question: string): string[] {
    return searchTokens(question).flatMap((token) => this.normaliseToken(token));
  }

  private idf(term: string): number {
    const df = this.documentFrequency.get(term) ?? 0;
    return Math.log(1 + (this.docs.length - df + 0.5) / (df + 0.5));
  }

  /**
   * Entries ranked by BM25 for the (already normalised) tokens, best first. `score` is BM25 times
   * how much of the question's content the entry covers (by idf), so an entry matching one strong
   * word of a two-part question loses to one matching both; `content` is the part of the score
   * from content words alone (no question words), which decides whether anything answers at all.
   */
  rank(tokens: string[]): { entry: KnowledgeEntry; score: number; content: number }[] {
    const query = terms(tokens);
    const isContent = (term: string) => !term.includes("_") && !weakStems.has(term) && !/^\d+$/.test(term);
    // Coverage counts what the question said, not how many words it expands to: "iwork" (with
    // its synonyms lss and personkrets) is one thing asked about, covered by any of the three.
    const groups = conceptGroups(tokens)
      .map((group) => group.filter(isContent))
      .filter((group) => group.length > 0);
    const groupIdf = (group: string[]) => Math.max(...group.map((term) => this.idf(term)));
    const totalIdf = groups.reduce((sum, group) => sum + groupIdf(group), 0) || 1;
    const k1 = 1.2;
    const b = 0.3;
    const results: { entry: KnowledgeEntry; score: number; content: number }[] = [];
    for (const doc of this.docs) {
      let score = 0;
      let content = 0;
      for (const [term, queryWeight] of query) {
        const tf = doc.weights.get(term);
        if (!tf) continue;
        const idf = this.idf(term);
        // Law references ("4kap2", "11kap5") are the most telling words a question can hold.
        const weight = queryWeight * (/^\d+kap\d*$/.test(term) ? 2 : 1);
        const part =
          weight * idf * ((tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * doc.length) / this.averageLength)));
        score += part;
        if (isContent(term)) content += part;
      }
      const covered = groups.reduce((sum, group) => {
        const matched = group.filter((term) => doc.weights.has(term));
        return matched.length > 0 ? sum + Math.max(...matched.map((term) => this.idf(term))) : sum;
      }, 0);
      if (score > 0)
        results.push({ entry: doc.entry, score: score * (0.4 + (0.6 * covered) / totalIdf), content });
    }
    return results.sort((x, y) => y.score - x.score);
  }
}

/** What a question asks for, from its form (folded text). */
export type QuestionType =
  "comparison" | "eligibility" | "who" | "when" | "appeal" | "yesno" | "what" | "other";

export function questionType(folded: string): QuestionType {
  if (/\b(skillnad|skillnaden|skiljer|jamfor|jamforelse|jamfort|versus|vs)\b/.test(folded))
    return "comparison";
  if (
    /\b(vem|vilka) (kan|far|har ratt|omfattas|ar aktuella?|passar)\b|\bhar (hen|han|hon|man|klienten|personen) ratt\b|\bratt till\b|\bmalgrupp(en)? for\b/.test(
      folded,
    )
  )
    return "eligibility";
  if (/\bhur (lange|manga|ofta|lang|mycket|stor)\b/.test(folded)) return "when";
  if (/\bkan (man|hen|han|hon|den enskilde|klienten) (overklaga|klaga)|\boverklag/.test(folded))
    return "appeal";
  if (/\bvem\b|\bvilken (namnd|enhet|forvaltning)\b/.test(folded)) return "who";
  if (/\b(nar|senast|hur lang tid|hur lange|vilket datum|datum|frist|inom hur)\b/.test(folded)) return "when";
  if (
    /^(kan|far|maste|behover|ska|skall|ar|har|galler|omfattas|raknas|gar|finns|bor|racker|kravs)\b/.test(
      folded,
    )
  )
    return "yesno";
  if (
    /\b(kan|far|maste|behover|ska|galler|omfattas|finns) (man|hen|han|hon|vi|jag|den|klienten|personen|eleven|deltagaren|det)\b/.test(
      folded,
    )
  )
    return "yesno";
  if (/\bvad (ar|betyder|menas|innebar|star)\b/.test(folded)) return "what";
  return "other";
}

/** For debugging the ranking: the terms of a text. */
export const termsOf = (tokens: string[]): Map<string, number> => terms(tokens);
