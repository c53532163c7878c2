/**
 * Coming from PsychonautWiki Journal, end to end with the real `titrate` command: a person
 * brings their history, sees what became of every entry and what the safety rules find in
 * it, and nothing is invented, doubled or lost on the way.
 */
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { runCli, runJson } from "./helpers/cli.ts";
import { dumpDatabase, removeTempDirs, tempDataDir } from "./helpers/data-dir.ts";

after(removeTempDirs);

const fixture = (name: string) =>
  fileURLToPath(new URL(`./fixtures/psychonautwiki/${name}.json`, import.meta.url));

interface Finding {
  ruleId: string;
  severity: string;
  title: string;
  at: string | null;
  active: boolean;
}
interface Result {
  source: string;
  dryRun: boolean;
  counts: Record<string, { added: number; skipped: number; conflicts: number }>;
  summary: {
    substances: { name: string; doses: number; otherSubstances: number; skipped: number }[];
    entries: { path: string; reason: string }[];
  };
  findings: Finding[];
}

const addedIn = (r: Result) => Object.values(r.counts).reduce((sum, c) => sum + c.added, 0);

/** A fresh journal: 70 kg, Europe/London. */
async function initialised(): Promise<string> {
  const dataDir = tempDataDir("titrate-cli-pwj-");
  const init = await runCli(["init", "--weight", "70kg", "--tz", "Europe/London"], {
    env: { TITRATE_DATA_DIR: dataDir },
  });
  assert.equal(init.code, 0, init.stderr);
  return dataDir;
}

describe("titrate import --from psychonautwiki", () => {
  let dataDir: string;
  const cli = (args: string[]) => runCli(args, { env: { TITRATE_DATA_DIR: dataDir } });
  const json = <T>(args: string[]) => runJson<T>(args, { env: { TITRATE_DATA_DIR: dataDir } });
  before(async () => {
    dataDir = await initialised();
  });

  test("--dry-run prints the summary and writes nothing", async () => {
    const before = dumpDatabase(dataDir);
    const result = await cli(["import", "--from", "psychonautwiki", fixture("newer"), "--dry-run"]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stdout,
      /^Dry run of importing .*newer\.json into "owner": nothing is written\./mu,
    );
    assert.match(
      result.stdout,
      /would add 26 records \(doses 7, otherSubstances 5, checkIns 4, notes 10\)/u,
    );
    assert.match(result.stdout, /\nDry run: nothing was written\.\n$/u);
    assert.equal(dumpDatabase(dataDir), before);
  });

  test("imports the newer shape and says what became of every entry, by substance", async () => {
    const result = await cli(["import", "--from", "psychonautwiki", fixture("newer")]);
    assert.equal(result.code, 0, result.stderr);
    const out = result.stdout;
    assert.match(out, /added 26 records/u);
    assert.match(
      out,
      /PsychonautWiki Journal export \(newer shape\): 8 experiences, 13 ingestions/u,
    );
    assert.match(
      out,
      /The file names no time zone: its entries are given yours, Europe\/London\./u,
    );
    assert.match(out, /4 ratings, 3 timed notes, 1 custom substance, 1 custom unit\./u);
    assert.match(
      out,
      /Ketamine\s+7 ingestions: 5 doses of ketamine, 1 other substance, 1 skipped/u,
    );
    assert.match(out, /Tramadol\s+1 ingestion: 1 other substance \(not in Titrate's catalog\)/u);
    assert.match(out, /Skipped \(2\):/u);
    assert.match(out, /experiences\[2\]\.ingestions\[1\] Ketamine: logged for Sam, not for you/u);
    assert.match(
      out,
      /experiences\[7\]\.ingestions\[0\] Ketamine: Titrate has no subcutaneous route/u,
    );
    assert.match(out, /experiences\[5\]\.ingestions\[0\] Ketamine: "sprays" is not a mass/u);
    assert.match(
      out,
      /DANGER\s+2025-01-11 20:00\s+Dangerous combination: ketamine with tramadol \(combination, past\)/u,
    );
    assert.match(
      out,
      /DANGER\s+2025-01-13 21:00\s+Far above the ketamine microdose ceiling \(above-ceiling, past\)/u,
      "40 mg at 70 kg is 0.57 mg/kg, past 0.5 mg/kg (K-DOSE-3)",
    );
    assert.match(out, /Ketamine doses too close together \(min-interval, past\)/u);
    assert.match(out, /Not imported: map coordinates of 1 experience/u);
  });

  test("importing the same file again adds nothing", async () => {
    const before = dumpDatabase(dataDir);
    const again = await json<Result>(["import", "--from", "psychonautwiki", fixture("newer")]);
    assert.equal(again.source, "psychonautwiki");
    assert.equal(addedIn(again), 0);
    assert.equal(again.counts.doses?.skipped, 7);
    assert.deepEqual(again.findings, []);
    assert.equal(dumpDatabase(dataDir), before);
  });

  test("the older shape imports beside it", async () => {
    const result = await json<Result>(["import", "--from", "psychonautwiki", fixture("older")]);
    assert.equal(result.counts.doses?.added, 5);
    assert.equal(result.counts.otherSubstances?.added, 2);
    assert.deepEqual(
      result.findings.filter((f) => f.severity === "danger").map((f) => [f.ruleId, f.at]),
      [["combination", "2023-03-07T21:00:00Z"]],
    );
  });

  test("a malformed file names the field, exits 2 and changes nothing", async () => {
    const before = dumpDatabase(dataDir);
    const doc = JSON.parse(readFileSync(fixture("newer"), "utf8"));
    doc.experiences[2].ingestions[0].time = "yesterday";
    doc.experiences.push({ ...doc.experiences[0], title: "would be new" });
    const bad = join(dataDir, "..", "bad.json");
    writeFileSync(bad, JSON.stringify(doc));
    const result = await cli(["import", "--from", "psychonautwiki", bad]);
    assert.equal(result.code, 2, result.stdout);
    assert.match(
      result.stderr,
      /error VALIDATION_FAILED: experiences\[2\]\.ingestions\[0\]\.time: must be a time in milliseconds since 1970/u,
    );
    assert.equal(dumpDatabase(dataDir), before);

    const titrateFile = await cli(["import", fixture("newer")]);
    assert.equal(titrateFile.code, 2);
    assert.match(titrateFile.stderr, /error IMPORT_FORMAT_UNKNOWN/u);
    assert.equal(dumpDatabase(dataDir), before);
  });
});

describe("titrate check after an import", () => {
  test("shows the imported findings that are still active", async () => {
    const dataDir = await initialised();
    const env = { env: { TITRATE_DATA_DIR: dataDir } };
    // Tramadol two hours before a ketamine dose taken an hour ago.
    const hour = 3_600_000;
    const dose = Date.now() - hour;
    const doc = {
      experiences: [
        {
          title: "Tonight",
          text: "",
          creationDate: dose - 3 * hour,
          sortDate: dose - 2 * hour,
          isFavorite: false,
          ingestions: [
            {
              substanceName: "Tramadol",
              time: dose - 2 * hour,
              administrationRoute: "ORAL",
              dose: 50,
              isDoseAnEstimate: false,
              units: "mg",
              notes: null,
            },
            {
              substanceName: "Ketamine",
              time: dose,
              administrationRoute: "INSUFFLATED",
              dose: 7,
              isDoseAnEstimate: false,
              units: "mg",
              notes: null,
            },
          ],
          location: null,
        },
      ],
      substanceCompanions: [],
      customSubstances: [],
    };
    const file = join(dataDir, "..", "tonight.json");
    writeFileSync(file, JSON.stringify(doc));
    const imported = await runJson<Result>(["import", "--from", "psychonautwiki", file], env);
    const combination = imported.findings.find((f) => f.ruleId === "combination");
    assert.equal(combination?.active, true);

    const check = await runJson<{ active: Finding[] }>(["check"], env);
    assert.ok(
      check.active.some(
        (f) =>
          f.ruleId === "combination" && f.title === "Dangerous combination: ketamine with tramadol",
      ),
      JSON.stringify(check.active.map((f) => f.title)),
    );
    const text = await runCli(["check"], env);
    assert.match(text.stdout, /DANGER\s+Dangerous combination: ketamine with tramadol/u);
  });

  test("into a data directory with no journal, it says to run titrate init first", async () => {
    const dataDir = tempDataDir("titrate-cli-pwj-");
    const result = await runCli(["import", "--from", "psychonautwiki", fixture("older")], {
      env: { TITRATE_DATA_DIR: dataDir },
    });
    assert.equal(result.code, 2, result.stdout);
    assert.match(result.stderr, /error STORE_NOT_INITIALISED: .*titrate init/u);
  });
});
