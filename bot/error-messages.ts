import type { ErrorCode } from "../src/errors.js";

/** The Swedish text for every stable error code (a test checks that each code has one). */
export const errorMessages: Record<ErrorCode, string> = {
  "USER.UNKNOWN":
    "Du finns inte i Insatsguidens katalog än. Be din gruppledare eller Insatsguidens administratör att lägga till dig med din roll och enhet.",
  "USER.FORBIDDEN": "Du har inte behörighet att göra det här.",
  "ACTION.UNKNOWN_VERB":
    "Kortet skickade en åtgärd som jag inte känner igen. Prova att öppna kortet på nytt.",
  "ACTION.INVALID_DATA": "Kortet skickade ogiltiga uppgifter. Kontrollera fälten och försök igen.",
  "ACTION.ALREADY_DONE": "Det här är redan gjort.",
  INTERNAL: "Något gick fel hos Insatsguiden. Försök igen om en stund.",
};

/** Swedish text for a code, with `{name}` placeholders filled from details. */
export function messageFor(code: ErrorCode, details: Readonly<Record<string, string | number>> = {}): string {
  return errorMessages[code].replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in details ? String(details[key]) : whole,
  );
}
