/**
 * Insights, the blinded experiment and the clinician report with the real `titrate` command,
 * on the demo journal (`titrate demo --days 90 --seed 1`) and on a journal with too little
 * data. Output must not change between runs, and a journal with too little data must show
 * "not enough data yet" instead of a number.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { type CliResult, runCli, runJson } from "./helpers/cli.ts";
import { dumpDatabase, removeTempDirs, tempDataDir } from "./helpers/data-dir.ts";

after(removeTempDirs);

const END = "2026-03-20";
const period = ["--since", "90d", "--until", END];

async function ok(args: string[]): Promise<CliResult> {
  const result = await runCli(args);
  assert.equal(result.code, 0, `titrate ${args.join(" ")}: ${result.stderr}`);
  return result;
}

async function refused(args: string[], code: string): Promise<CliResult> {
  const result = await runCli(args);
  assert.equal(result.code, 2, `titrate ${args.join(" ")}: ${result.stdout}${result.stderr}`);
  assert.match(result.stderr, new RegExp(`error ${code}`, "u"));
  return result;
}

interface Estimate {
  enoughData: boolean;
  estimate?: number;
  ci95?: [number, number];
  n: number;
  nA?: number;
  nB?: number;
  reason?: string;
}

/** Every object with an `enoughData` key, wherever it sits in the document. */
function estimatesIn(value: unknown, found: Estimate[] = []): Estimate[] {
  if (Array.isArray(value)) for (const item of value) estimatesIn(item, found);
  else if (value !== null && typeof value === "object") {
    if ("enoughData" in value) found.push(value as Estimate);
    for (const child of Object.values(value)) estimatesIn(child, found);
  }
  return found;
}

describe("on the demo journal", () => {
  let dataDir: string;
  before(async () => {
    dataDir = tempDataDir();
    await ok(["demo", "--days", "90", "--seed", "1", "--end", END, "--data-dir", dataDir]);
  });

  test("titrate insights prints sparklines with their numbers in words, and the comparisons", async () => {
    const { stdout } = await ok(["insights", ...period, "--data-dir", dataDir]);
    assert.match(stdout, /^Insights, 2025-12-21 to 2026-03-20 \(90 days, Europe\/London\)$/mu);
    assert.match(stdout, /^ {2}mood +[ ▁▂▃▄▅▆▇█]{20,}$/mu);
    assert.match(stdout, /^ {2}doses +•/mu);
    assert.match(stdout, /mood, 7-day mean: \d\.\d on 2025-12-\d\d, \d\.\d on 2026-03-20; lowest/u);
    assert.match(stdout, /^Dose days vs other days/mu);
    assert.match(
      stdout,
      /^ {2}mood [+-]\d\.\d points \(95 % CI [+-]\d\.\d to [+-]\d\.\d\), 7 vs 75 days, Hedges' g [+-]\d\.\d \(95 % CI [+-]\d\.\d to [+-]\d\.\d\): /mu,
    );
    assert.match(stdout, /not enough data yet: no check-ins before the first dose \(2025-12-21\)/u);
    assert.match(stdout, /PHQ-9 11 \(Moderate\) on 2026-03-17/u);
    assert.match(stdout, /FACTS PLACEBO-1/u);
    assert.ok(!stdout.includes("\u001b["), "no colour without a terminal");
  });

  test("--json gives every estimate as { estimate, ci95, n } or { enoughData: false, reason }", async () => {
    const insights = await runJson<Record<string, unknown>>([
      "insights",
      ...period,
      "--data-dir",
      dataDir,
    ]);
    const estimates = estimatesIn(insights);
    assert.ok(estimates.length >= 28, String(estimates.length));
    for (const e of estimates) {
      if (e.enoughData) {
        assert.equal(typeof e.estimate, "number");
        assert.ok(Array.isArray(e.ci95) && e.ci95.length === 2);
        const [low, high] = e.ci95 as [number, number];
        assert.ok(low <= (e.estimate as number) && (e.estimate as number) <= high);
        assert.ok(Number.isInteger(e.n));
        if ("nA" in e) assert.equal(e.n, (e.nA ?? 0) + (e.nB ?? 0));
      } else {
        assert.equal(typeof e.reason, "string");
        assert.ok(!("estimate" in e) && !("ci95" in e));
      }
    }
  });

  test("the same journal and options give the same output, with no time of running in it", async () => {
    const a = await ok(["insights", ...period, "--json", "--data-dir", dataDir]);
    const b = await ok(["insights", ...period, "--json", "--data-dir", dataDir]);
    assert.equal(a.stdout, b.stdout);
    const text1 = await ok(["insights", ...period, "--data-dir", dataDir]);
    const text2 = await ok(["insights", ...period, "--data-dir", dataDir]);
    assert.equal(text1.stdout, text2.stdout);
    assert.doesNotMatch(a.stdout, /generated|computedAt|exportedAt/iu);
  });

  test("titrate report writes one self-contained page, readable by you only, without the sections left out", async () => {
    const out = join(dataDir, "..", "report.html");
    const result = await runJson<{ path: string; excluded: string[] }>([
      "report",
      "--out",
      out,
      ...period,
      "--exclude",
      "notes",
      "--data-dir",
      dataDir,
    ]);
    assert.equal(result.path, out);
    assert.deepEqual(result.excluded, ["notes"]);
    const html = readFileSync(out, "utf8");
    assert.match(html, /^<!doctype html>/u);
    assert.match(html, /@media print/u);
    assert.ok((html.match(/<svg /gu) ?? []).length >= 7);
    assert.doesNotMatch(html, /<script|<link|https?:\/\//iu);
    assert.ok(!html.includes("Took it a day late"), "free text left out with notes");
    assert.match(html, /Left out at the person&#39;s request: Notes and free text/u);
    if (process.platform !== "win32") assert.equal(statSync(out).mode & 0o777, 0o600);

    // An existing file is never replaced without --force, and is left as it was.
    writeFileSync(out, "mine");
    await refused(["report", "--out", out, "--data-dir", dataDir], "FILE_EXISTS");
    assert.equal(readFileSync(out, "utf8"), "mine");
    await ok(["report", "--out", out, ...period, "--force", "--data-dir", dataDir]);
    assert.match(readFileSync(out, "utf8"), /Took it a day late/u);
    await refused(
      ["report", "--out", out, "--force", "--exclude", "diary", "--data-dir", dataDir],
      "VALIDATION_FAILED",
    );
  });

  test("a blinded experiment runs from start to report; the order stays sealed until unblinding", async () => {
    // The demo journal ends with bladder signs, which advise against ketamine: no ketamine
    // experiment while they stand, and nothing written.
    const before = dumpDatabase(dataDir);
    await refused(
      ["experiment", "start", "--substance", "ketamine", "--data-dir", dataDir],
      "EXPERIMENT_ADVISED_AGAINST",
    );
    assert.equal(dumpDatabase(dataDir), before, "a refused start changes nothing");
    const started = await runJson<{ codes: [string, string]; sessions: number; state: string }>([
      "experiment",
      "start",
      "--substance",
      "psilocybin",
      "--data-dir",
      dataDir,
    ]);
    assert.equal(started.sessions, 12);
    assert.equal(started.state, "running");
    const today = await ok(["experiment", "today", "--data-dir", dataDir]);
    const code = /take the preparation labelled ([AB]-\w{3})/u.exec(today.stdout)?.[1];
    assert.ok(code && started.codes.includes(code), today.stdout);
    assert.doesNotMatch(
      today.stdout,
      new RegExp(started.codes.find((c) => c !== code) ?? "-", "u"),
      "only today's code",
    );
    await refused(
      ["experiment", "start", "--substance", "psilocybin", "--data-dir", dataDir],
      "EXPERIMENT_RUNNING",
    );

    const guessed = await ok(["experiment", "guess", "active", "--data-dir", dataDir]);
    assert.match(guessed.stdout, /1 of 12 sessions has a guess\./u);
    await refused(["experiment", "report", "--data-dir", dataDir], "EXPERIMENT_BLINDED");
    const blinded = dumpDatabase(dataDir);
    await refused(
      ["experiment", "unblind", "--active", started.codes[0], "--data-dir", dataDir],
      "EXPERIMENT_NOT_OVER",
    );
    assert.equal(dumpDatabase(dataDir), blinded, "a refused unblinding changes nothing");

    const unblinded = await ok([
      "experiment",
      "unblind",
      "--active",
      started.codes[1],
      "--early",
      "--reason",
      "end-to-end test",
      "--data-dir",
      dataDir,
    ]);
    assert.match(
      unblinded.stdout,
      new RegExp(`early \\(end-to-end test\\): ${started.codes[1]} was active`, "u"),
    );
    // The unblinding time is local, with its zone, in the answers and in the clinician report.
    const late = await refused(
      ["experiment", "guess", "placebo", "--data-dir", dataDir],
      "EXPERIMENT_UNBLINDED",
    );
    assert.match(
      late.stderr,
      /unblinded on \d{4}-\d\d-\d\d \d\d:\d\d \(Europe\/London\); guesses/u,
    );
    const out = join(dataDir, "..", "experiment-report.html");
    await ok(["report", "--out", out, "--data-dir", dataDir]);
    const html = readFileSync(out, "utf8");
    assert.match(html, /Unblinded on \d{4}-\d\d-\d\d \d\d:\d\d \(Europe\/London\), early/u);
    assert.doesNotMatch(html, /\d{4}-\d\d-\d\dT\d\d:\d\d/u, "no UTC timestamp");
    const report = await ok(["experiment", "report", "--data-dir", dataDir]);
    assert.match(report.stdout, /Not enough data yet for mood/u);
    assert.match(
      report.stdout,
      /^ {3}1 {2}\d{4}-\d\d-\d\d {2}[AB]-\w{3} {2}(active |placebo) {2}guess active/mu,
    );
    const json = await runJson<{ results: { sessions: unknown[] } }>([
      "experiment",
      "report",
      "--data-dir",
      dataDir,
    ]);
    assert.equal(json.results.sessions.length, 12);
  });
});

test('a journal with too little data says "not enough data yet" and shows no number', async () => {
  const dataDir = tempDataDir();
  await ok(["init", "--weight", "70kg", "--tz", "Europe/London", "--data-dir", dataDir]);
  for (const [day, mood] of [
    ["2026-03-17", "5"],
    ["2026-03-18", "6"],
    ["2026-03-19", "7"],
  ] as const) {
    await ok(["log", "checkin", "--mood", mood, "--at", `${day} 21:00`, "--data-dir", dataDir]);
  }
  await ok([
    "log",
    "dose",
    "7mg",
    "--substance",
    "ketamine",
    "--route",
    "nasal",
    "--at",
    "2026-03-18 09:00",
    "--data-dir",
    dataDir,
  ]);
  const { stdout } = await ok([
    "insights",
    "--since",
    "2026-03-01",
    "--until",
    "2026-03-20",
    "--data-dir",
    dataDir,
  ]);
  assert.match(stdout, /not enough data yet/u);
  assert.doesNotMatch(stdout, /\d\.\d/u, "no estimate anywhere");
  assert.doesNotMatch(stdout, /95 % CI/u);
  const json = await runJson<Record<string, unknown>>([
    "insights",
    "--since",
    "2026-03-01",
    "--until",
    "2026-03-20",
    "--data-dir",
    dataDir,
  ]);
  for (const e of estimatesIn(json)) assert.equal(e.enoughData, false);
  assert.ok(existsSync(dataDir));
});

test("a period of one day is said in the singular, in insights and in the report", async () => {
  const dataDir = tempDataDir();
  const out = join(dataDir, "..", "report.html");
  await ok(["init", "--weight", "70kg", "--tz", "Europe/London", "--data-dir", dataDir]);
  await ok(["log", "dose", "7mg", "--substance", "ketamine", "--data-dir", dataDir]);
  await ok(["log", "checkin", "--mood", "5", "--data-dir", dataDir]);
  const { stdout } = await ok(["insights", "--since", "1d", "--data-dir", dataDir]);
  assert.match(stdout, /\(1 day, Europe\/London\)/u);
  assert.match(stdout, /^1 day with a check-in, 1 dose day, 0 screenings\./mu);
  await ok(["report", "--since", "1d", "--out", out, "--data-dir", dataDir]);
  const html = readFileSync(out, "utf8");
  assert.match(html, /1 day in Europe\/London: 1 day with a check-in, 1 dose day, 0 screenings\./u);
  assert.doesNotMatch(html, /\b1 (days|doses|dose days|screenings)\b/u);
});

describe("a report without a section", () => {
  test("leaves out the findings that name what was left out: the other substance of a combination, the words of a note", async () => {
    const dataDir = tempDataDir();
    const out = join(dataDir, "..", "report.html");
    await ok(["init", "--weight", "70kg", "--tz", "Europe/London", "--data-dir", dataDir]);
    await ok(["log", "substance", "alcohol", "2units", "--data-dir", dataDir]);
    await ok(["log", "dose", "7mg", "--substance", "ketamine", "--data-dir", dataDir]);
    await ok([
      "log",
      "checkin",
      "--mood",
      "5",
      "--note",
      "a burning pain when I pee",
      "--data-dir",
      dataDir,
    ]);

    await ok(["report", "--out", out, "--data-dir", dataDir]);
    const whole = readFileSync(out, "utf8");
    assert.match(whole, /Dangerous combination: ketamine with alcohol/u);
    assert.match(whole, /burning pain/u);

    await ok([
      "report",
      "--out",
      out,
      "--force",
      "--exclude",
      "other-substances,notes",
      "--data-dir",
      dataDir,
    ]);
    const html = readFileSync(out, "utf8");
    assert.doesNotMatch(html, /alcohol|2units|2 units/iu);
    assert.doesNotMatch(html, /burning|pee/iu);
    assert.doesNotMatch(html, /Dangerous combination/u);
    assert.match(
      html,
      /Left out at the person&#39;s request: Other substances, Notes and free text/u,
    );
    assert.match(
      html,
      /Findings about what was left out \(Other substances, Notes and free text\) are left out with it/u,
    );
    // The dose itself, and its section, are still there.
    assert.match(html, /<section id="doses">[\s\S]*7 mg/u);
  });
});
