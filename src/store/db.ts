import fs from "node:fs";
import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import {
  Kysely,
  PostgresDialect,
  SqliteDialect,
  sql,
  type SqliteDatabase as KyselySqliteDatabase,
} from "kysely";
import pg from "pg";
import { LruCache } from "../lru-cache.js";
import { fallbackAutocheckpointPages, startCheckpointer } from "./checkpointer.js";
import type { Database } from "./schema.js";

// int8 (bigint) columns hold epoch milliseconds, well inside Number's safe range.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export type Dialect = "sqlite" | "postgres";

export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  /** The PostgreSQL schema the store lives in, when it was given one (see StoreOptions.pgSchema). */
  readonly pgSchema?: string;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** PostgreSQL connection string; when absent SQLite is used. */
  databaseUrl?: string | undefined;
  /** Folder for the SQLite file (`insatsguiden.sqlite`). */
  dataDir?: string;
  /** A SQLite file path or ":memory:", overriding dataDir. */
  sqliteFile?: string;
  /** PostgreSQL schema to use (tests isolate themselves in one each). */
  pgSchema?: string;
  /** Told when SQLite's background checkpoint fails (the bot's own connection then checkpoints). */
  onBackgroundError?: (message: string) => void;
  /** How often SQLite's WAL is checkpointed in the background (ms; default 1 s). */
  checkpointIntervalMs?: number;
  pgPoolSize?: number;
}

export function openStore(options: StoreOptions): Store {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.pgPoolSize ?? 10,
      ...(options.pgSchema ? { options: `-c search_path=${options.pgSchema}` } : {}),
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      dialect: "postgres",
      ...(options.pgSchema ? { pgSchema: options.pgSchema } : {}),
      close: () => db.destroy(),
    };
  }
  const file = options.sqliteFile ?? path.join(options.dataDir ?? "./data", "insatsguiden.sqlite");
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const database = new SqliteDatabase(file);
  database.pragma("journal_mode = WAL");
  database.pragma("synchronous = NORMAL");
  database.pragma("busy_timeout = 5000");
  database.pragma("foreign_keys = ON");
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: reusingStatements(database) }) });
  if (file === ":memory:") return { db, dialect: "sqlite", close: () => db.destroy() };
  database.pragma(`wal_autocheckpoint = ${fallbackAutocheckpointPages}`);
  const checkpointer = startCheckpointer(file, {
    onError: options.onBackgroundError,
    intervalMs: options.checkpointIntervalMs,
  });
  return {
    db,
    dialect: "sqlite",
    async close() {
      await checkpointer.stop();
      await db.destroy();
    },
  };
}

const preparedStatementLimit = 500;

/**
 * Kysely prepares every query anew; compiling SQL was a fifth of a case step's CPU (profiled in
 * the case-step bench). A bot runs a few dozen distinct statements, so keep the prepared ones,
 * least recently used dropped past the limit. Kysely runs one query at a time on the connection,
 * so a statement is never in use twice.
 */
function reusingStatements(database: SqliteDatabase.Database): KyselySqliteDatabase {
  const prepared = new LruCache<string, SqliteDatabase.Statement>(preparedStatementLimit);
  return {
    close: () => database.close(),
    prepare: (text: string) => prepared.getOrCreate(text, () => database.prepare(text)),
  };
}

/** The store the configuration names: PostgreSQL when DATABASE_URL is set, else SQLite in DATA_DIR. */
export function openConfiguredStore(
  config: { DATABASE_URL?: string | undefined; DATA_DIR: string },
  overrides: StoreOptions = {},
): Store {
  return openStore({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, ...overrides });
}

/** True when the database answers a trivial query. */
export async function isReachable(store: Store): Promise<boolean> {
  try {
    await sql`select 1`.execute(store.db);
    return true;
  } catch {
    return false;
  }
}
