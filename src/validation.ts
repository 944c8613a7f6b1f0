import { z } from "zod";

// Every message a user or operator sees is Swedish, including zod's defaults.
z.config(z.locales.sv());

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
