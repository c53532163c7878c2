/**
 * The journal's tables as the migrations make them: columns, primary key, the tables each
 * refers to, and the column that says whose a row is. Read from a journal migrated in memory
 * (SQLite), so it follows every migration with nothing to keep up to date by hand, and it is
 * the same on both backends (the schema test checks that they agree).
 *
 * Copies and checksums walk the tables in `journalTables()` order: a table comes after every
 * table it refers to, so rows can be inserted with foreign keys enforced.
 */
import { DatabaseSync } from "node:sqlite";
import { Kysely } from "kysely";
import { migrateToLatest } from "../migrate.ts";
import { NodeSqliteDialect } from "../sqlite/dialect.ts";

export interface TableInfo {
  readonly name: string;
  /** In the order the table declares them. */
  readonly columns: readonly string[];
  /** Each column's type as the migration wrote it: "text", "integer", "double precision". */
  readonly types: Readonly<Record<string, string>>;
  /** The primary key's columns, in key order. */
  readonly primaryKey: readonly string[];
  /** The tables this one's foreign keys point to (itself excluded). */
  readonly references: readonly string[];
  /** The column naming the account a row belongs to: `id` in users, `user_id` elsewhere. */
  readonly accountColumn: string;
}

let cached: Promise<readonly TableInfo[]> | undefined;

/** Every table of the journal, parents before children. */
export function journalTables(): Promise<readonly TableInfo[]> {
  cached ??= readCatalogue();
  return cached;
}

async function readCatalogue(): Promise<readonly TableInfo[]> {
  const raw = new DatabaseSync(":memory:");
  const db = new Kysely<unknown>({ dialect: new NodeSqliteDialect(raw) });
  try {
    await migrateToLatest(db, { stamp: "catalogue" });
    const names = (
      raw
        .prepare(
          "select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\' and name not like 'kysely\\_%' escape '\\' order by name",
        )
        .all() as { name: string }[]
    ).map((r) => r.name);
    const tables = names.map((name) => describe(raw, name));
    return Object.freeze(parentsFirst(tables));
  } finally {
    await db.destroy();
  }
}

function describe(raw: DatabaseSync, name: string): TableInfo {
  const quoted = `"${name.replaceAll('"', '""')}"`;
  const info = raw.prepare(`pragma table_info(${quoted})`).all() as {
    name: string;
    type: string;
    pk: number;
  }[];
  const keys = raw.prepare(`pragma foreign_key_list(${quoted})`).all() as { table: string }[];
  const columns = info.map((c) => c.name);
  const types = Object.freeze(Object.fromEntries(info.map((c) => [c.name, c.type.toLowerCase()])));
  const primaryKey = info
    .filter((c) => c.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((c) => c.name);
  const accountColumn = name === "users" ? "id" : "user_id";
  if (!columns.includes(accountColumn) || primaryKey.length === 0) {
    // DESIGN.md: every row carries user_id (so a hosted deployment can shard by user), and
    // copies page through a table by its key.
    throw new Error(`table ${name} has no ${accountColumn} column or no primary key`);
  }
  const references = [...new Set(keys.map((k) => k.table))].filter((t) => t !== name).sort();
  return Object.freeze({ name, columns, types, primaryKey, references, accountColumn });
}

/** Orders tables so each follows the tables it refers to; ties by name, for a stable order. */
function parentsFirst(tables: readonly TableInfo[]): TableInfo[] {
  const ordered: TableInfo[] = [];
  const placed = new Set<string>();
  let remaining = [...tables];
  while (remaining.length > 0) {
    const ready = remaining.filter((t) => t.references.every((r) => placed.has(r)));
    if (ready.length === 0) {
      throw new Error(`foreign keys form a cycle among ${remaining.map((t) => t.name).join(", ")}`);
    }
    for (const table of ready) {
      ordered.push(table);
      placed.add(table.name);
    }
    remaining = remaining.filter((t) => !placed.has(t.name));
  }
  return ordered;
}
