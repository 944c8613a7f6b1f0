import { SqliteAdapter, type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely } from "kysely";

/** True when a migration runs against SQLite (types and identity columns differ a little). */
export function isSqlite(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

/** Adds an auto-increment integer primary key `id` that works on both dialects. */
export function withIdColumn<T extends string>(
  db: Kysely<unknown>,
  table: CreateTableBuilder<T, never>,
): CreateTableBuilder<T, "id"> {
  return isSqlite(db)
    ? table.addColumn("id", "integer", (col: ColumnDefinitionBuilder) => col.primaryKey().autoIncrement())
    : table.addColumn("id", "bigserial", (col: ColumnDefinitionBuilder) => col.primaryKey());
}
