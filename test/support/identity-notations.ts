/**
 * Every notation of one valid personnummer (850312-2395) and samordningsnummer (850372-2392)
 * people type: what the guard refuses wherever free text is kept or forwarded. The HTTP entry
 * points run the same table (test/personal-data-http.test.ts).
 */
export const identityNotations = [
  "850312-2395",
  "8503122395",
  "850312+2395",
  "19850312-2395",
  "198503122395",
  "850312 2395",
  "850312.2395",
  "850312/2395",
  "850312_2395",
  "850312:2395",
  "1985-03-12-2395",
  "19850312 2395",
  "85.03.12.2395",
  "85 03 12 2395",
  "850312 - 2395",
  "850312\u20132395",
  "850372 2392",
  "850372-2392",
  "19850372 2392",
] as const;

/** The same numbers with a wrong check digit: still refused. */
export const wrongCheckDigit = ["850312-2396", "850312 2396", "1985-03-12-2390", "850372 2391"] as const;
