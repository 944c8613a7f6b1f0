import { insatsShortNames, type CaseInsatsId, type CaseType } from "../domain/case-types.js";
import type { DecisionOutcome, Gender } from "../domain/case.js";
import type { LegalBasis } from "../domain/decision-text.js";
import type { IsoDate } from "../deadlines/index.js";
import type { Kysely } from "kysely";
import type { Store } from "../store/db.js";
import type { Database } from "../store/schema.js";
import "./schema.js";

/** A decision as the case workflow hands it over; nothing of it identifies the case or the person. */
export interface DecisionFact {
  decidedOn: IsoDate;
  caseType: CaseType;
  insats: CaseInsatsId;
  outcome: DecisionOutcome;
  legalBasis: LegalBasis;
  gender: Gender;
  age: number;
}

/** One row of the anonymised register. */
export interface RegisterRow {
  decidedOn: IsoDate;
  caseType: CaseType;
  insats: string;
  outcome: string;
  legalBasis: string;
  gender: string;
  ageBand: string;
}

/** What the register stores of a decision: already anonymised, so the outbox row carries no more. */
export type RegisterEntry = RegisterRow;

/** The register's entry for a decision: the paragraphs in words, the age as a band. */
export function registerEntryOf(fact: DecisionFact): RegisterEntry {
  return {
    decidedOn: fact.decidedOn,
    caseType: fact.caseType,
    insats: fact.insats,
    outcome: fact.outcome,
    legalBasis: legalBasisOf(fact),
    gender: fact.gender,
    ageBand: ageBand(fact.age),
  };
}

/** Age bands for reporting (19–24, 25–29, 30–34 … 60–64, 65+): never the age itself. */
export function ageBand(age: number): string {
  if (age < 19) return "under 19";
  if (age <= 24) return "19–24";
  if (age >= 65) return "65+";
  const from = Math.floor(age / 5) * 5;
  return `${from}–${from + 4}`;
}

/** The paragraphs the decision rests on: the grant beyond the right, the rejection under it, or both. */
export function legalBasisOf(fact: Pick<DecisionFact, "caseType" | "outcome" | "legalBasis">): string {
  const { rightToAssistance, beyondRight } = fact.legalBasis;
  if (fact.caseType === "C" || fact.outcome === "avslag") return rightToAssistance;
  if (fact.outcome === "delavslag") return `${beyondRight}; ${rightToAssistance}`;
  return beyondRight;
}

/**
 * Jobbtorg's anonymised decision register (002, 001's gender follow-up): date, insats, decision,
 * legal basis, gender and age band per decision. No case id, no case reference: the rows cannot
 * be joined back to a case.
 */
export class DecisionRegister {
  constructor(private readonly store: Store) {}

  /**
   * Writes one entry; `db` is the outbox dispatcher's transaction, so the entry and the outbox
   * row's completion commit together (exactly once, src/outbox/dispatcher.ts).
   */
  async record(entry: RegisterEntry, db: Kysely<Database> = this.store.db): Promise<void> {
    await db
      .insertInto("decision_register")
      .values({
        decided_on: entry.decidedOn,
        case_type: entry.caseType,
        insats: entry.insats,
        outcome: entry.outcome,
        legal_basis: entry.legalBasis,
        gender: entry.gender,
        age_band: entry.ageBand,
      })
      .execute();
  }

  /** Decisions from `from` to `to` (inclusive), optionally of some case types, in date order. */
  async decisions(range: { from: IsoDate; to: IsoDate; caseTypes?: CaseType[] }): Promise<RegisterRow[]> {
    let query = this.store.db
      .selectFrom("decision_register")
      .selectAll()
      .where("decided_on", ">=", range.from)
      .where("decided_on", "<=", range.to);
    if (range.caseTypes) query = query.where("case_type", "in", range.caseTypes);
    const rows = await query.orderBy("decided_on").orderBy("id").execute();
    return rows.map((row) => ({
      decidedOn: row.decided_on,
      caseType: row.case_type,
      insats: row.insats,
      outcome: row.outcome,
      legalBasis: row.legal_basis,
      gender: row.gender,
      ageBand: row.age_band,
    }));
  }

  /** Decisions and granted insatser per gender and insats (bifall and delavslag grant). */
  async genderSummary(range: {
    from: IsoDate;
    to: IsoDate;
  }): Promise<{ gender: string; insats: string; decisions: number; granted: number }[]> {
    const rows = await this.store.db
      .selectFrom("decision_register")
      .select((eb) => [
        "gender",
        "insats",
        eb.fn.countAll<string | number>().as("decisions"),
        eb.fn
          .sum<string | number>(
            eb.case().when("outcome", "in", ["bifall", "delavslag"]).then(1).else(0).end(),
          )
          .as("granted"),
      ])
      .where("decided_on", ">=", range.from)
      .where("decided_on", "<=", range.to)
      .groupBy(["gender", "insats"])
      .execute();
    return rows
      .map((row) => ({
        gender: row.gender,
        insats: row.insats,
        decisions: Number(row.decisions),
        granted: Number(row.granted),
      }))
      .sort((a, b) => a.insats.localeCompare(b.insats) || a.gender.localeCompare(b.gender));
  }
}

/** The insats's Swedish short name for exports (ids are internal). */
export function insatsName(id: string): string {
  return insatsShortNames[id as CaseInsatsId] ?? id;
}

/** RFC 4180 CSV: comma-separated, quoted where needed, CRLF line ends. */
export function toCsv(header: string[], rows: (string | number)[][]): string {
  const cell = (value: string | number) => {
    const text = String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [header, ...rows].map((row) => row.map(cell).join(",")).join("\r\n") + "\r\n";
}
