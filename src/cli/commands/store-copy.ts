/**
 * `titrate store copy --from <journal> --to postgres://…`: moves a personal journal into a
 * hosted database in one transaction, every table counted and checksummed on both sides
 * (src/store/copy/copy-journal.ts). Nothing is changed on failure.
 */
import { resolve } from "node:path";
import { copyJournal } from "../../store/copy/copy-journal.ts";
import { isDatabaseUrl, parseDatabaseUrl } from "../../store/postgres/url.ts";
import { openStore } from "../../store/store.ts";
import { assertNoPositionals, requiredString } from "../args.ts";
import type { Command } from "../command.ts";
import { writeJson, writeLine } from "../output.ts";

export const storeCopy: Command = {
  name: "store copy",
  summary: "Copy a SQLite journal into a PostgreSQL database (or another data directory)",
  options: {
    from: {
      type: "string",
      value: "FILE|DIR",
      description: "The journal to copy: its titrate.db, or the data directory holding it.",
    },
    to: {
      type: "string",
      value: "URL|DIR",
      description: "Where to: postgres://user@host/db, or another data directory.",
    },
  },
  examples: [
    "titrate store copy --from ~/.local/share/titrate --to postgres://titrate@localhost/titrate",
    "titrate store copy --from titrate.db --to 'postgres://titrate@db.example.org/titrate?sslmode=verify-full' --json",
  ],
  details: [
    "Every account in the journal is copied with everything it holds (entries, plans, supplies, sign-in), in one transaction. Each table is then counted and checksummed (SHA-256 of its rows in key order) on both sides; any difference, or any failure, undoes the whole copy and the target stays as it was.",
    "The original is only read, even while `titrate serve` has it open, and is left in place: once you have checked the hosted server, remove it with `titrate erase`.",
    "The copy is refused when the target already has an account of the same id or name. A target that already has an owner gets the copied owner as a member.",
  ],
  async run(context) {
    assertNoPositionals(context, "store copy");
    const from = resolve(context.io.cwd, requiredString(context, "from", "~/.local/share/titrate"));
    const to = requiredString(context, "to", "postgres://titrate@localhost/titrate");
    const target = isDatabaseUrl(to)
      ? await openStore({ databaseUrl: parseDatabaseUrl(to, "to").url, poolSize: 2 })
      : await openStore({ dataDir: resolve(context.io.cwd, to) });
    const started = performance.now();
    let result: Awaited<ReturnType<typeof copyJournal>>;
    try {
      result = await copyJournal(target, { from });
    } finally {
      await target.close();
    }
    const elapsedMs = Math.round(performance.now() - started);
    if (context.json) {
      writeJson(context.io, { ...result, elapsedMs });
      return 0;
    }
    const { stdout } = context.io;
    const rows = result.tables.reduce((sum, t) => sum + t.rows, 0);
    const names = result.accounts.map((a) => `"${a.username}"`).join(", ");
    writeLine(
      stdout,
      `Copied ${result.accounts.length} account${result.accounts.length === 1 ? "" : "s"} (${names}) from ${result.from} to ${result.to}: ${rows} rows in ${result.tables.length} tables, in ${elapsedMs} ms.`,
    );
    writeLine(stdout, "  Every table has the same row count and SHA-256 checksum on both sides:");
    const width = Math.max(...result.tables.map((t) => t.table.length));
    for (const t of result.tables) {
      writeLine(stdout, `  ${t.table.padEnd(width)}  ${String(t.rows).padStart(7)}  ${t.sha256}`);
    }
    for (const a of result.accounts.filter((x) => x.joinedAsMember)) {
      writeLine(
        stdout,
        `  "${a.username}" was the journal's owner; the target already has one, so it joined as a member.`,
      );
    }
    writeLine(
      stdout,
      `The original is unchanged. Once you have checked the hosted journal, you may remove it with \`titrate erase --data-dir …\`.`,
    );
    return 0;
  },
};
