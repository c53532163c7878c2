/**
 * Temporary data directories for tests, and a full dump of a journal database to compare
 * "before" and "after" (a refused command must leave it exactly as it was).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";

const made: string[] = [];

/** A fresh, not yet existing data directory inside a temporary folder. */
export function tempDataDir(prefix = "titrate-test-"): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  made.push(root);
  return join(root, "data");
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Every row of every table, in a stable order, as JSON text. */
export function dumpDatabase(dataDir: string): string {
  const db = new DatabaseSync(join(dataDir, "titrate.db"), { readOnly: true });
  try {
    const tables = db
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name",
      )
      .all()
      .map((r) => String(r.name));
    const dump: Record<string, unknown[]> = {};
    for (const table of tables)
      dump[table] = db.prepare(`select * from "${table}" order by 1`).all();
    return JSON.stringify(dump);
  } finally {
    db.close();
  }
}
