/**
 * The law the decisions rest on, as dated data. The decision date picks the version: SoL (2001:453)
 * for decisions up to 30 June 2025, socialtjänstlagen (2025:400) from 1 July 2025 (SFS 2025:400,
 * issued 22 May 2025; it repealed the 2001 act). Cards, decision texts, rule answers and the rule
 * trace all take their paragraph numbers from here, so they cannot disagree.
 */
import type { IsoDate } from "../deadlines/index.js";

export interface Act {
  /** The act's name as a citation writes it, e.g. "socialtjänstlagen (2025:400)". */
  name: string;
  from?: IsoDate;
  to?: IsoDate;
}

export const acts = {
  sol2001: { name: "socialtjänstlagen (2001:453)", to: "2025-06-30" },
  sol2025: { name: "socialtjänstlagen (2025:400)", from: "2025-07-01" },
  /** In force 1 January 2018. */
  kommunallagen: { name: "kommunallagen (2017:725)", from: "2018-01-01" },
  /** In force 1 July 2018. */
  forvaltningslagen: { name: "förvaltningslagen (2017:900)", from: "2018-07-01" },
  lss: { name: "lagen (1993:387) om stöd och service till vissa funktionshindrade" },
} as const satisfies Record<string, Act>;
export type ActKey = keyof typeof acts;

/** One paragraph in one act, with the act's validity: what the CLI's `legalBasis` lists. */
export interface LawRef {
  /** The paragraph, e.g. "11 kap. 4 §". */
  law: string;
  /** The act, e.g. "socialtjänstlagen (2025:400)". */
  act: string;
  from?: IsoDate;
  to?: IsoDate;
}

function ref(law: string, act: ActKey): LawRef {
  const { name, ...dates } = acts[act] as Act;
  return { law, act: name, ...dates };
}

/**
 * The provisions the product cites, one entry per act version:
 * - `rightToInsatser`: the right to insatser for personal needs (old 4 kap. 1 § for non-economic
 *   needs; the new act speaks of insatser and skäliga levnadsförhållanden).
 * - `beyondRight`: insatser beyond that right, a power and not a right (old 4 kap. 2 §).
 * - `withoutAssessment`: insatser without individual needs assessment; before the new act the
 *   outreach and open insatser of 3 kap. 1 § fourth indent and 3 kap. 4 § (seed 000).
 * - `appealable`: the list of decisions open to förvaltningsbesvär (old 16 kap. 3 §); the power
 *   of `beyondRight` is not in it, so such decisions can only be tried by laglighetsprövning.
 */
export const provisions = {
  rightToInsatser: [ref("4 kap. 1 §", "sol2001"), ref("11 kap. 1 §", "sol2025")],
  beyondRight: [ref("4 kap. 2 §", "sol2001"), ref("11 kap. 4 §", "sol2025")],
  withoutAssessment: [
    ref("3 kap. 1 § fjärde strecksatsen och 3 kap. 4 §", "sol2001"),
    ref("11 kap. 5 §", "sol2025"),
  ],
  appealable: [ref("16 kap. 3 §", "sol2001"), ref("35 kap. 1 §", "sol2025")],
} as const satisfies Record<string, readonly LawRef[]>;
export type Provision = keyof typeof provisions;

/** Förvaltningsbesvär: sent to the authority that decided (43 §) within three weeks of receipt (44 §). */
export const appealProcedure: LawRef = ref("43–44 §§", "forvaltningslagen");
/**
 * Laglighetsprövning: any member of the municipality (1 §), filed with förvaltningsrätten (4 §)
 * within three weeks of the notice that the minutes were approved (5 §); legality only (8 §).
 */
export const legalityReview: LawRef = ref("13 kap.", "kommunallagen");
/** LSS personkrets 1 and 2 are defined in 1 § 1 and 2 LSS; cited as the paragraph. */
export const lssPersonkrets: LawRef = ref("1 §", "lss");

/** True when `ref` applies on `on` (no dates = always). */
export function refInForce(ref: Pick<LawRef, "from" | "to">, on: IsoDate): boolean {
  return (ref.from === undefined || ref.from <= on) && (ref.to === undefined || on <= ref.to);
}

/** The version of a provision in force on `on`; throws for a date before any version applies. */
export function lawOn(provision: Provision, on: IsoDate): LawRef {
  const found = provisions[provision].find((version) => refInForce(version, on));
  if (!found) throw new RangeError(`${provision} gäller inte den ${on}`);
  return found;
}

/** "11 kap. 4 § socialtjänstlagen (2025:400)". */
export function lawText(ref: Pick<LawRef, "law" | "act">): string {
  return `${ref.law} ${ref.act}`;
}

/** The social services act in force on `on`. */
export function socialServicesActOn(on: IsoDate): LawRef["act"] {
  return on < acts.sol2025.from ? acts.sol2001.name : acts.sol2025.name;
}

/** True when a decision on `on` falls under socialtjänstlagen (2025:400). */
export function underNewAct(on: IsoDate): boolean {
  return on >= acts.sol2025.from;
}
