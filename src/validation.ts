import { z } from "zod";

// Every message a user or operator sees is Swedish, including zod's defaults.
z.config(z.locales.sv());
/**
 * zod's Swedish defaults name types and operators ("förväntat string, fick undefined", ">=2"):
 * right for an operator reading a config error, meaningless to a caseworker. Card submissions
 * are parsed with this map instead; a schema's own message (e.g. "Skriv ett svar.") still wins.
 */
export const cardInputError: z.core.$ZodErrorMap = (issue) => {
  const empty = issue.input === undefined || issue.input === null || issue.input === "";
  switch (issue.code) {
    case "invalid_type":
      return empty ? "Fyll i det här fältet." : "Värdet har fel form. Fyll i fältet igen.";
    case "too_small":
      if (issue.origin === "string")
        return empty ? "Fyll i det här fältet." : `Skriv minst ${issue.minimum} tecken.`;
      if (issue.origin === "number") return `Värdet får inte vara lägre än ${issue.minimum}.`;
      if (issue.origin === "array" || issue.origin === "set") return `Välj minst ${issue.minimum}.`;
      return undefined;
    case "too_big":
      if (issue.origin === "string") return `Högst ${issue.maximum} tecken.`;
      if (issue.origin === "number") return `Värdet får inte vara högre än ${issue.maximum}.`;
      if (issue.origin === "array" || issue.origin === "set") return `Välj högst ${issue.maximum}.`;
      return undefined;
    case "invalid_value":
      return "Välj ett av alternativen.";
    case "invalid_format":
      return "Värdet har fel form. Fyll i fältet igen.";
    default:
      return undefined;
  }
};

/** Field path (dot-joined) → first Swedish message for it; used for inline card errors. */
export type FieldErrors = Record<string, string>;

export function fieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_";
    errors[key] ??= issue.message;
  }
  return errors;
}

export { z };
