import { loadConfig } from "../../config.js";
import { openConfiguredStore } from "../../store/db.js";
import { migrateToLatest } from "../../store/migrate.js";
import { purgeExpired, retentionPolicyFrom } from "../../retention/purge.js";
import { printJson, type CliCommand } from "../command.js";

export const dbMigrateCommand: CliCommand = {
  path: "db migrate",
  summary: "Kör databasens migreringar (SQLite i DATA_DIR eller PostgreSQL via DATABASE_URL).",
  usage: "insatsguiden db migrate [--json]",
  options: { json: { type: "boolean" } },
  async run({ values, io }) {
    const config = loadConfig(io.env);
    const store = openConfiguredStore(config);
    try {
      const applied = await migrateToLatest(store);
      if (values.json) printJson(io, { dialect: store.dialect, applied });
      else
        io.stdout.write(applied.length ? `Körde ${applied.join(", ")}\n` : "Databasen är redan aktuell.\n");
      return 0;
    } finally {
      await store.close();
    }
  },
};

export const dbPurgeCommand: CliCommand = {
  path: "db purge",
  summary:
    "Gallrar: raderar avslutade ärenden äldre än RETENTION_MONTHS och loggposter äldre än AUDIT_RETENTION_MONTHS.",
  usage:
    "insatsguiden db purge [--dry-run] [--json]\n\n" +
    "  --dry-run  säger vad som skulle raderas (antal rader per tabell) utan att radera.\n" +
    "  Raderade ärenden räknas först in i anonyma antal (månad, insats, enhet), så rapporterna\n" +
    "  räknar dem fortfarande. Körs annars automatiskt varje natt av en av botens instanser.",
  options: { "dry-run": { type: "boolean" }, json: { type: "boolean" } },
  async run({ values, io }) {
    const config = loadConfig(io.env);
    const store = openConfiguredStore(config);
    try {
      await migrateToLatest(store);
      const dryRun = values["dry-run"] === true;
      const report = await purgeExpired(store, retentionPolicyFrom(config), new Date(), { dryRun });
      if (values.json) {
        printJson(io, report);
        return 0;
      }
      const verb = dryRun ? "Skulle radera" : "Raderade";
      io.stdout.write(
        `${verb} ${report.rows.cases ?? 0} ärenden avslutade före ${report.closedBefore} ` +
          `(RETENTION_MONTHS=${config.RETENTION_MONTHS}) och ${report.auditEntries} loggposter före ` +
          `${report.auditBefore.slice(0, 10)} (AUDIT_RETENTION_MONTHS=${config.AUDIT_RETENTION_MONTHS}).\n`,
      );
      for (const [table, n] of Object.entries(report.rows)) io.stdout.write(`  ${table}: ${n}\n`);
      return 0;
    } finally {
      await store.close();
    }
  },
};
