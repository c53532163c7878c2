/**
 * What a journal command needs: the store it works on, the account it acts as, and the
 * current instant. Opened per command and always closed.
 *
 * Which store: `--database URL` (PostgreSQL), else `--data-dir DIR` (SQLite), else the
 * environment's TITRATE_DATABASE_URL or TITRATE_DATA_DIR, else the user data directory.
 * A flag beats the environment; both flags at once, or both variables at once, is refused
 * rather than guessed (a journal written into the wrong place is hard to notice).
 */
import { Temporal } from "temporal-polyfill";
import { TitrateError } from "../core/errors.ts";
import { resolveDataDir } from "../store/data-dir.ts";
import { parseDatabaseUrl } from "../store/postgres/url.ts";
import { resolveUser, type User } from "../store/repos/users.ts";
import { openStore, type Store } from "../store/store.ts";
import { optionalString } from "./args.ts";
import type { CommandContext } from "./command.ts";

export interface Journal {
  readonly store: Store;
  readonly user: User;
  readonly now: Temporal.Instant;
}

/** The store a command opens: a data directory, or a PostgreSQL database. */
export type StoreTarget =
  | { readonly kind: "sqlite"; readonly dataDir: string }
  | { readonly kind: "postgres"; readonly databaseUrl: string; readonly redacted: string };

/** The store this command uses (see the top of this file). */
export function storeTargetOf(context: CommandContext): StoreTarget {
  const urlFlag = optionalString(context, "database");
  const dirFlag = optionalString(context, "data-dir");
  if (urlFlag !== undefined && dirFlag !== undefined) {
    throw new TitrateError(
      "CLI_INVALID_OPTION",
      "--database and --data-dir choose two different journals; give one of them",
      "database",
    );
  }
  if (urlFlag !== undefined) return postgres(urlFlag, "database");
  if (dirFlag !== undefined) return sqlite(context);
  const urlEnv = context.io.env.TITRATE_DATABASE_URL;
  if (urlEnv !== undefined && urlEnv !== "") {
    const dirEnv = context.io.env.TITRATE_DATA_DIR;
    if (dirEnv !== undefined && dirEnv !== "") {
      throw new TitrateError(
        "CLI_INVALID_OPTION",
        "TITRATE_DATABASE_URL and TITRATE_DATA_DIR are both set and name two different journals; unset one, or choose with --database or --data-dir",
        "database",
      );
    }
    return postgres(urlEnv, "TITRATE_DATABASE_URL");
  }
  return sqlite(context);
}

function postgres(text: string, field: string): StoreTarget {
  const url = parseDatabaseUrl(text, field);
  return { kind: "postgres", databaseUrl: url.url, redacted: url.redacted };
}

function sqlite(context: CommandContext): StoreTarget {
  const dataDir = resolveDataDir({
    flag: optionalString(context, "data-dir"),
    env: context.io.env,
    cwd: context.io.cwd,
  });
  return { kind: "sqlite", dataDir };
}

/** What to use instead, for the commands that work on a data directory's files. */
const POSTGRES_INSTEAD: Readonly<Record<string, string>> = {
  backup: "back the database up with pg_dump (docs/deploy.md)",
  restore:
    "restore a pg_dump with pg_restore; a SQLite backup goes back with `titrate restore FILE --data-dir DIR`, then `titrate store copy --from DIR --to URL`",
  erase:
    "each person erases their account in the web app's settings (POST /api/v1/account/erase); the whole journal goes with DROP DATABASE",
};

/**
 * The data directory this command uses. STORE_SQLITE_ONLY when the command was pointed at
 * PostgreSQL: `command` names it, and the message says what to do there instead.
 */
export function dataDirOf(context: CommandContext, command?: string): string {
  const target = storeTargetOf(context);
  if (target.kind === "sqlite") return target.dataDir;
  const name = command ?? "this command";
  const instead = POSTGRES_INSTEAD[name] ?? "see docs/deploy.md";
  throw new TitrateError(
    "STORE_SQLITE_ONLY",
    `\`titrate ${name}\` works on a SQLite data directory, and this journal is on PostgreSQL (${target.redacted}): ${instead}`,
    "database",
  );
}

/**
 * Opens the store this command uses, brought up to date. `poolSize`: PostgreSQL connections
 * (a command needs 2 at most; the server passes more).
 */
export function openStoreOf(context: CommandContext, poolSize = 2): Promise<Store> {
  const target = storeTargetOf(context);
  return openStore(
    target.kind === "postgres"
      ? { databaseUrl: target.databaseUrl, poolSize }
      : { dataDir: target.dataDir },
  );
}

/** Opens the journal, resolves the account, runs `work`, and closes the store. */
export async function withJournal<T>(
  context: CommandContext,
  work: (journal: Journal) => Promise<T>,
): Promise<T> {
  const store = await openStoreOf(context);
  try {
    const user = await resolveUser(store.db, optionalString(context, "user"));
    return await work({ store, user, now: Temporal.Now.instant() });
  } finally {
    await store.close();
  }
}

/** Opens the store without requiring an account (for `init`). */
export async function withStore<T>(
  context: CommandContext,
  work: (store: Store) => Promise<T>,
): Promise<T> {
  const store = await openStoreOf(context);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
