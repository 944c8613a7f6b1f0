/**
 * What the rule module can know about a person. Every fact is optional: "unknown" is a real
 * answer, and a verdict says which missing facts would settle it (issue 3's names).
 */
import { z } from "../validation.js";

const yesNo = z.boolean().optional();
const wholeYears = z.number().int().min(0).max(120);

/**
 * An age known only within bounds, in whole years, both inclusive: "över 65" is `{ min: 66 }`,
 * "mellan 20 och 29" is `{ min: 20, max: 29 }`; a missing bound is open.
 * @remarks Only a question gives a range; the eligibility form and a case know one exact age, a
 * plain number, and the rules read both (logic.ts `between`).
 */
export const ageRangeSchema = z
  .object({ min: wholeYears.optional(), max: wholeYears.optional() })
  .strict()
  .refine((range) => range.min !== undefined || range.max !== undefined, {
    message: "Ange en lägsta eller högsta ålder.",
  })
  .refine((range) => range.min === undefined || range.max === undefined || range.min <= range.max, {
    message: "Den lägsta åldern får inte vara högre än den högsta.",
  });
export type AgeRange = z.infer<typeof ageRangeSchema>;

export const factsSchema = z
  .object({
    age: z.union([wholeYears, ageRangeSchema]).optional(),
    gender: z.enum(["kvinna", "man", "annat"]).optional(),
    folkbokfordStockholm: yesNo,
    bosattStockholm: yesNo,
    working: yesNo,
    studying: yesNo,
    studiesGymnasium: yesNo,
    atRiskOfDropout: yesNo,
    anpassadGymnasieskolaFinalYear: yesNo,
    receivesForsorjningsstod: yesNo,
    socialpsykiatriTargetGroup: yesNo,
    lssPersonkrets: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
    specialistPsychiatryContact: yesNo,
    primaryGoalWorkOrStudies: yesNo,
    lastingSupportNeeds: yesNo,
    wishesWorkOrStudies: yesNo,
    consentsPsychiatryCoordination: yesNo,
    workSpecialistAssessedReady: yesNo,
    arbetsformedlingenCanOffer: yesNo,
    weakLabourMarketPosition: yesNo,
    reachedViaOutreach: yesNo,
    residencePermitRefugeeOrProtectionMonths: z.number().min(0).max(1200).optional(),
    livesInShis: yesNo,
    shisYears: z.number().min(0).max(100).optional(),
    massflyktsdirektivet: yesNo,
    relativePermitWithinSixYears: yesNo,
    enrolledParticipatingPsychosisClinic: yesNo,
    lacksDailyOccupationDueToPsychDisability: yesNo,
  })
  .strict();

export type Facts = z.infer<typeof factsSchema>;
export type FactKey = keyof Facts;
export const factKeys = Object.keys(factsSchema.shape) as FactKey[];

/** How a fact is asked for and shown, in Swedish; `kind` picks the form input. */
export const factDefinitions: Record<FactKey, { label: string; kind: "yesno" | "number" | "choice" }> = {
  age: { label: "Ålder (år)", kind: "number" },
  gender: { label: "Kön", kind: "choice" },
  folkbokfordStockholm: { label: "Folkbokförd i Stockholms stad", kind: "yesno" },
  bosattStockholm: { label: "Bosatt i Stockholms stad", kind: "yesno" },
  working: { label: "Arbetar", kind: "yesno" },
  studying: { label: "Studerar", kind: "yesno" },
  studiesGymnasium: { label: "Studerar på gymnasiet", kind: "yesno" },
  atRiskOfDropout: { label: "Riskerar att avbryta studierna", kind: "yesno" },
  anpassadGymnasieskolaFinalYear: { label: "Går sista året på anpassad gymnasieskola", kind: "yesno" },
  receivesForsorjningsstod: { label: "Får försörjningsstöd", kind: "yesno" },
  socialpsykiatriTargetGroup: {
    label: "Tillhör socialpsykiatrins målgrupp (Nationell psykiatrisamordnings definition)",
    kind: "yesno",
  },
  lssPersonkrets: { label: "Personkrets enligt LSS", kind: "choice" },
  specialistPsychiatryContact: { label: "Pågående kontakt med specialistpsykiatrin", kind: "yesno" },
  primaryGoalWorkOrStudies: { label: "Arbete eller studier är det primära målet", kind: "yesno" },
  lastingSupportNeeds: {
    label: "Varaktiga stödbehov – kan inte finna, få och behålla ett arbete på egen hand",
    kind: "yesno",
  },
  wishesWorkOrStudies: {
    label: "Vill arbeta eller studera och är beredd att göra det som krävs",
    kind: "yesno",
  },
  consentsPsychiatryCoordination: {
    label: "Samtycker till samordning med specialistpsykiatrin",
    kind: "yesno",
  },
  workSpecialistAssessedReady: {
    label: "Bedöms kunna börja arbeta inom insatsen med arbetsspecialist (Jobbtorgs bedömning)",
    kind: "yesno",
  },
  arbetsformedlingenCanOffer: {
    label: "Arbetsförmedlingen kan erbjuda en lämplig arbetsmarknadspolitisk åtgärd",
    kind: "yesno",
  },
  weakLabourMarketPosition: { label: "Svag ställning på arbetsmarknaden", kind: "yesno" },
  reachedViaOutreach: { label: "Nådd via arbetsmarknadsnämndens uppsökande uppdrag", kind: "yesno" },
  residencePermitRefugeeOrProtectionMonths: {
    label: "Uppehållstillstånd som flykting/skyddsbehövande – hur många månader gammalt",
    kind: "number",
  },
  livesInShis: { label: "Bor på SHIS Bostäder", kind: "yesno" },
  shisYears: { label: "Antal år på SHIS Bostäder", kind: "number" },
  massflyktsdirektivet: { label: "Omfattas av massflyktsdirektivet (tillfälligt skydd)", kind: "yesno" },
  relativePermitWithinSixYears: {
    label: "Anhörig som fått eget uppehållstillstånd inom 6 år från den anhöriges",
    kind: "yesno",
  },
  enrolledParticipatingPsychosisClinic: {
    label: "Inskriven på en psykosmottagning som deltar i IPS-projektet",
    kind: "yesno",
  },
  lacksDailyOccupationDueToPsychDisability: {
    label: "Saknar annan daglig sysselsättning på grund av psykisk funktionsnedsättning",
    kind: "yesno",
  },
};
