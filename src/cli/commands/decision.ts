import { isIsoDate } from "../../deadlines/index.js";
import {
  caseInsatsIds,
  caseTypeOfInsats,
  decidesInTwoSteps,
  type CaseInsatsId,
} from "../../domain/case-types.js";
import {
  decisionOutcomes,
  hourIntervals,
  instegMonths,
  lssSisDefaultMonths,
  periodEnd,
  type Decision,
  type DecisionOutcome,
  type HourInterval,
} from "../../domain/case.js";
import { renderDecision } from "../../domain/decision-text.js";
import { insatsIds } from "../../rules/index.js";
import { acts } from "../../rules/law.js";
import { printJson, UsageError, type CliCommand, type CliInput } from "../command.js";

const intervalUpper: Readonly<Record<HourInterval, number>> = { "1-12": 12, "10-24": 24, "22-40": 40 };

function text(values: CliInput["values"], name: string): string | undefined {
  const value = values[name];
  return typeof value === "string" ? value : undefined;
}

function date(values: CliInput["values"], name: string): string | undefined {
  const value = text(values, name);
  if (value === undefined) return undefined;
  if (!isIsoDate(value)) throw new UsageError(`--${name} måste vara ett datum ÅÅÅÅ-MM-DD, fick "${value}"`);
  return value;
}

function oneOf<T extends string>(
  values: CliInput["values"],
  name: string,
  allowed: readonly T[],
): T | undefined {
  const value = text(values, name);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`--${name} måste vara en av ${allowed.join(", ")}, fick "${value}"`);
  return value as T;
}

/** The arguments as a decision, checked as the case workflow checks a decision (src/domain/case.ts). */
export function decisionFromArgs(values: CliInput["values"]): { insats: CaseInsatsId; decision: Decision } {
  const rawInsats = text(values, "insats");
  if (rawInsats === undefined) throw new UsageError("--insats saknas");
  if (!(caseInsatsIds as readonly string[]).includes(rawInsats)) {
    if ((insatsIds as readonly string[]).includes(rawInsats))
      throw new UsageError(
        `insatsen ${rawInsats} ges utan individuell behovsprövning och har inget beslut att skriva`,
      );
    throw new UsageError(`--insats måste vara en av ${caseInsatsIds.join(", ")}, fick "${rawInsats}"`);
  }
  const insats = rawInsats as CaseInsatsId;
  const type = caseTypeOfInsats[insats];
  const outcome = oneOf<DecisionOutcome>(values, "outcome", decisionOutcomes);
  if (!outcome) throw new UsageError("--outcome saknas (bifall, avslag eller delavslag)");
  const decidedOn = date(values, "decided");
  if (!decidedOn) throw new UsageError("--decided saknas (beslutsdatum ÅÅÅÅ-MM-DD)");
  if (decidedOn < acts.kommunallagen.from)
    throw new UsageError(
      "--decided före 1 januari 2018 stöds inte: beslutstexten citerar kommunallagen (2017:725)",
    );
  if (decidesInTwoSteps(type) && outcome === "delavslag")
    throw new UsageError(
      "delavslag finns bara för sysselsättning; den här insatsen beslutas som avslag på rätten till insatser och prövning utöver rätten",
    );
  const interval = oneOf<HourInterval>(values, "interval", hourIntervals);
  const applied = oneOf<HourInterval>(values, "applied-interval", hourIntervals);
  if (type !== "C" && (interval || applied))
    throw new UsageError("--interval och --applied-interval gäller bara sysselsättning");
  const amendment = values.andringsforbehall === true;
  const grants = outcome !== "avslag";
  if (amendment && !grants)
    throw new UsageError("--andringsforbehall hör bara till ett beslut som beviljar insatsen");
  let from = date(values, "from");
  let to = date(values, "to");
  if (!grants && (from || to || interval))
    throw new UsageError(
      "ett avslag har ingen period och inget beviljat intervall (--from, --to, --interval)",
    );

  const decision: Decision = { decidedOn, outcome, specialReason: false, amendmentReservation: amendment };
  if (grants) {
    from ??= decidedOn;
    if (from < decidedOn) throw new UsageError("--from får inte ligga före beslutsdatumet");
    if (to !== undefined && to <= from) throw new UsageError("--to måste ligga efter --from");
    if (insats === "lss-insteg") {
      const end = periodEnd(from, instegMonths);
      if (to !== undefined && to !== end)
        throw new UsageError(`Insteg gäller fyra månader: från ${from} till och med ${end}`);
      to = end;
    } else if (insats === "lss-sis") {
      const end = periodEnd(from, lssSisDefaultMonths);
      to ??= end;
      decision.specialReason = to > end;
    } else if (type !== "C" && to === undefined) {
      throw new UsageError("--to saknas: insatsens längd bedöms individuellt och ska anges i beslutet");
    }
    decision.periodFrom = from;
    if (to) decision.periodTo = to;
  }
  if (type === "C") {
    if (outcome === "delavslag") {
      if (!interval || !applied)
        throw new UsageError("delavslag kräver --interval (beviljat) och --applied-interval (sökt)");
      if (intervalUpper[interval] >= intervalUpper[applied])
        throw new UsageError("vid delavslag ska det beviljade intervallet vara lägre än det sökta");
    }
    if (outcome === "bifall" && interval && applied && interval !== applied)
      throw new UsageError("vid bifall beviljas det sökta intervallet; ett lägre intervall är ett delavslag");
    if (outcome === "bifall" && !interval && !applied)
      throw new UsageError("bifall kräver --interval (det beviljade intervallet)");
    const sought = applied ?? (outcome === "bifall" ? interval : undefined);
    if (sought) decision.appliedInterval = sought;
    const granted = interval ?? (outcome === "bifall" ? applied : undefined);
    if (granted) decision.grantedInterval = granted;
  }
  return { insats, decision };
}

export const decisionTextCommand: CliCommand = {
  path: "decision text",
  summary: "Skriver beslutstexten för en insats och ett utfall, med lagrum efter beslutsdatum.",
  usage:
    "insatsguiden decision text --insats <id> --outcome <bifall|avslag|delavslag> --decided ÅÅÅÅ-MM-DD\n" +
    "  [--from ÅÅÅÅ-MM-DD] [--to ÅÅÅÅ-MM-DD] [--interval 1-12|10-24|22-40] [--applied-interval …]\n" +
    "  [--andringsforbehall] [--district <namn>] [--json]\n\n" +
    `  --insats            ${caseInsatsIds.join(", ")}\n` +
    "  --decided           beslutsdatumet; före 1 juli 2025 socialtjänstlagen (2001:453), därefter (2025:400)\n" +
    "  --from, --to        perioden (standard från beslutsdatumet; Insteg fyra månader, Iwork två år)\n" +
    "  --interval          sysselsättning: beviljat intervall; --applied-interval: sökt intervall\n" +
    "  --andringsforbehall beslutet får ett ändringsförbehåll (bara vid beviljande)\n" +
    "  --district          stadsdelen som beslutar, t.ex. Farsta\n" +
    '  --json              {"text", "legalBasis": [{"law", "act", "from", "to"}]} på stdout',
  options: {
    insats: { type: "string" },
    outcome: { type: "string" },
    decided: { type: "string" },
    from: { type: "string" },
    to: { type: "string" },
    interval: { type: "string" },
    "applied-interval": { type: "string" },
    andringsforbehall: { type: "boolean" },
    district: { type: "string" },
    json: { type: "boolean" },
  },
  async run({ values, io }) {
    const { insats, decision } = decisionFromArgs(values);
    const district = text(values, "district")
      ?.trim()
      .replace(/\s+stadsdels(?:nämnd|förvaltning)$/iu, "");
    if (district !== undefined && !/^[\p{L}][\p{L} -]{0,59}$/u.test(district))
      throw new UsageError("--district ska vara stadsdelens namn, t.ex. Farsta");
    const document = renderDecision({ insats, decision, ...(district ? { district } : {}) });
    if (values.json) {
      printJson(io, {
        text: document.text,
        legalBasis: document.legalBasis.map((ref) => ({
          law: ref.law,
          act: ref.act,
          from: ref.from ?? null,
          to: ref.to ?? null,
        })),
      });
    } else io.stdout.write(`${document.text}\n`);
    return 0;
  },
};
