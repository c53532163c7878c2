/**
 * The journal from the terminal, end to end: a person keeps their whole journal with the
 * real `titrate` command and sees the right findings at the moment they log.
 */
import assert from "node:assert/strict";
import { statSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { Temporal } from "temporal-polyfill";
import { runCli, runJson } from "./helpers/cli.ts";
import { dumpDatabase, removeTempDirs, tempDataDir } from "./helpers/data-dir.ts";

after(removeTempDirs);

interface Finding {
  ruleId: string;
  severity: string;
  detail: string;
  key: string;
}
interface Logged {
  record: { id: string; at: string; amount?: number };
  findings: Finding[];
  active: Finding[];
}

/** Local "YYYY-MM-DD HH:MM" in Europe/London, `days` before now at `time`. */
function daysAgo(days: number, time = "09:00"): string {
  const date = Temporal.Now.zonedDateTimeISO("Europe/London").toPlainDate().subtract({ days });
  return `${date.toString()} ${time}`;
}

describe("a journal kept from the terminal", () => {
  const dataDir = tempDataDir();
  const env = { TITRATE_DATA_DIR: dataDir };
  const cli = (args: string[]) => runCli(args, { env });
  const json = <T = Record<string, unknown>>(args: string[]) => runJson<T>(args, { env });

  before(async () => {
    const init = await cli([
      "init",
      "--weight",
      "70kg",
      "--tz",
      "Europe/London",
      "--country",
      "GB",
    ]);
    assert.equal(init.code, 0, init.stderr);
  });

  test("the data directory is owner-only and the file 0600", () => {
    assert.equal(statSync(dataDir).mode & 0o777, 0o700);
    assert.equal(statSync(join(dataDir, "titrate.db")).mode & 0o777, 0o600);
  });

  test("init twice is refused and changes nothing", async () => {
    const before = dumpDatabase(dataDir);
    const again = await cli(["init", "--weight", "80kg", "--tz", "Europe/London"]);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /ALREADY_INITIALISED/);
    assert.equal(dumpDatabase(dataDir), before);
  });

  test("a batch with a spray volume turns sprays into mg, and an untested batch is flagged", async () => {
    await json([
      "batch",
      "add",
      "--substance",
      "ketamine",
      "--form",
      "spray",
      "--concentration",
      "50mg/ml",
      "--spray-volume",
      "0.1ml",
      "--label",
      "spray A",
    ]);
    const logged = await json<Logged & { activeAmount: number | null }>([
      "log",
      "dose",
      "--sprays",
      "1",
      "--batch",
      "spray A",
      "--at",
      daysAgo(20),
    ]);
    assert.equal(logged.record.amount, 5);
    assert.ok(
      logged.findings.some((f) => f.ruleId === "untested-batch"),
      JSON.stringify(logged.findings),
    );
    assert.ok(logged.findings.some((f) => f.ruleId === "dosing-day"));
  });

  test("a reagent test that does not match gives a danger; one that matches is recorded", async () => {
    const mismatch = await json<{ test: { verdict: string } }>([
      "batch",
      "test",
      "spray A",
      "--reagent",
      "mandelin",
      "--result",
      "dark purple",
    ]);
    assert.equal(mismatch.test.verdict, "mismatch");
    const check = await json<{ active: Finding[] }>(["check"]);
    assert.ok(check.active.some((f) => f.ruleId === "reagent-mismatch" && f.severity === "danger"));
    const match = await json<{ test: { verdict: string } }>([
      "batch",
      "test",
      "spray A",
      "--reagent",
      "morris",
      "--result",
      "purple precipitate",
    ]);
    assert.equal(match.test.verdict, "match");
  });

  test("a dose 3 days after the last one is recorded with a min-interval warning naming the minimum", async () => {
    await json(["log", "dose", "7mg", "--substance", "ketamine", "--at", daysAgo(14)]);
    const soon = await json<Logged>([
      "log",
      "dose",
      "7mg",
      "--substance",
      "ketamine",
      "--at",
      daysAgo(11),
    ]);
    const finding = soon.findings.find((f) => f.ruleId === "min-interval");
    assert.ok(finding, JSON.stringify(soon.findings));
    assert.match(finding.detail, /3 days since your last dose/);
    assert.match(finding.detail, /needs at least 5/);
    const human = await cli(["journal", "--since", "30d", "--type", "dose"]);
    assert.match(human.stdout, /7\.0 mg ketamine/);
  });

  test("a dose above the ceiling is recorded, never refused, and gets a finding", async () => {
    const high = await json<Logged>([
      "log",
      "dose",
      "20mg",
      "--substance",
      "ketamine",
      "--at",
      daysAgo(4),
    ]);
    assert.equal(high.record.amount, 20);
    assert.ok(high.findings.some((f) => f.ruleId === "above-ceiling"));
  });

  test("tramadol two hours before a ketamine dose gives the combination finding", async () => {
    await json(["log", "substance", "tramadol", "50mg", "--at", daysAgo(2, "07:00")]);
    const dose = await json<Logged>([
      "log",
      "dose",
      "7mg",
      "--substance",
      "ketamine",
      "--at",
      daysAgo(2, "09:00"),
    ]);
    const combination = dose.findings.find((f) => f.ruleId === "combination");
    assert.ok(combination, JSON.stringify(dose.findings));
    assert.equal(combination.severity, "danger");
  });

  test("without a danger about it, next says when the next dose may be", async () => {
    const nextText = await cli(["next"]);
    assert.match(
      nextText.stdout,
      /^Ketamine: last dose \d{4}-\d\d-\d\d \d\d:\d\d; not before \d{4}-\d\d-\d\d \d\d:\d\d \(Europe\/London; at least 5 days apart, FACTS K-DOSE-2/mu,
      nextText.stdout,
    );
  });

  test("a bladder sign is a danger at once, and shows in next and check", async () => {
    const report = await json<Logged>(["log", "symptom", "bladder", "painful", "frequent"]);
    assert.ok(report.findings.some((f) => f.ruleId === "bladder-signs" && f.severity === "danger"));
    const next = await json<{ advisedNotToDose: boolean }>(["next"]);
    assert.equal(next.advisedNotToDose, true);
    const nextText = await cli(["next"]);
    // No next ketamine dose is proposed while bladder signs say to stop ketamine (K-BLAD-1),
    // as the web app's Today does.
    assert.match(
      nextText.stdout,
      /^Ketamine: last dose \d{4}-\d\d-\d\d \d\d:\d\d; no next dose while the danger above advises against it\.$/mu,
      nextText.stdout,
    );
    assert.doesNotMatch(nextText.stdout, /not before/u);
    const human = await cli(["check"]);
    assert.match(human.stdout, /^DANGER/m);
  });

  test("blood pressure above 140/90 before a dose is flagged", async () => {
    await json(["log", "bp", "150/95"]);
    const dose = await json<Logged>(["log", "dose", "7mg", "--substance", "ketamine"]);
    assert.ok(
      dose.findings.some((f) => f.ruleId === "blood-pressure"),
      JSON.stringify(dose.findings.map((f) => f.ruleId)),
    );
  });

  test("a check-in with ratings, and one out of range refused without a change", async () => {
    const ok = await json<Logged & { record: { mood: number } }>([
      "log",
      "checkin",
      "--mood",
      "7",
      "--energy",
      "6",
      "--after-effects",
      "slight headache",
    ]);
    assert.equal(ok.record.mood, 7);
    const before = dumpDatabase(dataDir);
    const bad = await cli(["log", "checkin", "--mood", "11"]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /mood: must be at most 10/);
    assert.equal(dumpDatabase(dataDir), before);
  });

  test("every bad-input path exits 2 and leaves the journal as it was", async () => {
    const before = dumpDatabase(dataDir);
    const cases: string[][] = [
      ["log", "dose", "7", "--substance", "ketamine"],
      ["log", "dose", "7mg", "--substance", "caffeine"],
      ["log", "dose", "7mg", "--substance", "ketamine", "--route", "smoked"],
      ["log", "dose", "7mg", "--substance", "ketamine", "--at", "2099-01-01 09:00"],
      ["log", "dose", "7mg", "--substance", "ketamine", "--at", "yesterday-ish"],
      ["log", "dose", "--volume", "0.7ml", "--substance", "ketamine"],
      ["log", "dose", "7mg", "--batch", "no such batch"],
      ["log", "symptom", "bladder", "sneezing"],
      ["log", "symptom", "elbow", "pain"],
      ["log", "bp", "85/135"],
      ["log", "bp", "high"],
      ["log", "checkin", "--mood", "seven"],
      ["log", "dose", "7mg", "--substance", "ketamine", "--at", "1990-01-01 09:00"],
      ["log", "dose", "1.000mg", "--substance", "ketamine"],
      ["log", "substance", "ketamine", "5mg"],
      ["log", "substance", "Ketamine (K)"],
      [
        "plan",
        "create",
        "--substance",
        "ketamine",
        "--every",
        "3d",
        "--start",
        "2026-01-01",
        "--time",
        "09:00",
        "--count",
        "3",
      ],
      ["profile", "set", "--weight", "12kg"],
      ["profile", "conditions", "--add", "broken-leg"],
      ["edit", "dos_nothere00000", "--amount", "5mg"],
      ["delete", "xyz_123"],
      ["batch", "add", "--substance", "ketamine", "--label", "spray A"],
    ];
    for (const args of cases) {
      const result = await cli(args);
      assert.equal(result.code, 2, `${args.join(" ")}: ${result.stderr}`);
      assert.match(result.stderr, /^error [A-Z_]+: /, args.join(" "));
      assert.doesNotMatch(result.stderr, /\n\s+at /, `no stack trace for ${args.join(" ")}`);
    }
    assert.equal(dumpDatabase(dataDir), before);
  });

  test("a catalog substance logged as another substance is refused, pointing to log dose", async () => {
    const result = await cli(["log", "substance", "esketamine", "5mg"]);
    assert.equal(result.code, 2, result.stderr);
    assert.match(
      result.stderr,
      /^error OTHER_SUBSTANCE_IN_CATALOG: name: "esketamine" is ketamine/u,
    );
    assert.match(
      result.stderr,
      /log it as a dose \(titrate log dose <amount> --substance ketamine/u,
    );
  });

  test("a plan is created, listed, followed by next, moved and ended", async () => {
    const start = Temporal.Now.zonedDateTimeISO("Europe/London")
      .toPlainDate()
      .add({ days: 1 })
      .toString();
    const created = await json<{ plan: { id: string; target: { amount: number } } }>([
      "plan",
      "create",
      "--substance",
      "ketamine",
      "--every",
      "7d",
      "--start",
      start,
      "--time",
      "09:00",
      "--count",
      "8",
    ]);
    assert.equal(created.plan.target.amount, 7, "the start dose from the profile's 70 kg");
    const next = await json<{ plans: { next: { date: string } }[] }>(["next"]);
    assert.ok(next.plans[0]?.next.date, "a next dose");
    const moved = await json<{ plan: { timeZone: string } }>([
      "plan",
      "move-zone",
      created.plan.id,
      "--tz",
      "America/New_York",
    ]);
    assert.equal(moved.plan.timeZone, "America/New_York");
    const list = await json<{ plans: { isActive: boolean }[] }>(["plan", "list"]);
    assert.equal(list.plans[0]?.isActive, true);
    const text = await cli(["plan", "list"]);
    assert.match(
      text.stdout,
      /adherence: \d+ on time, \d+ late, \d+ missed, \d+ skipped, \d+ extra/u,
    );
    // Times are the plan's local ones, with its zone.
    assert.match(text.stdout, /^ {2}next: \d{4}-\d\d-\d\d 09:00 \(America\/New_York\)/mu);
    const second = await cli([
      "plan",
      "create",
      "--substance",
      "ketamine",
      "--every",
      "7d",
      "--start",
      start,
      "--time",
      "10:00",
      "--count",
      "2",
      "--accept-risk",
    ]);
    assert.equal(second.code, 2, "one active plan per substance");
    assert.match(
      second.stderr,
      new RegExp(`^error PLAN_OVERLAPS: .*${created.plan.id}.*titrate plan end`, "u"),
    );
    await json(["plan", "end", created.plan.id]);
    const ended = await json<{ plans: { isActive: boolean }[] }>(["plan", "list"]);
    assert.equal(ended.plans[0]?.isActive, false);
    const endedText = await cli(["plan", "list"]);
    assert.match(
      endedText.stdout,
      /\[ended \d{4}-\d\d-\d\d \d\d:\d\d \(America\/New_York\)\]/u,
      endedText.stdout,
    );
    const movedEnded = await cli(["plan", "move-zone", created.plan.id, "--tz", "Europe/London"]);
    assert.equal(movedEnded.code, 2);
    assert.match(
      movedEnded.stderr,
      /^error PLAN_ENDED: plan: pln_\w+ ended on \d{4}-\d\d-\d\d \d\d:\d\d \(America\/New_York\);/u,
    );
  });

  test("--at without an offset is read in the profile's zone", async () => {
    const logged = await json<Logged>([
      "log",
      "substance",
      "alcohol",
      "1unit",
      "--at",
      "2026-07-01 20:00",
    ]);
    assert.equal(logged.record.at, "2026-07-01T19:00:00Z");
    const utc = await json<Logged>([
      "log",
      "substance",
      "alcohol",
      "1unit",
      "--at",
      "2026-07-02T20:00:00Z",
    ]);
    assert.equal(utc.record.at, "2026-07-02T20:00:00Z");
  });

  test("a wrong entry is edited and deleted; delete asks unless --yes", async () => {
    const logged = await json<Logged>([
      "log",
      "dose",
      "7mg",
      "--substance",
      "ketamine",
      "--at",
      daysAgo(30),
    ]);
    const edited = await json<Logged>(["edit", logged.record.id, "--amount", "6mg"]);
    assert.equal(edited.record.amount, 6);
    const refused = await cli(["delete", logged.record.id]);
    assert.equal(refused.code, 2, "no TTY and no --yes");
    assert.match(refused.stderr, /CONFIRMATION_REQUIRED/);
    // The entry is named by its local time and zone, as it was logged, never in UTC.
    assert.ok(
      refused.stderr.includes(
        `deleting the dose ${logged.record.id} of ${daysAgo(30)} (Europe/London) needs confirmation`,
      ),
      refused.stderr,
    );
    assert.doesNotMatch(refused.stderr, /\d{4}-\d\d-\d\dT\d\d:\d\d/u);
    const deleted = await cli(["delete", logged.record.id, "--yes"]);
    assert.equal(deleted.code, 0, deleted.stderr);
    const gone = await cli(["edit", logged.record.id, "--amount", "5mg"]);
    assert.equal(gone.code, 2);
    assert.match(gone.stderr, /NOT_FOUND/);
  });

  test("acknowledging a warning moves it aside; a danger stays listed", async () => {
    const { active } = await json<{ active: Finding[] }>(["check"]);
    const warning = active.find((f) => f.severity === "warning");
    const danger = active.find((f) => f.severity === "danger");
    assert.ok(warning && danger);
    await json(["check", "--ack", warning.key]);
    await json(["check", "--ack", danger.key]);
    const after = await json<{ active: Finding[]; acknowledged: Finding[] }>(["check"]);
    assert.ok(!after.active.some((f) => f.key === warning.key));
    assert.ok(after.acknowledged.some((f) => f.key === warning.key));
    assert.ok(
      after.active.some((f) => f.key === danger.key),
      "a danger is never hidden",
    );
  });

  test("medications count against every dose", async () => {
    const known = await cli(["profile", "meds", "add", "diphenhydramine"]);
    assert.match(
      known.stdout,
      /^Recorded diphenhydramine; every dose is checked against it: with ketamine \(dangerous: sedating antihistamines\)/u,
    );
    const unknown = await cli(["profile", "meds", "add", "xyzzy"]);
    assert.match(
      unknown.stdout,
      /^Recorded xyzzy\. Titrate knows no combination for it with .*that is not a sign it is safe: ask a pharmacist\./u,
    );
    await json(["profile", "meds", "end", "xyzzy"]);
    const dose = await json<Logged>(["log", "dose", "7mg", "--substance", "ketamine"]);
    assert.ok(
      dose.findings.some((f) => f.ruleId === "combination"),
      JSON.stringify(dose.findings.map((f) => f.ruleId)),
    );
  });

  test("screen ask shows the profile's own crisis numbers at once and saves the result", async () => {
    const result = await runCli(["screen", "ask", "phq9"], {
      env,
      input: "0\n0\n0\n0\n0\n0\n0\n0\n2\n",
    });
    assert.equal(result.code, 0, result.stderr);
    const crisisAt = result.stdout.indexOf("999");
    assert.ok(crisisAt > 0, "the UK emergency number from the profile's country");
    assert.ok(
      crisisAt < result.stdout.indexOf("PHQ-9: 2 of 27"),
      "crisis resources before the score",
    );
    assert.match(result.stdout, /Saved in your journal \(scr_/);
    const check = await json<{ active: Finding[] }>(["check"]);
    assert.ok(
      check.active.some((f) => f.ruleId === "self-harm-thoughts" && f.severity === "danger"),
    );
  });

  test("screen score --json with item 9 above 0 shows the profile's own crisis numbers, as screen ask does", async () => {
    const result = await cli([
      "screen",
      "score",
      "phq9",
      "--answers",
      "0,0,0,0,0,0,0,0,1",
      "--json",
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /999/u, "the UK number from the profile's country, on stderr");
    assert.doesNotMatch(result.stderr, /911/u, "not the international default's list");
    assert.equal(JSON.parse(result.stdout).crisis, true);
    const elsewhere = await cli([
      "screen",
      "score",
      "phq9",
      "--answers",
      "0,0,0,0,0,0,0,0,1",
      "--country",
      "US",
    ]);
    assert.match(elsewhere.stdout, /911/u, "--country still wins");
  });

  test("commands on an empty data directory say to run init", async () => {
    const empty = tempDataDir();
    const result = await runCli(["log", "dose", "7mg", "--substance", "ketamine"], {
      env: { TITRATE_DATA_DIR: empty },
    });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /STORE_NOT_INITIALISED: .*titrate init/);
  });
});
