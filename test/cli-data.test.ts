/**
 * Your data is yours, end to end with the real `titrate` command: export and import,
 * backup and restore (plain and encrypted, into a fresh and into an existing data
 * directory), erase and the demo journal. Every refusal must leave the journal exactly as
 * it was: a full export and a dump of every table are compared before and after.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { type CliResult, runCli, runJson } from "./helpers/cli.ts";
import { dumpDatabase, removeTempDirs, tempDataDir } from "./helpers/data-dir.ts";

after(removeTempDirs);

/** Cheap encryption keys for the tests only (see scryptCostFromEnv). */
const testEnv = { TITRATE_TEST_SCRYPT_LOG2N: "10" };
const END = "2026-03-20";

function scratch(): string {
  return join(tempDataDir("titrate-data-out-"), "..");
}

async function ok(args: string[], input?: string): Promise<CliResult> {
  const result = await runCli(args, { env: testEnv, input });
  assert.equal(result.code, 0, `titrate ${args.join(" ")}: ${result.stderr}`);
  return result;
}

async function refused(args: string[], code: string, exit = 2): Promise<CliResult> {
  const result = await runCli(args, { env: testEnv });
  assert.equal(result.code, exit, `titrate ${args.join(" ")}: ${result.stdout}${result.stderr}`);
  assert.match(result.stderr, new RegExp(`error ${code}`, "u"), result.stderr);
  return result;
}

async function demo(seed: number, days = 60): Promise<string> {
  const dataDir = tempDataDir();
  await ok([
    "demo",
    "--days",
    String(days),
    "--seed",
    String(seed),
    "--end",
    END,
    "--data-dir",
    dataDir,
  ]);
  return dataDir;
}

/** The whole journal as an export document, without its `exportedAt`. */
async function exported(dataDir: string): Promise<Record<string, unknown>> {
  const out = scratch();
  const result = await runJson<{ path: string }>(["export", "--out", out, "--data-dir", dataDir]);
  const { exportedAt: _, ...doc } = JSON.parse(readFileSync(result.path, "utf8"));
  return doc;
}

/** Everything there is to compare: the export and every row of every table. */
async function stateOf(dataDir: string): Promise<{ doc: unknown; dump: string }> {
  return { doc: await exported(dataDir), dump: dumpDatabase(dataDir) };
}

describe("export and import", () => {
  let source: string;
  let exportFile: string;
  before(async () => {
    source = await demo(1);
    const out = scratch();
    const result = await runJson<{ path: string }>(["export", "--out", out, "--data-dir", source]);
    exportFile = result.path;
  });

  test("the JSON export is one versioned document, owner-only, without secrets", () => {
    assert.equal(statSync(exportFile).mode & 0o777, 0o600);
    const doc = JSON.parse(readFileSync(exportFile, "utf8"));
    assert.equal(doc.format, "titrate-journal");
    assert.equal(doc.version, 1);
    assert.match(doc.exportedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/u);
    assert.equal(doc.user.username, "demo");
    assert.ok(
      doc.doses.length > 0 && doc.checkIns.length > 0 && doc.batches[0].reagentTests.length === 2,
    );
    const text = readFileSync(exportFile, "utf8");
    assert.doesNotMatch(text, /passphrase_hash|token_hash|scrypt\$/u);
  });

  test("CSV gives one file per table with a header, ISO 8601 times and CRLF lines", async () => {
    const out = scratch();
    const result = await runJson<{ path: string; files: string[] }>([
      "export",
      "--format",
      "csv",
      "--out",
      out,
      "--data-dir",
      source,
    ]);
    assert.equal(result.files.length, 16);
    const doses = readFileSync(join(result.path, "doses.csv"), "utf8");
    const [header, first] = doses.split("\r\n");
    assert.equal(
      header,
      "id,at,at_local,time_zone,substance,amount,unit,route,batch_id,plan_id,is_estimate,note,source,fingerprint,created_at",
    );
    assert.match(
      first ?? "",
      /^dos_[0-9a-z]{12},\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d,Europe\/London,ketamine,7,mg,nasal,/u,
    );
    assert.equal(statSync(join(result.path, "check_ins.csv")).mode & 0o777, 0o600);
  });

  test("export → import into an empty data directory → export gives the same data", async () => {
    const target = tempDataDir();
    const result = await ok(["import", exportFile, "--data-dir", target]);
    assert.match(result.stdout, /Restored the journal of "demo"/u);
    assert.deepEqual(await exported(target), await exported(source));

    const again = await runJson<{ counts: Record<string, { added: number }> }>([
      "import",
      exportFile,
      "--data-dir",
      target,
    ]);
    assert.equal(
      Object.values(again.counts).reduce((sum, c) => sum + c.added, 0),
      0,
      "a second import adds nothing",
    );
    assert.deepEqual(await exported(target), await exported(source));
  });

  test("a dry run into a data directory without a journal says what it would do and creates nothing", async () => {
    const target = join(tempDataDir(), "not-yet");
    const result = await ok(["import", exportFile, "--dry-run", "--data-dir", target]);
    assert.match(result.stdout, /Dry run: nothing was written\./u);
    assert.equal(existsSync(target), false, "no journal, no folder");
  });

  test("a bad file names the record and field, exits 2, and changes nothing", async () => {
    const target = tempDataDir();
    await ok(["import", exportFile, "--data-dir", target]);
    const before = await stateOf(target);
    const doc = JSON.parse(readFileSync(exportFile, "utf8"));
    doc.doses[3].amount = 0;
    doc.doses.push({ ...doc.doses[0], id: "dos_newnewnewnew" }); // would be new, if the file were good
    const bad = join(scratch(), "bad.json");
    writeFileSync(bad, JSON.stringify(doc));
    const result = await refused(["import", bad, "--data-dir", target], "VALIDATION_FAILED");
    assert.match(result.stderr, /doses\[3\]\.amount: must be more than 0/u);
    assert.deepEqual(await stateOf(target), before);

    await refused(
      ["import", join(scratch(), "missing.json"), "--data-dir", target],
      "FILE_UNREADABLE",
    );
    writeFileSync(bad, "not json at all");
    await refused(["import", bad, "--data-dir", target], "IMPORT_FORMAT_UNKNOWN");
    assert.deepEqual(await stateOf(target), before);
  });
});

describe("backup and restore", () => {
  let source: string;
  let plain: string;
  let encrypted: string;
  let passphraseFile: string;
  before(async () => {
    source = await demo(1);
    const out = scratch();
    passphraseFile = join(out, "passphrase.txt");
    writeFileSync(passphraseFile, "correct horse battery staple\n", { mode: 0o600 });
    plain = join(out, "journal.db");
    encrypted = join(out, "journal.tbk");
    await ok(["backup", "--out", plain, "--data-dir", source]);
    const result = await ok([
      "backup",
      "--out",
      encrypted,
      "--passphrase-file",
      passphraseFile,
      "--data-dir",
      source,
    ]);
    assert.match(result.stdout, /encrypted/u);
    assert.match(result.stderr, /for tests only/u, "the cheap key cost is announced");
  });

  test("backups are owner-only and the encrypted one hides the journal", () => {
    assert.equal(statSync(plain).mode & 0o777, 0o600);
    assert.equal(statSync(encrypted).mode & 0o777, 0o600);
    assert.ok(readFileSync(plain).includes(Buffer.from("Europe/London")));
    assert.ok(!readFileSync(encrypted).includes(Buffer.from("Europe/London")));
  });

  test("a plain backup restores into a fresh data directory", async () => {
    const target = tempDataDir();
    const result = await ok(["restore", plain, "--data-dir", target]);
    assert.match(result.stdout, /there was no journal here before/u);
    assert.deepEqual(await exported(target), await exported(source));
  });

  test("an encrypted backup restores into a fresh data directory, the passphrase read from stdin", async () => {
    const target = tempDataDir();
    await ok(
      ["restore", encrypted, "--passphrase-file", "-", "--data-dir", target],
      "correct horse battery staple\n",
    );
    assert.deepEqual(await exported(target), await exported(source));
  });

  test("restoring onto an existing journal keeps the old one aside and says where", async () => {
    const target = await demo(2, 20);
    const old = await exported(target);
    const result = await runJson<{ previous: string; previousState: string }>(
      ["restore", encrypted, "--passphrase-file", passphraseFile, "--data-dir", target],
      { env: testEnv },
    );
    assert.equal(result.previousState, "copied");
    assert.ok(existsSync(result.previous));
    assert.deepEqual(await exported(target), await exported(source));
    // The kept journal is whole: restore it somewhere and compare.
    const check = tempDataDir();
    await ok(["restore", result.previous, "--data-dir", check]);
    assert.deepEqual(await exported(check), old);
  });

  test("a wrong passphrase, a changed byte or a truncated file is refused and changes nothing", async () => {
    const target = await demo(2, 20);
    const before = await stateOf(target);
    const listing = readdirSync(target).sort();
    const dir = scratch();
    const wrong = join(dir, "wrong.txt");
    writeFileSync(wrong, "not the passphrase at all\n");
    await refused(
      ["restore", encrypted, "--passphrase-file", wrong, "--data-dir", target],
      "BACKUP_UNREADABLE",
    );

    const bytes = readFileSync(encrypted);
    const tampered = Buffer.from(bytes);
    tampered.writeUInt8(tampered.readUInt8(200) ^ 0x40, 200);
    const tamperedFile = join(dir, "tampered.tbk");
    writeFileSync(tamperedFile, tampered);
    await refused(
      ["restore", tamperedFile, "--passphrase-file", passphraseFile, "--data-dir", target],
      "BACKUP_UNREADABLE",
    );

    for (const [name, source] of [
      ["truncated.tbk", bytes],
      ["truncated.db", readFileSync(plain)],
    ] as const) {
      const file = join(dir, name);
      writeFileSync(file, source.subarray(0, Math.floor(source.length / 2)));
      await refused(
        ["restore", file, "--passphrase-file", passphraseFile, "--data-dir", target],
        "BACKUP_UNREADABLE",
      );
    }
    await refused(["restore", encrypted, "--data-dir", target], "CLI_MISSING_OPTION");
    await refused(["restore", exportFileOf(dir), "--data-dir", target], "BACKUP_UNREADABLE");
    assert.deepEqual(await stateOf(target), before);
    assert.deepEqual(readdirSync(target).sort(), listing);
  });

  test("backup refuses a short passphrase, an existing file, and a missing journal", async () => {
    const dir = scratch();
    const short = join(dir, "short.txt");
    writeFileSync(short, "short\n");
    await refused(
      ["backup", "--out", join(dir, "x.tbk"), "--passphrase-file", short, "--data-dir", source],
      "VALIDATION_FAILED",
    );
    await refused(["backup", "--out", plain, "--data-dir", source], "FILE_EXISTS");
    await refused(
      ["backup", "--out", join(dir, "y.db"), "--data-dir", tempDataDir()],
      "STORE_NOT_INITIALISED",
    );
    assert.equal(existsSync(join(dir, "x.tbk")), false);
  });
});

/** A JSON export file (not a backup) in `dir`. */
function exportFileOf(dir: string): string {
  const file = join(dir, "export.json");
  writeFileSync(file, JSON.stringify({ format: "titrate-journal", version: 1 }));
  return file;
}

describe("erase", () => {
  test("refuses without --yes (exit 2) and changes nothing", async () => {
    const dataDir = await demo(1, 10);
    const before = await stateOf(dataDir);
    await refused(["erase", "--data-dir", dataDir], "CONFIRMATION_REQUIRED");
    assert.deepEqual(await stateOf(dataDir), before);
  });

  test("removes the journal and Titrate's own copies, and says what it removed", async () => {
    const dataDir = await demo(1, 10);
    const dir = scratch();
    await ok(["backup", "--out", join(dir, "mine.db"), "--data-dir", dataDir]);
    // A restore leaves a pre-restore copy in the data directory's backups folder.
    await ok(["restore", join(dir, "mine.db"), "--data-dir", dataDir]);
    assert.ok(readdirSync(join(dataDir, "backups")).some((n) => n.startsWith("pre-restore-")));
    const result = await ok(["erase", "--yes", "--data-dir", dataDir]);
    assert.match(result.stdout, /removed .*titrate\.db/u);
    assert.match(result.stdout, /removed .*pre-restore-/u);
    assert.equal(existsSync(dataDir), false);
    assert.ok(existsSync(join(dir, "mine.db")), "a backup written with --out is the person's own");
    const again = await ok(["erase", "--yes", "--data-dir", dataDir]);
    assert.match(again.stdout, /Nothing to erase/u);
  });
});

describe("demo", () => {
  test("the same seed and end date give the same journal", async () => {
    const [a, b] = [await demo(7, 30), await demo(7, 30)];
    assert.deepEqual(await exported(a), await exported(b));
  });

  test("refuses a data directory that already holds a journal, and changes nothing", async () => {
    const dataDir = await demo(1, 10);
    const before = await stateOf(dataDir);
    await refused(["demo", "--days", "5", "--data-dir", dataDir], "JOURNAL_NOT_EMPTY");
    await refused(["demo", "--days", "0", "--data-dir", dataDir], "CLI_INVALID_OPTION");
    assert.deepEqual(await stateOf(dataDir), before);
  });

  test("ten years take well under the time a person waits", async () => {
    const dataDir = tempDataDir();
    const result = await runJson<{ elapsedMs: number; counts: Record<string, number> }>([
      "demo",
      "--days",
      "3650",
      "--end",
      END,
      "--data-dir",
      dataDir,
    ]);
    assert.ok((result.counts.checkIns ?? 0) > 3300);
    assert.ok(result.elapsedMs < 5000, `${result.elapsedMs} ms`);
  });
});
