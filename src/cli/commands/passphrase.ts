/**
 * `titrate passphrase`: sets a new passphrase for an account, on the machine that holds the
 * journal. A lost passphrase cannot be recovered — only a hash of it is kept — so this is
 * the way back in: whoever can run `titrate` here can already read the journal file. Every
 * session of the account is signed out; API tokens keep working (revoke them in the app).
 */
import { TitrateError } from "../../core/errors.ts";
import { hashPassphrase, passphraseHint, passphraseProblem } from "../../store/passphrase.ts";
import { deleteOtherSessions, listApiTokens, setPassphraseHash } from "../../store/repos/auth.ts";
import { assertNoPositionals } from "../args.ts";
import type { Command, CommandContext } from "../command.ts";
import { readHidden } from "../hidden-input.ts";
import { withJournal } from "../journal-context.ts";
import { journalOptions } from "../journal-options.ts";
import { writeJson, writeLine } from "../output.ts";
import { passphraseFileOption, readPassphrase } from "./backup.ts";

/** The new passphrase: from --passphrase-file, else typed twice in a terminal. */
async function newPassphrase(context: CommandContext): Promise<string> {
  const fromFile = await readPassphrase(context);
  if (fromFile !== undefined) return fromFile;
  if (!context.io.stdin.isTTY) {
    throw new TitrateError(
      "CLI_MISSING_OPTION",
      "passphrase-file: give --passphrase-file FILE (- reads standard input), or run this in a terminal to type it",
      "passphrase-file",
    );
  }
  const cancelled = () =>
    new TitrateError("CONFIRMATION_REQUIRED", "cancelled: the passphrase was not changed");
  const first = await readHidden(context.io, "New passphrase: ").catch(() => {
    throw cancelled();
  });
  const problem = passphraseProblem(first);
  if (problem) throw new TitrateError("VALIDATION_FAILED", `passphrase: ${problem}`, "passphrase");
  const second = await readHidden(context.io, "Type it again: ").catch(() => {
    throw cancelled();
  });
  if (second !== first) {
    throw new TitrateError(
      "VALIDATION_FAILED",
      "passphrase: the two passphrases differ; nothing was changed",
      "passphrase",
    );
  }
  return first;
}

export const command: Command = {
  name: "passphrase",
  summary: "Set a new passphrase for an account (signs its sessions out)",
  options: { "passphrase-file": passphraseFileOption, ...journalOptions },
  examples: [
    "titrate passphrase",
    "titrate passphrase --user kim",
    "titrate passphrase --passphrase-file ~/new-passphrase.txt",
  ],
  details: [
    "A lost passphrase cannot be recovered: Titrate keeps only a hash of it. Run this on the machine that holds the journal to set a new one; the account's browser sessions are signed out. API tokens keep working: revoke any that may have leaked (Settings, or DELETE /api/v1/auth/tokens/ID).",
    "Without --passphrase-file it asks twice in the terminal and shows nothing as you type. At least 10 characters; four or more random words are strong and easy to remember.",
  ],
  async run(context) {
    assertNoPositionals(context, "passphrase");
    const result = await withJournal(context, async ({ store, user }) => {
      const passphrase = await newPassphrase(context);
      const problem = passphraseProblem(passphrase);
      if (problem) {
        throw new TitrateError("VALIDATION_FAILED", `passphrase: ${problem}`, "passphrase");
      }
      const hash = await hashPassphrase(passphrase);
      const sessionsEnded = await store.transaction(async (tx) => {
        await setPassphraseHash(tx, user.id, hash);
        return deleteOtherSessions(tx, user.id, undefined);
      });
      const tokens = (await listApiTokens(store.db, user.id)).length;
      return { username: user.username, sessionsEnded, tokens, hint: passphraseHint(passphrase) };
    });
    if (context.json) {
      writeJson(context.io, {
        username: result.username,
        sessionsEnded: result.sessionsEnded,
        apiTokens: result.tokens,
        passphraseHint: result.hint,
      });
      return 0;
    }
    const { stdout } = context.io;
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
    writeLine(stdout, `New passphrase set for "${result.username}" (${result.hint}).`);
    writeLine(stdout, `  ${plural(result.sessionsEnded, "session")} signed out.`);
    if (result.tokens > 0) {
      writeLine(
        stdout,
        `  ${plural(result.tokens, "API token")} still work: revoke any that may have leaked.`,
      );
    }
    return 0;
  },
};
