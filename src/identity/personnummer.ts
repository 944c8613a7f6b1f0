/**
 * Recognises Swedish personnummer and samordningsnummer inside any text — to refuse them, never
 * to store them (DOMAIN.md, "Personnummer / samordningsnummer"; Skatteverket SKV 704 and 707).
 *
 * Accepted forms: `YYMMDD-NNNC`, `YYMMDD+NNNC` (100 years or older), `YYMMDDNNNC`,
 * `YYYYMMDDNNNC` and `YYYYMMDD-NNNC`, and the notations people type besides: a space, `.`, `/`,
 * `_`, `:` or a dash of any kind before the last four digits (spaces around it too), and the same
 * separators inside the date (`1985-03-12-2395`, `85.03.12 2395`). The check digit C is the Luhn
 * digit over the ten-digit form; a samordningsnummer adds 60 to the day of birth.
 */

export type IdentityNumberKind = "personnummer" | "samordningsnummer";

export interface IdentityNumberMatch {
  kind: IdentityNumberKind;
  /** Where it starts in the text, and how long it is (to mask it; the number itself is not returned). */
  index: number;
  length: number;
}

// Digits not preceded or followed by another digit, so a longer number is not cut into one.
// Dashes: hyphen-minus, the Unicode hyphens and dashes (U+2010–U+2015) and the minus sign.
const dash = "\\-\\u2010-\\u2015\\u2212";
const inDate = `[ \\u00a0./_:${dash}]?`;
const beforeSerial = `\\s{0,2}([+./_:${dash}]?)\\s{0,2}`;
const candidate = new RegExp(
  `(?<!\\d)(\\d{2})?(\\d{2})${inDate}(\\d{2})${inDate}(\\d{2})${beforeSerial}(\\d{3})(\\d)(?!\\d)`,
  "g",
);

/** The Luhn check digit of nine digits (weights 2,1,2,1,…, digit sums of the products). */
export function luhnCheckDigit(nineDigits: string): number {
  let sum = 0;
  for (let i = 0; i < nineDigits.length; i += 1) {
    const product = Number(nineDigits[i]) * (i % 2 === 0 ? 2 : 1);
    sum += product > 9 ? product - 9 : product;
  }
  return (10 - (sum % 10)) % 10;
}

function daysInMonth(month: number, year: number | undefined): number {
  if (month === 2) {
    // With a two-digit year the century is unknown: 00 is 2000 (leap) as likely as 1900.
    const leap = year === undefined ? true : (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function kindOfDate(
  century: string | undefined,
  yy: string,
  mm: string,
  dd: string,
): IdentityNumberKind | undefined {
  const month = Number(mm);
  if (month < 1 || month > 12) return undefined;
  if (century !== undefined && !["18", "19", "20"].includes(century)) return undefined;
  const year = century !== undefined ? Number(century + yy) : Number(yy) % 4 === 0 ? undefined : Number(yy);
  let day = Number(dd);
  let kind: IdentityNumberKind = "personnummer";
  if (day > 60) {
    day -= 60;
    kind = "samordningsnummer";
  }
  return day >= 1 && day <= daysInMonth(month, year) ? kind : undefined;
}

export interface FindOptions {
  /**
   * Also report numbers whose check digit is wrong: a mistyped personnummer is still one, and
   * whatever is refused for looking like one need not be valid (src/guard/personal-data.ts).
   */
  anyCheckDigit?: boolean;
}

/** Every valid personnummer or samordningsnummer in `text`, in order of appearance. */
export function findIdentityNumbers(text: string, options: FindOptions = {}): IdentityNumberMatch[] {
  const found: IdentityNumberMatch[] = [];
  for (const match of text.matchAll(candidate)) {
    const [whole, century, yy, mm, dd, separator, serial, check] = match;
    if (!yy || !mm || !dd || !serial || !check) continue;
    // The plus sign belongs to the ten-digit form only.
    if (century !== undefined && separator === "+") continue;
    const kind = kindOfDate(century, yy, mm, dd);
    if (!kind) continue;
    if (!options.anyCheckDigit && luhnCheckDigit(`${yy}${mm}${dd}${serial}`) !== Number(check)) continue;
    found.push({ kind, index: match.index, length: whole.length });
  }
  return found;
}

/** True when `text` is or contains a valid personnummer or samordningsnummer. */
export function containsIdentityNumber(text: string, options: FindOptions = {}): boolean {
  return findIdentityNumbers(text, options).length > 0;
}

/** `text` with every personnummer and samordningsnummer replaced by `[personnummer borttaget]`. */
export function maskIdentityNumbers(text: string, options: FindOptions = {}): string {
  let masked = "";
  let from = 0;
  for (const match of findIdentityNumbers(text, options)) {
    masked += `${text.slice(from, match.index)}[${match.kind} borttaget]`;
    from = match.index + match.length;
  }
  return masked + text.slice(from);
}
