import { StemmerSv, StopwordsSv } from "@nlpjs/lang-sv";
import { LruCache } from "../lru-cache.js";

/**
 * Text processing for Swedish questions: folding (case, å/ä/ö, punctuation), the Snowball Swedish
 * stemmer (@nlpjs/lang-sv), compound splitting and typo correction against a vocabulary
 * (Damerau-Levenshtein).
 * Deliberately small and deterministic: the question answering runs locally and must be fast.
 */

/**
 * Lower case, å/ä → a, ö → o, é → e, punctuation → space (digits, `-`, `:` and `@` kept; a `+`
 * after a number is read as "plus": "65+").
 */
export function foldText(text: string): string {
  return (
    text
      .toLocaleLowerCase("sv-SE")
      .replace(/[åä]/g, "a")
      .replace(/ö/g, "o")
      .replace(/[éè]/g, "e")
      .replace(/ü/g, "u")
      .replace(/[–—]/g, "-")
      .replace(/(\d) ?\+/g, "$1 plus ")
      // Inflected abbreviations: "GP:n", "LSS:s", "4:2-beslut" keep their stem.
      .replace(/([a-zåäö]):(?:n|en|s|et|ar|arna|na)\b/g, "$1")
      .replace(/[^a-z0-9@:\-\s.]/g, " ")
      .replace(/(?<![a-z0-9])\.|\.(?![a-z0-9])/g, " ")
      .replace(/\s+/g, " ")
      .trim()
  );
}

/**
 * How much of a message the answerer reads: a question is a few lines, while Teams lets a message
 * be ~28 KB. Reading a bounded prefix keeps every later step linear in a small number.
 */
export const maxQuestionChars = 1000;

/**
 * No real Swedish word is longer (the longest compounds in the Hunspell list are under 40): a
 * longer token is noise and is never split, corrected or stemmed.
 */
export const maxTokenLength = 40;

/** The bounded prefix of a message that the answerer reads (cut at a word boundary when it can). */
export function boundedQuestion(text: string): string {
  if (text.length <= maxQuestionChars) return text;
  const prefix = text.slice(0, maxQuestionChars);
  const lastSpace = prefix.lastIndexOf(" ");
  return lastSpace > maxQuestionChars / 2 ? prefix.slice(0, lastSpace) : prefix;
}

/** The folded text's tokens; a token longer than any Swedish word is dropped. */
export function tokenize(folded: string): string[] {
  return folded
    .split(" ")
    .filter((token) => token !== "" && token !== "-" && token.length <= maxTokenLength)
    .map(detached);
}

/**
 * A token as a string of its own. V8 keeps a substring of 13 characters or more as a view into the
 * text it came from, so a cached token would keep the whole message alive; a copy does not.
 */
const detached = (token: string): string => (token.length >= 13 ? [...token].join("") : token);

/** The most words of a message the answerer reads: a question is a sentence or two. */
export const maxQuestionTokens = 80;

/** A question's tokens: at most `maxQuestionTokens` of them. */
export const questionTokens = (folded: string): string[] => tokenize(folded).slice(0, maxQuestionTokens);

const snowball = new StemmerSv();
const stems = new LruCache<string, string>(20_000);

/**
 * The Snowball algorithm without @nlpjs's own cache: `stemWord` keeps every word it has seen in a
 * plain object forever, so it is bypassed and our bounded LRU caches instead.
 */
function snowballStem(word: string): string {
  snowball.setCurrent(word);
  snowball.innerStem();
  return snowball.getCurrent();
}

/**
 * The Snowball stem of a folded token (the Swedish algorithm's suffixes carry no å/ä/ö, so
 * folding first changes nothing but makes "forsorjningsstod" and "försörjningsstöd" one word).
 * Numbers and addresses are kept as they are; a token longer than a word is never stemmed.
 */
export function stem(token: string): string {
  if (/[0-9@]/.test(token) || token.length > maxTokenLength) return token;
  return stems.getOrCreate(token, () => snowballStem(token));
}

/** How many stems are cached (bounded; for tests and the bench). */
export const stemCacheSize = (): number => stems.size;

/** Common Swedish words (Snowball's stop-word list): known, so never "corrected" into a domain word. */
export const swedishStopwords: readonly string[] = Object.keys(new StopwordsSv().dictionary);

/** Optimal-string-alignment Damerau-Levenshtein distance, cut off above `max`. */
export function damerauLevenshtein(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols);
  for (let i = 0; i < rows; i += 1) d[i * cols] = i;
  for (let j = 0; j < cols; j += 1) d[j] = j;
  for (let i = 1; i < rows; i += 1) {
    let rowMin = Infinity;
    for (let j = 1; j < cols; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(
        d[(i - 1) * cols + j]! + 1,
        d[i * cols + j - 1]! + 1,
        d[(i - 1) * cols + j - 1]! + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, d[(i - 2) * cols + j - 2]! + 1);
      }
      d[i * cols + j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
  }
  return d[rows * cols - 1]!;
}

/** How many typos a word of this length may carry and still be recognised. */
function allowedTypos(length: number): number {
  if (length < 4) return 0;
  return length < 8 ? 1 : 2;
}

/**
 * Candidates for spelling correction without comparing against every word (the SymSpell idea):
 * each known word is stored under itself and every form with one letter deleted; a token looks up
 * its own deletions (one or two letters), so every word within two edits is among the candidates,
 * found with a few dozen lookups. The distance is then checked exactly.
 */
class DeletionIndex {
  private readonly byDeletion = new Map<string, string[]>();

  add(word: string): void {
    for (const form of new Set([word, ...deletions(word)])) {
      const list = this.byDeletion.get(form);
      if (list) list.push(word);
      else this.byDeletion.set(form, [word]);
    }
  }

  candidates(token: string, max: number): Set<string> {
    const found = new Set<string>();
    const forms = new Set([token, ...deletions(token)]);
    if (max >= 2) for (const form of [...forms]) for (const twice of deletions(form)) forms.add(twice);
    for (const form of forms) for (const word of this.byDeletion.get(form) ?? []) found.add(word);
    return found;
  }
}

function deletions(word: string): string[] {
  const result: string[] = [];
  for (let i = 0; i < word.length; i += 1) result.push(word.slice(0, i) + word.slice(i + 1));
  return result;
}

/**
 * The words the module knows (folded surface forms). `normalise` maps a question's tokens onto
 * them: known words stay, compounds of two known words are split, near misses are corrected.
 */
export class Vocabulary {
  private readonly words = new Set<string>();
  private readonly stems = new Map<string, string>();
  private readonly byLength = new Map<number, string[]>();
  private readonly cache = new LruCache<string, string[]>(5000);
  private readonly wordDeletes = new DeletionIndex();
  private readonly stemDeletes = new DeletionIndex();

  constructor(words: Iterable<string>) {
    for (const word of words) {
      if (word === "" || this.words.has(word)) continue;
      this.words.add(word);
      if (!this.stems.has(stem(word))) this.stems.set(stem(word), word);
      const list = this.byLength.get(word.length) ?? [];
      list.push(word);
      this.byLength.set(word.length, list);
      this.wordDeletes.add(word);
    }
    for (const known of this.stems.keys()) this.stemDeletes.add(known);
  }

  knows(token: string): boolean {
    return this.words.has(token) || this.stems.has(stem(token));
  }

  /** The token as one or more known words (unchanged when nothing fits). */
  normalise(token: string): string[] {
    // A token longer than any word is left alone: never split, corrected or cached.
    if (token.length > maxTokenLength) return [token];
    return this.cache.getOrCreate(token, () => this.resolve(token));
  }

  private resolve(token: string): string[] {
    if (this.knows(token) || /[0-9@]/.test(token)) return [token];
    // "UVAS-insatsen", "LSS-handläggare": each part on its own.
    if (token.includes("-")) {
      const parts = token.split("-").filter((part) => part !== "");
      if (parts.length > 1) return parts.flatMap((part) => this.normalise(part));
    }
    // One typo beats a split; a split beats two typos ("uppföljningsmöte" is two words, not a typo).
    const near = token.length >= 5 ? this.correct(token, 1) : undefined;
    if (near) return [near];
    const parts = this.split(token);
    if (parts) return parts;
    const corrected =
      this.correct(token, allowedTypos(token.length)) ?? this.correctStem(token, allowedTypos(token.length));
    return corrected ? [corrected] : (this.splitHead(token) ?? [token]);
  }

  /**
   * A compound whose first part is known and whose last is not ("instegs|perioden",
   * "alfa|handläggaren"): the known head, then the rest as it is. Longest head first.
   */
  private splitHead(token: string): string[] | undefined {
    for (let cut = token.length - 4; cut >= 4; cut -= 1) {
      const head = token.slice(0, cut);
      for (const candidate of [head, head.replace(/s$/, "")]) {
        if (candidate.length >= 4 && this.words.has(candidate)) return [candidate, token.slice(cut)];
      }
    }
    return undefined;
  }

  /** A compound of two known words, with an optional linking s/e ("försörjnings|stöd"). */
  private split(token: string): string[] | undefined {
    if (token.length < 7) return undefined;
    for (let cut = token.length - 3; cut >= 3; cut -= 1) {
      const head = token.slice(0, cut);
      const tail = token.slice(cut);
      // The head first: a set lookup, where the tail needs a stem.
      for (const candidate of [head, head.replace(/[se]$/, "")]) {
        const known =
          candidate.length >= 3 && this.words.has(candidate)
            ? candidate
            : candidate.length >= 4 && this.stems.has(candidate)
              ? this.stems.get(candidate)!
              : undefined;
        if (known && this.knows(tail)) return [known, tail];
      }
    }
    return undefined;
  }

  /** The unique nearest known word within the allowed number of typos. */
  private correct(token: string, max: number): string | undefined {
    if (max === 0) return undefined;
    let best: string | undefined;
    let bestDistance = max + 1;
    let tie = false;
    for (const word of this.wordDeletes.candidates(token, max)) {
      if (word.length < 4 || Math.abs(word.length - token.length) > max) continue;
      const distance = damerauLevenshtein(token, word, max);
      if (distance < bestDistance) {
        best = word;
        bestDistance = distance;
        tie = false;
      } else if (distance === bestDistance && stem(word) !== stem(best ?? "")) tie = true;
    }
    return best && !tie ? best : undefined;
  }

  /** Typos in the ending ("genomförandeplanenen"): compare stems, answer with the known surface word. */
  private correctStem(token: string, max: number): string | undefined {
    if (max === 0 || token.length < 8) return undefined;
    const stemmed = stem(token);
    let best: string | undefined;
    let bestDistance = max + 1;
    for (const known of this.stemDeletes.candidates(stemmed, max)) {
      const word = this.stems.get(known)!;
      if (known.length < 4 || Math.abs(known.length - stemmed.length) > max) continue;
      const distance = damerauLevenshtein(stemmed, known, max);
      if (distance < bestDistance) {
        best = word;
        bestDistance = distance;
      }
    }
    return best;
  }
}
