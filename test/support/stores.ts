import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { openStore, type Store } from "../../src/store/db.js";
import { migrateToLatest } from "../../src/store/migrate.js";

export const postgresUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const requirePostgres = process.env.REQUIRE_POSTGRES === "1";

async function probePostgres(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("select 1");
    return undefined;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Why PostgreSQL tests are skipped, or undefined when the server answers. Throws under REQUIRE_POSTGRES=1. */
export const postgresUnavailable: string | undefined = await (async () => {
  const problem = await probePostgres();
  if (problem && requirePostgres)
    throw new Error(`REQUIRE_POSTGRES=1 men PostgreSQL svarar inte på ${postgresUrl}: ${problem}`);
  if (problem) console.warn(`PostgreSQL-testerna hoppas över: ${postgresUrl} svarar inte (${problem})`);
  return problem;
})();

export type DialectName = "sqlite" | "postgres";

/** The dialects to run storage tests against: always SQLite, PostgreSQL when reachable. */
export const dialects: DialectName[] = postgresUnavailable ? ["sqlite"] : ["sqlite", "postgres"];

async function adminQuery(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A new, empty PostgreSQL schema for one test's isolation. */
export async function createPgSchema(): Promise<string> {
  const schema = `t_${randomBytes(6).toString("hex")}`;
  await adminQuery(`create schema ${schema}`);
  return schema;
}

export async function dropPgSchema(schema: string): Promise<void> {
  await adminQuery(`drop schema if exists ${schema} cascade`);
}

export interface TestStore extends Store {
  /** Another connection to the same database (a second bot instance); close it yourself. */
  reopen(): Store;
}

/**
 * A fresh, migrated store. SQLite lives in a temporary file (so `reopen` can share it);
 * PostgreSQL tests each get a schema of their own, so parallel test files never see each
 * other's rows. `close()` removes the file or drops the schema.
 */
export async function freshStore(
  dialect: DialectName,
  options: { pgPoolSize?: number } = {},
): Promise<TestStore> {
  if (dialect === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "insatsguiden-test-"));
    const sqliteFile = path.join(dir, "test.sqlite");
    const store = openStore({ sqliteFile });
    await migrateToLatest(store);
    return {
      ...store,
      reopen: () => openStore({ sqliteFile }),
      async close() {
        await store.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = await createPgSchema();
  const open = () =>
    openStore({ databaseUrl: postgresUrl, pgSchema: schema, pgPoolSize: options.pgPoolSize ?? 4 });
  const store = open();
  await migrateToLatest(store);
  return {
    ...store,
    reopen: open,
    async close() {
      await store.close();
      await dropPgSchema(schema);
    },
  };
}
