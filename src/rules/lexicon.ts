/**
 * The Swedish word list of the Hunspell dictionary (dictionary-sv, the LibreOffice/Göran Andersson
 * list as an npm package): ~150,000 base forms. Used for two things a domain vocabulary alone
 * cannot do — telling a real Swedish word from a typo (so "kommer" is never "corrected" into a
 * domain word) and splitting compounds into real words ("sexmånaders|uppföljningen").
 * @remarks Only the base forms are read, not the affix rules: inflected forms are recognised by
 * stripping common endings, which is cheap, bounded and enough for both uses.
 */
import dictionary from "dictionary-sv";
import { foldText, maxTokenLength } from "./text.js";

function readWords(dic: Uint8Array): Set<string> {
  const words = new Set<string>();
  const text = new TextDecoder("utf-8").decode(dic);
  // The first line is the count; each other line is "word/FLAGS".
  for (const line of text.split("\n").slice(1)) {
    const slash = line.indexOf("/");
    const word = slash < 0 ? line.trim() : line.slice(0, slash);
    if (word.length < 2 || /[^a-zåäöéü]/i.test(word) || /[A-ZÅÄÖ]/.test(word[0]!)) continue;
    words.add(foldText(word));
  }
  return words;
}

/** Read on first use: a command that never answers a question (`--help`, `serve` until then) pays nothing. */
let loaded: Set<string> | undefined;
const lexicon = (): Set<string> => (loaded ??= readWords(dictionary.dic));

/** Inflection endings, longest first: "handläggarna" → "handläggar(e)", "beslutet" → "beslut". */
const endings = [
  "arnas",
  "ernas",
  "ornas",
  "arna",
  "erna",
  "orna",
  "ande",
  "ende",
  "ades",
  "ade",
  "are",
  "aste",
  "ast",
  "ens",
  "ets",
  "ens",
  "nas",
  "en",
  "et",
  "na",
  "er",
  "ar",
  "or",
  "at",
  "te",
  "de",
  "ts",
  "s",
  "n",
  "t",
  "a",
  "e",
  "r",
];

/** True when the folded token is a Swedish word or an inflection of one the list holds. */
export function isSwedishWord(token: string): boolean {
  if (token.length < 2 || token.length > maxTokenLength) return false;
  const words = lexicon();
  if (words.has(token)) return true;
  for (const ending of endings) {
    if (token.length - ending.length < 3 || !token.endsWith(ending)) continue;
    const base = token.slice(0, -ending.length);
    if (words.has(base) || words.has(`${base}a`) || words.has(`${base}e`)) return true;
  }
  return false;
}

/** True when the folded string is a base form in the list (for compound parts). */
export const isBaseWord = (token: string): boolean => lexicon().has(token);

/** How many base forms the list holds (for tests). */
export const lexiconSize = (): number => lexicon().size;
