import { fileURLToPath, pathToFileURL } from "node:url";
import fs from "node:fs";
import path from "node:path";
import {
  Migrator,
  type Kysely,
  type Migration,
  type MigrationProvider,
  type MigrationResultSet,
} from "kysely";
import type { Store } from "./db.js";

const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

/**
 * Migrations are the files `migrations/NNNN_name.ts`, each exporting `up` (and `down`), run in
 * name order. A feature adds its tables with a file of its own, so nobody edits a shared list.
 */
class FolderMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = fs
      .readdirSync(migrationsDir)
      .filter((file) => /^\d{4}_[a-z0-9_]+\.(ts|js)$/.test(file))
      .sort();
    const migrations: Record<string, Migration> = {};
    for (const file of files) {
      const module = (await import(pathToFileURL(path.join(migrationsDir, file)).href)) as Migration;
      migrations[file.replace(/\.(ts|js)$/, "")] = module;
    }
    return migrations;
  }
}

function migrator(store: Store): Migrator {
  return new Migrator({
    db: store.db as Kysely<unknown>,
    provider: new FolderMigrationProvider(),
    // Kysely looks for its bookkeeping tables in every schema unless told which: with several
    // schemas in one database (parallel tests, shared servers) it would find another's and skip
    // creating its own.
    ...(store.pgSchema ? { migrationTableSchema: store.pgSchema } : {}),
  });
}

export class MigrationError extends Error {
  constructor(
    readonly migration: string | undefined,
    readonly cause: unknown,
  ) {
    super(`Migreringen ${migration ?? "(okänd)"} misslyckades: ${String(cause)}`);
    this.name = "MigrationError";
  }
}

/** Applies every pending migration; returns the names applied now. */
export async function migrateToLatest(store: Store): Promise<string[]> {
  const { error, results } = await migrator(store).migrateToLatest();
  if (error) throw new MigrationError(results?.find((r) => r.status === "Error")?.migrationName, error);
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

/** Names of migrations not yet applied (empty means the schema is current). */
export async function pendingMigrations(store: Store): Promise<string[]> {
  const all = await migrator(store).getMigrations();
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}

export type { MigrationResultSet };
