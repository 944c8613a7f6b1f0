/**
 * What case cards submit, as zod schemas: Teams sends every input as a string, so dates, yes/no,
 * toggles and multi-selects are parsed here, with the Swedish messages shown inline.
 */
import { z } from "zod";
import { isIsoDate } from "../../src/deadlines/index.js";

const dateMessage = "Ange ett datum (ÅÅÅÅ-MM-DD).";
export const choiceMessage = "Välj ett alternativ.";

export const isoDate = z.string({ error: dateMessage }).trim().refine(isIsoDate, dateMessage);
export const optionalDate = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined))
  .pipe(isoDate.optional());
export const yesNoInput = z
  .enum(["ja", "nej"], { error: choiceMessage })
  .transform((value) => value === "ja");
export const flag = z
  .union([z.boolean(), z.enum(["true", "false"])])
  .optional()
  .transform((value) => value === true || value === "true");
export const optionalChoice = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .optional()
    .transform((value) => (value ? value : undefined))
    .pipe(z.enum(values, { error: choiceMessage }).optional());
export const multiChoice = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .optional()
    .transform((value) =>
      (value ?? "")
        .split(",")
        .map((part) => part.trim())
        .filter((part) => part !== ""),
    )
    .pipe(z.array(z.enum(values, { error: choiceMessage })));

/** The case and the version the card showed: a click acts once, on what the user saw. */
export const caseKey = { caseId: z.string().min(1).max(64), v: z.coerce.number().int().min(1) };
