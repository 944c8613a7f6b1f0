import { loadConfig } from "../../config.js";
import { openConfiguredStore } from "../../store/db.js";
import { migrateToLatest } from "../../store/migrate.js";
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
