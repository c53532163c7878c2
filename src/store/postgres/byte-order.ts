/**
 * Text sorts and compares by bytes in PostgreSQL, as it does in SQLite.
 *
 * SQLite compares text with BINARY: UTF-8 bytes, so "Zeta" < "alpha" and "a-b" < "a_b".
 * PostgreSQL compares with the database's collation, usually a language's (en_US, ICU), where
 * "alpha" < "Zeta" and punctuation weighs less than letters: the same query would list presets
 * or order ties differently on the two backends, and a range over text could differ too. So
 * every text column of the journal's tables is given COLLATE "C" (byte order, which for
 * UTF-8 is SQLite's order), whatever collation the database was created with. Indexes on the
 * columns then serve the same comparisons, and "C" is also the fastest collation.
 *
 * This runs after the migrations at every start, in one transaction under an advisory lock,
 * and does nothing when every column is already "C" (one catalogue query). The migration files
 * stay the same for both backends: this is the one thing only PostgreSQL needs. A column a
 * later migration adds is covered at the next start, and the schema test checks none is left.
 */
import { type Kysely, sql } from "kysely";

/** An arbitrary constant: the advisory lock taken while columns are changed. */
const BYTE_ORDER_LOCK = 7_420_001;

interface Column {
  readonly table: string;
  readonly column: string;
  readonly type: string;
}

/** Text columns of the current schema's tables (not Kysely's own) whose collation is not "C". */
async function columnsToChange(db: Kysely<unknown>): Promise<Column[]> {
  const result = await sql<Column>`
    select c.relname as "table", a.attname as "column",
      format_type(a.atttypid, a.atttypmod) as "type"
    from pg_catalog.pg_attribute a
    join pg_catalog.pg_class c on c.oid = a.attrelid
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    join pg_catalog.pg_collation coll on coll.oid = a.attcollation
    where n.nspname = current_schema()
      and c.relkind in ('r', 'p')
      and a.attnum > 0 and not a.attisdropped
      and coll.collname not in ('C', 'POSIX')
      and c.relname not like 'kysely\\_%'
    order by c.relname, a.attnum`.execute(db);
  return result.rows;
}

/** Gives every text column COLLATE "C"; returns the `table.column`s it changed. */
export async function collateTextByBytes(db: Kysely<unknown>): Promise<string[]> {
  if ((await columnsToChange(db)).length === 0) return [];
  return db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(${BYTE_ORDER_LOCK})`.execute(tx);
    const columns = await columnsToChange(tx);
    const byTable = Map.groupBy(columns, (c) => c.table);
    for (const [table, cols] of byTable) {
      // One ALTER TABLE per table: its indexes are rebuilt once. Text to text under another
      // collation is binary-compatible, so the rows themselves are not rewritten.
      const clauses = cols.map(
        (c) => sql`alter column ${sql.ref(c.column)} type ${sql.raw(c.type)} collate "C"`,
      );
      await sql`alter table ${sql.table(table)} ${sql.join(clauses)}`.execute(tx);
    }
    return columns.map((c) => `${c.table}.${c.column}`);
  });
}
