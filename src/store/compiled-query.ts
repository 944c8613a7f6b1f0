import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
  type CompiledQuery,
} from "kysely";
import type { Dialect } from "./db.js";
import type { Database } from "./schema.js";

/** Builders that only compile (Kysely's "splitting build, compile and execute" recipe). */
const compilers: Record<Dialect, Kysely<Database>> = {
  sqlite: new Kysely<Database>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  }),
  postgres: new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  }),
};

/** Stands where a parameter's value goes while the query is compiled. */
class Parameter {
  constructor(readonly name: string) {}
}

/**
 * A query built and compiled once per dialect, then bound to new values on every call.
 * Kysely builds an operation tree and compiles it to SQL on each execution; on the hot path of a
 * case step (five statements) that was about a tenth of the CPU. `build` gets the parameters as
 * stand-ins: use each only as a single value (not in a list, not in arithmetic), and keep the
 * query's shape fixed — anything that varies the SQL itself needs a query of its own.
 * Run the result with `db.executeQuery(query(store.dialect, values))`, in a transaction or not.
 */
export function compiledQuery<P extends Record<string, unknown>, R>(
  build: (db: Kysely<Database>, parameters: P) => Compilable<R>,
): (dialect: Dialect, values: P) => CompiledQuery<R> {
  const compiled: Partial<Record<Dialect, CompiledQuery<R>>> = {};
  const parameters = new Proxy({} as P, { get: (_target, name) => new Parameter(String(name)) });
  return (dialect, values) => {
    const query = (compiled[dialect] ??= build(compilers[dialect], parameters).compile());
    return {
      ...query,
      parameters: query.parameters.map((value) => {
        if (!(value instanceof Parameter)) return value;
        if (!(value.name in values)) throw new Error(`compiledQuery: no value for parameter ${value.name}`);
        return values[value.name];
      }),
    };
  };
}
