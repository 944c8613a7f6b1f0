import { loadConfig } from "../../config.js";
import { isIsoDate, type IsoDate } from "../../deadlines/index.js";
import { DecisionRegister, insatsName, toCsv } from "../../register/register.js";
import { openConfiguredStore } from "../../store/db.js";
import { migrateToLatest } from "../../store/migrate.js";
import { closedCaseCounts } from "../../retention/purge.js";
import { printJson, requireString, UsageError, type CliCommand, type CliInput } from "../command.js";

function range(values: CliInput["values"]): { from: IsoDate; to: IsoDate } {
  const from = requireString(values, "from");
  const to = requireString(values, "to");
  for (const [name, value] of [
    ["from", from],
    ["to", to],
  ] as const) {
    if (!isIsoDate(value)) throw new UsageError(`--${name} måste vara ett datum ÅÅÅÅ-MM-DD, fick "${value}"`);
  }
  if (from > to) throw new UsageError(`--from (${from}) ligger efter --to (${to})`);
  return { from, to };
}

async function withRegister<T>(
  io: CliInput["io"],
  work: (register: DecisionRegister) => Promise<T>,
): Promise<T> {
  const store = openConfiguredStore(loadConfig(io.env));
  try {
    await migrateToLatest(store);
    return await work(new DecisionRegister(store));
  } finally {
    await store.close();
  }
}

const options = { from: { type: "string" }, to: { type: "string" }, csv: { type: "boolean" } } as const;

export const reportDecisionsCommand: CliCommand = {
  path: "report decisions",
  summary: "Det anonymiserade beslutsregistret för uppsökande beslut (typ D), för rapport till nämnden.",
  usage:
    "insatsguiden report decisions --from ÅÅÅÅ-MM-DD --to ÅÅÅÅ-MM-DD [--csv]\n\n" +
    "  Ett beslut per rad: beslutsdatum, insats, beslut, lagrum, kön, åldersgrupp. Ingen\n" +
    "  ärendereferens och inget som pekar ut en person. Utan --csv skrivs JSON.",
  options,
  async run({ values, io }) {
    const period = range(values);
    const rows = await withRegister(io, (register) => register.decisions({ ...period, caseTypes: ["D"] }));
    const records = rows.map((row) => ({
      beslutsdatum: row.decidedOn,
      insats: insatsName(row.insats),
      beslut: row.outcome,
      lagrum: row.legalBasis,
      kon: row.gender,
      aldersgrupp: row.ageBand,
    }));
    if (values.csv) {
      io.stdout.write(
        toCsv(
          ["beslutsdatum", "insats", "beslut", "lagrum", "kön", "åldersgrupp"],
          records.map((r) => [r.beslutsdatum, r.insats, r.beslut, r.lagrum, r.kon, r.aldersgrupp]),
        ),
      );
    } else printJson(io, { ...period, decisions: records });
    return 0;
  },
};

export const reportGenderCommand: CliCommand = {
  path: "report gender",
  summary:
    "Beslut och beviljade insatser per kön och insats, alla ärendetyper (uppföljning av jämställdhet).",
  usage:
    "insatsguiden report gender --from ÅÅÅÅ-MM-DD --to ÅÅÅÅ-MM-DD [--csv]\n\n" +
    "  Beviljade: bifall och delavslag. Utan --csv skrivs JSON.",
  options,
  async run({ values, io }) {
    const period = range(values);
    const rows = await withRegister(io, (register) => register.genderSummary(period));
    const records = rows.map((row) => ({ ...row, insats: insatsName(row.insats) }));
    if (values.csv) {
      io.stdout.write(
        toCsv(
          ["insats", "kön", "beslut", "beviljade"],
          records.map((r) => [r.insats, r.gender, r.decisions, r.granted]),
        ),
      );
    } else printJson(io, { ...period, rows: records });
    return 0;
  },
};

export const reportClosedCommand: CliCommand = {
  path: "report closed",
  summary: "Avslutade ärenden per månad, enhet och insats – även de som redan gallrats (anonyma antal).",
  usage:
    "insatsguiden report closed --from ÅÅÅÅ-MM --to ÅÅÅÅ-MM [--csv]\n\n" +
    "  Räknar ärenden som finns kvar och de anonyma antal som sparas när ett ärende gallras\n" +
    "  (RETENTION_MONTHS), så att uppföljningen inte tappar några. Utan --csv skrivs JSON.",
  options: { from: { type: "string" }, to: { type: "string" }, csv: { type: "boolean" } },
  async run({ values, io }) {
    const fromMonth = requireString(values, "from");
    const toMonth = requireString(values, "to");
    for (const [name, value] of [
      ["from", fromMonth],
      ["to", toMonth],
    ] as const) {
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(value))
        throw new UsageError(`--${name} måste vara en månad ÅÅÅÅ-MM, fick "${value}"`);
    }
    if (fromMonth > toMonth) throw new UsageError(`--from (${fromMonth}) ligger efter --to (${toMonth})`);
    const store = openConfiguredStore(loadConfig(io.env));
    let rows: Awaited<ReturnType<typeof closedCaseCounts>>;
    try {
      await migrateToLatest(store);
      rows = await closedCaseCounts(store, { fromMonth, toMonth });
    } finally {
      await store.close();
    }
    const records = rows.map((row) => ({ ...row, insats: insatsName(row.insats) }));
    if (values.csv) {
      io.stdout.write(
        toCsv(
          ["månad", "enhet", "stadsdel", "insats", "ärenden"],
          records.map((r) => [r.month, r.unit, r.district, r.insats, r.cases]),
        ),
      );
    } else printJson(io, { from: fromMonth, to: toMonth, rows: records });
    return 0;
  },
};
