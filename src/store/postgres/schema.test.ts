/**
 * The same migration files make the same schema on SQLite and PostgreSQL: tables, columns,
 * types (normalised), nullability, primary keys, indexes, unique constraints and foreign
 * keys, read from each database's own catalogue and compared.
 */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { DATABASE_FILE } from "../data-dir.ts";
import { migrations } from "../migrations/registry.ts";
import type { Store } from "../store.ts";
import { needsPostgres, openTestStore } from "../test-store.ts";

interface Column {
  readonly type: string;
  readonly notNull: boolean;
}
interface Table {
  readonly columns: Record<string, Column>;
  readonly primaryKey: string[];
  /** `unique (a, b)` or `(a, b)`, sorted; the primary key's own index left out. */
  readonly indexes: string[];
  /** `(a) -> other(b) on delete cascade`, sorted. */
  readonly foreignKeys: string[];
}
type Schema = Record<string, Table>;

/** Each backend's spelling of the three types the migrations use. */
const TYPES: Record<string, string> = {
  text: "text",
  integer: "integer",
  "double precision": "double",
};
const normalType = (type: string) => TYPES[type.toLowerCase()] ?? `unexpected ${type}`;

function sqliteSchema(path: string): Schema {
  const raw = new DatabaseSync(path, { readOnly: true });
  try {
    const names = (
      raw
        .prepare(
          "select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\' and name not like 'kysely\\_%' escape '\\'",
        )
        .all() as { name: string }[]
    ).map((r) => r.name);
    const schema: Schema = {};
    for (const name of names) {
      const info = raw.prepare(`pragma table_info("${name}")`).all() as {
        name: string;
        type: string;
        notnull: number;
        pk: number;
      }[];
      const primaryKey = info
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name);
      const columns: Record<string, Column> = {};
      for (const c of info) {
        // SQLite lets a non-integer primary key hold NULL (a known quirk); PostgreSQL does
        // not, and Titrate always gives ids: both count as NOT NULL here.
        columns[c.name] = { type: normalType(c.type), notNull: c.notnull === 1 || c.pk > 0 };
      }
      const indexes = (
        raw.prepare(`pragma index_list("${name}")`).all() as {
          name: string;
          unique: number;
          origin: string;
        }[]
      )
        .filter((i) => i.origin !== "pk")
        .map((i) => {
          const cols = (
            raw.prepare(`pragma index_info("${i.name}")`).all() as { seqno: number; name: string }[]
          )
            .sort((a, b) => a.seqno - b.seqno)
            .map((c) => c.name);
          return `${i.unique ? "unique " : ""}(${cols.join(", ")})`;
        })
        .sort();
      const keys = raw.prepare(`pragma foreign_key_list("${name}")`).all() as {
        id: number;
        seq: number;
        table: string;
        from: string;
        to: string;
        on_delete: string;
      }[];
      const foreignKeys = [...Map.groupBy(keys, (k) => k.id).values()]
        .map((parts) => {
          const sorted = parts.sort((a, b) => a.seq - b.seq);
          const first = sorted[0] as (typeof parts)[number];
          return `(${sorted.map((p) => p.from).join(", ")}) -> ${first.table}(${sorted.map((p) => p.to).join(", ")}) on delete ${first.on_delete.toLowerCase()}`;
        })
        .sort();
      schema[name] = { columns, primaryKey, indexes, foreignKeys };
    }
    return schema;
  } finally {
    raw.close();
  }
}

const ON_DELETE: Record<string, string> = {
  a: "no action",
  r: "restrict",
  c: "cascade",
  n: "set null",
  d: "set default",
};

async function postgresSchema(store: Store): Promise<Schema> {
  const columns = await sql<{
    table: string;
    column: string;
    type: string;
    not_null: boolean;
  }>`
    select c.relname as "table", a.attname as "column",
      format_type(a.atttypid, a.atttypmod) as "type", a.attnotnull as not_null
    from pg_attribute a
    join pg_class c on c.oid = a.attrelid
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind = 'r' and a.attnum > 0
      and not a.attisdropped and c.relname not like 'kysely\\_%'
    order by c.relname, a.attnum`.execute(store.db);
  const indexes = await sql<{
    table: string;
    unique: boolean;
    primary: boolean;
    columns: string;
  }>`
    select t.relname as "table", i.indisunique as "unique", i.indisprimary as "primary",
      (select string_agg(a.attname, ', ' order by k.ord)
         from unnest(i.indkey) with ordinality as k(attnum, ord)
         join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum) as columns
    from pg_index i
    join pg_class t on t.oid = i.indrelid
    join pg_namespace n on n.oid = t.relnamespace
    where n.nspname = current_schema() and t.relname not like 'kysely\\_%'`.execute(store.db);
  const keys = await sql<{
    table: string;
    columns: string;
    target: string;
    target_columns: string;
    on_delete: string;
  }>`
    select t.relname as "table", f.relname as target, con.confdeltype as on_delete,
      (select string_agg(a.attname, ', ' order by k.ord)
         from unnest(con.conkey) with ordinality as k(attnum, ord)
         join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum) as columns,
      (select string_agg(a.attname, ', ' order by k.ord)
         from unnest(con.confkey) with ordinality as k(attnum, ord)
         join pg_attribute a on a.attrelid = f.oid and a.attnum = k.attnum) as target_columns
    from pg_constraint con
    join pg_class t on t.oid = con.conrelid
    join pg_class f on f.oid = con.confrelid
    join pg_namespace n on n.oid = t.relnamespace
    where con.contype = 'f' and n.nspname = current_schema()`.execute(store.db);

  const schema: Schema = {};
  for (const c of columns.rows) {
    schema[c.table] ??= { columns: {}, primaryKey: [], indexes: [], foreignKeys: [] };
    (schema[c.table] as Table).columns[c.column] = {
      type: normalType(c.type),
      notNull: c.not_null,
    };
  }
  for (const i of indexes.rows) {
    const table = schema[i.table] as Table;
    if (i.primary) table.primaryKey.push(...i.columns.split(", "));
    else table.indexes.push(`${i.unique ? "unique " : ""}(${i.columns})`);
  }
  for (const k of keys.rows) {
    (schema[k.table] as Table).foreignKeys.push(
      `(${k.columns}) -> ${k.target}(${k.target_columns}) on delete ${ON_DELETE[k.on_delete]}`,
    );
  }
  for (const table of Object.values(schema)) {
    table.indexes.sort();
    table.foreignKeys.sort();
  }
  return schema;
}

describe("the schema on SQLite and PostgreSQL", needsPostgres, () => {
  let sqlite: Store;
  let postgres: Store;
  before(async () => {
    sqlite = await openTestStore("sqlite");
    postgres = await openTestStore("postgres");
  });
  after(async () => {
    await sqlite?.close();
    await postgres?.close();
  });

  test("the same migration files make the same tables, columns, keys and indexes", async () => {
    const left = sqliteSchema(`${sqlite.dataDir}/${DATABASE_FILE}`);
    const right = await postgresSchema(postgres);
    assert.deepEqual(Object.keys(right).sort(), Object.keys(left).sort());
    for (const name of Object.keys(left)) {
      assert.deepEqual(right[name], left[name], `table ${name}`);
    }
    assert.ok(Object.keys(left).length >= 20, "every table of the journal is compared");
  });

  test("both applied every migration, under the same names", async () => {
    const names = async (store: Store) =>
      (
        await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
          store.db,
        )
      ).rows.map((r) => r.name);
    assert.deepEqual(await names(sqlite), Object.keys(migrations));
    assert.deepEqual(await names(postgres), Object.keys(migrations));
  });

  test('every text column on PostgreSQL compares by bytes (COLLATE "C"), as SQLite does', async () => {
    const { rows } = await sql<{ column: string; collation: string }>`
      select c.relname || '.' || a.attname as "column", coll.collname as collation
      from pg_attribute a
      join pg_class c on c.oid = a.attrelid
      join pg_namespace n on n.oid = c.relnamespace
      join pg_collation coll on coll.oid = a.attcollation
      where n.nspname = current_schema() and c.relkind = 'r' and a.attnum > 0
        and not a.attisdropped and c.relname not like 'kysely\\_%'`.execute(postgres.db);
    assert.ok(rows.length > 100, `${rows.length} text columns`);
    assert.deepEqual(
      rows.filter((r) => r.collation !== "C"),
      [],
    );
  });
});
