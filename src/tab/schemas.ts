import { isIsoDate } from "../deadlines/index.js";
import { caseInsatsIds, stepIds } from "../domain/case-types.js";
import { z } from "../validation.js";

/** The tab API's query parameters; anything else a client sends is a 400 with a Swedish message. */
const isoDate = z.string().refine(isIsoDate, "Ange ett datum ÅÅÅÅ-MM-DD.");
const yes = z.enum(["1", "true"]).transform(() => true);

export const caseListQuerySchema = z.strictObject({
  scope: z.enum(["mine", "team"]).optional(),
  status: z.enum(["open", "closed"]).default("open"),
  /** Closed cases are listed this many days back. */
  closedWithinDays: z.coerce.number().int().min(1).max(366).default(90),
  insats: z.enum(caseInsatsIds).optional(),
  step: z.enum(stepIds).optional(),
  /** Part of a case reference; no LIKE wildcards. */
  q: z
    .string()
    .trim()
    .max(40)
    .regex(/^[\p{L}\d ./:-]*$/u, "Sök med bokstäver, siffror och - . / :")
    .transform((value) => (value === "" ? undefined : value))
    .optional(),
  overdue: yes.optional(),
  sort: z.enum(["due", "ref", "closed"]).default("due"),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type CaseListQuery = z.infer<typeof caseListQuerySchema>;

export const caseIdSchema = z.string().regex(/^[0-9a-f-]{36}$/i, "Okänt ärende-id.");

export const deadlineQuerySchema = z.strictObject({
  kind: z.enum(["gp", "follow-up"]).optional(),
  caseworker: z.string().min(1).max(64).optional(),
  /** Deadlines per bucket; the page asks for more when the leader wants them all. */
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type DeadlineQuery = z.infer<typeof deadlineQuerySchema>;

export const followUpQuerySchema = z
  .strictObject({
    from: isoDate,
    to: isoDate,
    table: z.enum(["insats", "district-gender", "district", "jobbtorg"]).optional(),
  })
  .refine((q) => q.from <= q.to, { message: "Från-datumet ligger efter till-datumet.", path: ["from"] })
  .refine((q) => Number(q.to.slice(0, 4)) - Number(q.from.slice(0, 4)) <= 5, {
    message: "Välj en period på högst fem år.",
    path: ["from"],
  });
export type FollowUpQuery = z.infer<typeof followUpQuerySchema>;
