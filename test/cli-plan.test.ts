import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, test } from "node:test";
import ICAL from "ical.js";
import { Temporal } from "temporal-polyfill";
import { runCli, runJson } from "./helpers/cli.ts";

interface PreviewJson {
  occurrences: { date: string; localTime: string; at: string }[];
  warnings: string[];
}

const issueExample = [
  "plan",
  "preview",
  "--substance",
  "ketamine",
  "--every",
  "7d",
  "--start",
  "2026-03-22",
  "--time",
  "09:00",
  "--tz",
  "Europe/London",
  "--count",
  "3",
];

/** `titrate plan <sub>` with a plan that starts on 2026-03-22 at 09:00, plus `args`. */
function plan(sub: "preview" | "ics", ...args: string[]): string[] {
  return ["plan", sub, "--start", "2026-03-22", "--time", "09:00", ...args];
}

describe("titrate plan preview", () => {
  test("the issue's example gives exactly the issue's JSON", async () => {
    const out = await runJson<PreviewJson>(issueExample);
    assert.deepEqual(out, {
      occurrences: [
        { date: "2026-03-22", localTime: "09:00", at: "2026-03-22T09:00:00Z" },
        { date: "2026-03-29", localTime: "09:00", at: "2026-03-29T08:00:00Z" },
        { date: "2026-04-05", localTime: "09:00", at: "2026-04-05T08:00:00Z" },
      ],
      // Every date of the issue's example is past now: the preview says so.
      warnings: [
        "All 3 planned doses are already in the past (the plan starts on 2026-03-22): they count as missed unless you logged them. Start today or later for a plan to follow.",
      ],
    });
  });

  test("a plan of one dose is said in the singular", async () => {
    const result = await runCli(issueExample.map((a) => (a === "3" ? "1" : a)));
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^ {2}1 dose$/mu);
    assert.match(result.stdout, /The one planned dose is already in the past/u);
    assert.doesNotMatch(result.stdout, /\b1 doses\b|All 1 /u);
  });

  test("a ketamine target without a weight is refused: the ceiling cannot be checked", async () => {
    const result = await runCli([...issueExample, "--target", "7mg"]);
    assert.equal(result.code, 2);
    assert.match(
      result.stderr,
      /^error WEIGHT_REQUIRED: --weight: Ketamine is dosed by body weight, and without your weight Titrate cannot check the target against your ceiling of 0\.2 mg\/kg \(FACTS K-DOSE-1\)/u,
    );
    const withWeight = await runJson<PreviewJson>([
      ...issueExample,
      "--target",
      "7mg",
      "--weight",
      "70kg",
    ]);
    assert.equal(withWeight.occurrences.length, 3);
  });

  test("a plan starting in the past says how many doses are already past", async () => {
    // Weekly from 15 days ago: 15, 8 and 1 day ago are past, 6 days ahead is not.
    const start = Temporal.Now.plainDateISO("UTC").subtract({ days: 15 }).toString();
    const out = await runJson<PreviewJson>(
      ["plan", "preview", "--substance", "ketamine", "--tz", "UTC", "--count", "4"].concat([
        "--start",
        start,
        "--time",
        "12:00",
      ]),
    );
    assert.match(out.warnings.at(-1) ?? "", /^3 of the 4 planned doses are already in the past/u);
  });

  test("text output lists each day and time, the dose and the spacing rule", async () => {
    const result = await runCli([...issueExample.slice(0, -2), "--count", "5", "--weight", "70kg"]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^Ketamine plan: every 7 days/);
    assert.match(result.stdout, /dose +7\.0 mg \(the start dose\)/);
    assert.match(result.stdout, /at least 5 days between doses \(FACTS K-DOSE-2/);
    // Local times with the zone's offset that day (the clocks go forward on 2026-03-29), no UTC.
    assert.match(result.stdout, /time +09:00 in Europe\/London/);
    assert.match(result.stdout, /Sun 2026-03-22 {2}09:00 {2}UTC\+00:00/);
    assert.match(result.stdout, /Sun 2026-03-29 {2}09:00 {2}UTC\+01:00/);
    assert.doesNotMatch(result.stdout, /\d\dT\d\d:\d\d/);
    // 4 weeks on, 2 off by default: the fifth dose comes after the break.
    assert.match(result.stdout, /Sun 2026-05-03 {2}09:00/);
  });

  test("every protocol flag, a cycle and an end date", async () => {
    const dates = async (...args: string[]) =>
      (await runJson<PreviewJson>(plan("preview", "--tz", "UTC", ...args))).occurrences.map(
        (o) => o.date,
      );
    assert.deepEqual(await dates("--substance", "lsd", "--protocol", "fadiman", "--count", "3"), [
      "2026-03-22",
      "2026-03-25",
      "2026-03-28",
    ]);
    assert.deepEqual(
      await dates("--substance", "psilocybin", "--protocol", "stamets", "--count", "5"),
      ["2026-03-22", "2026-03-23", "2026-03-24", "2026-03-25", "2026-03-29"],
    );
    assert.deepEqual(
      await dates("--substance", "mushrooms", "--protocol", "every-other-day", "--count", "3"),
      ["2026-03-22", "2026-03-24", "2026-03-26"],
    );
    assert.deepEqual(await dates("--substance", "lsd", "--weekdays", "mon,thu", "--count", "3"), [
      "2026-03-23",
      "2026-03-26",
      "2026-03-30",
    ]);
    assert.deepEqual(await dates("--substance", "lsd", "--pattern", "1001000", "--count", "4"), [
      "2026-03-22",
      "2026-03-25",
      "2026-03-29",
      "2026-04-01",
    ]);
    assert.deepEqual(
      await dates(
        "--substance",
        "ketamine",
        "--every",
        "1w",
        "--cycle",
        "1w/1w",
        "--until",
        "2026-04-20",
      ),
      ["2026-03-22", "2026-04-05", "2026-04-19"],
    );
  });

  test("a dose inside the spring-forward gap in New York moves to 03:30 and says so", async () => {
    const out = await runJson<PreviewJson>([
      "plan",
      "preview",
      "--substance",
      "ketamine",
      "--start",
      "2026-03-08",
      "--time",
      "02:30",
      "--tz",
      "America/New_York",
      "--count",
      "2",
    ]);
    assert.deepEqual(out.occurrences, [
      { date: "2026-03-08", localTime: "03:30", at: "2026-03-08T07:30:00Z" },
      { date: "2026-03-15", localTime: "02:30", at: "2026-03-15T06:30:00Z" },
    ]);
    assert.equal(out.warnings.length, 2, "the gap, and both doses past");
    assert.match(out.warnings[0] ?? "", /02:30 does not exist in America\/New_York/);
  });

  test("a plan closer than ketamine's 5-day minimum is refused with exit 2 and the reason", async () => {
    for (const flags of [
      ["--every", "3d"],
      ["--protocol", "fadiman"],
      ["--weekdays", "mon,thu"],
    ]) {
      const result = await runCli(
        plan("preview", "--substance", "ketamine", ...flags, "--count", "4"),
      );
      assert.equal(result.code, 2, flags.join(" "));
      assert.equal(result.stdout, "");
      assert.match(
        result.stderr,
        /^error PLAN_INTERVAL_TOO_SHORT: --\w+: .*minimum is 5 days between doses \(FACTS K-DOSE-2, K-TOL-1\)/,
      );
    }
  });

  test("--accept-risk plans it and warns", async () => {
    const out = await runJson<PreviewJson>(
      plan("preview", "--substance", "ketamine", "--every", "3d", "--count", "2", "--accept-risk"),
    );
    assert.equal(out.occurrences.length, 2);
    assert.match(out.warnings[0] ?? "", /^Risk accepted: .*3 days apart.*minimum of 5 days/);
  });

  test("a target above the ceiling is refused, never lowered", async () => {
    const result = await runCli(
      plan(
        "preview",
        "--substance",
        "ketamine",
        "--count",
        "2",
        "--weight",
        "70kg",
        "--target",
        "20mg",
      ),
    );
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^error DOSE_ABOVE_CEILING: --target: .*14\.0 mg for 70 kg/);
  });

  test("bad flags name the flag, exit 2, and print no stack trace", async () => {
    const cases: [string[], string, string][] = [
      [["--every", "3x", "--count", "2"], "CLI_INVALID_OPTION", "--every"],
      [["--weekdays", "mon,funday", "--count", "2"], "CLI_INVALID_OPTION", "--weekdays"],
      [["--cycle", "4/2", "--count", "2"], "CLI_INVALID_OPTION", "--cycle"],
      [["--pattern", "1002", "--count", "2"], "VALIDATION_FAILED", "--pattern"],
      [["--count", "2", "--tz", "Mars/Olympus"], "TIME_ZONE_UNKNOWN", "--tz"],
      [["--count", "2", "--start", "2026-02-30"], "VALIDATION_FAILED", "--start"],
      [["--count", "2", "--time", "9am"], "VALIDATION_FAILED", "--time"],
      [["--count", "0"], "CLI_INVALID_OPTION", "--count"],
      [["--until", "2026-03-01"], "VALIDATION_FAILED", "--until"],
      [[], "CLI_MISSING_OPTION", "--count"],
      [["--count", "2", "--evry", "7d"], "CLI_UNKNOWN_OPTION", "--every"],
      [
        ["--count", "2", "--every", "7d", "--pattern", "1000000"],
        "CLI_INVALID_OPTION",
        "--pattern",
      ],
      [["--count", "2", "--substance", "caffeine"], "SUBSTANCE_UNKNOWN", "caffeine"],
    ];
    for (const [args, code, named] of cases) {
      const result = await runCli(plan("preview", "--substance", "lsd", "--tz", "UTC", ...args));
      const label = `${args.join(" ")}: ${result.stderr}`;
      assert.equal(result.code, 2, label);
      assert.match(result.stderr, new RegExp(`^error ${code}: `), label);
      assert.ok(result.stderr.includes(named), label);
      assert.doesNotMatch(result.stderr, /at .*\.ts:\d+/, "no stack trace");
    }
  });

  test("with --json, a refusal is the JSON error shape on stderr, naming the flag", async () => {
    const result = await runCli([
      ...issueExample.slice(0, 4),
      "--every",
      "2d",
      "--start",
      "x",
      "--json",
    ]);
    assert.equal(result.code, 2);
    const body = JSON.parse(result.stderr);
    assert.equal(body.error.code, "CLI_MISSING_OPTION");
    assert.deepEqual(
      body.error.fields.map((f: { path: string }) => f.path),
      ["time"],
    );
  });
});

describe("titrate plan ics", () => {
  const args = plan(
    "ics",
    "--substance",
    "ketamine",
    "--weight",
    "70kg",
    "--tz",
    "Europe/London",
    "--every",
    "7d",
    "--count",
    "10",
  );

  test("writes a calendar that ical.js reads back at the previewed instants", async () => {
    const result = await runCli(args);
    assert.equal(result.code, 0, result.stderr);
    const preview = await runJson<PreviewJson>(["plan", "preview", ...args.slice(2)]);
    ICAL.TimezoneService.reset();
    const calendar = new ICAL.Component(ICAL.parse(result.stdout));
    for (const zone of calendar.getAllSubcomponents("vtimezone"))
      ICAL.TimezoneService.register(zone);
    const events = calendar.getAllSubcomponents("vevent").map((c) => new ICAL.Event(c));
    assert.equal(events.length, 10);
    assert.deepEqual(
      events.map((e) =>
        new Date(e.startDate.toUnixTime() * 1000).toISOString().replace(".000", ""),
      ),
      preview.occurrences.map((o) => o.at),
    );
    assert.ok(events.every((e) => /Ketamine 7\.0 mg/.test(e.description)));
    assert.equal(new Set(events.map((e) => e.uid)).size, 10);
    assert.ok(result.stdout.includes("\r\nBEGIN:VALARM\r\n"));
  });

  test("the same plan exported twice keeps its UIDs", async () => {
    const uids = (text: string) => [...text.matchAll(/^UID:(.+)\r$/gmu)].map((m) => m[1]);
    const [a, b] = await Promise.all([runCli(args), runCli(args)]);
    assert.deepEqual(uids(a.stdout), uids(b.stdout));
  });

  test("warnings go to stderr; --json wraps the calendar with them", async () => {
    const risky = plan(
      "ics",
      "--substance",
      "ketamine",
      "--tz",
      "UTC",
      "--every",
      "4d",
      "--count",
      "2",
      "--accept-risk",
    );
    const result = await runCli(risky);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /^BEGIN:VCALENDAR\r\n/);
    assert.match(result.stderr, /^warning: Risk accepted/m);
    const out = await runJson<{ ics: string; events: number; warnings: string[] }>(risky);
    assert.equal(out.events, 2);
    assert.match(out.ics, /^BEGIN:VCALENDAR/);
    assert.equal(out.warnings.length, 2, "the risk, and both doses past");
  });

  test("a refused plan writes no calendar", async () => {
    const result = await runCli(
      plan("ics", "--substance", "ketamine", "--protocol", "stamets", "--count", "3"),
    );
    assert.equal(result.code, 2);
    assert.equal(result.stdout, "");
    assert.match(result.stderr, /^error PLAN_INTERVAL_TOO_SHORT/);
  });
});

describe("titrate plan, the command", () => {
  test("is listed in the help; without a subcommand it prints its commands and exits 2", async () => {
    assert.match((await runCli(["--help"])).stdout, /^ {2}plan +/m);
    const result = await runCli(["plan"]);
    assert.equal(result.code, 2);
    assert.match(result.stdout, /plan preview/);
    assert.match(result.stdout, /plan ics/);
  });

  test("loads no database, HTTP server, Kysely or Fastify", () => {
    const root = resolve(new URL("..", import.meta.url).pathname);
    const seen = new Set<string>();
    const queue = [join(root, "src/cli/commands/plan.ts")];
    while (queue.length > 0) {
      const file = queue.pop() as string;
      if (seen.has(file)) continue;
      seen.add(file);
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(
        /^\s*(?:import|export)\s(?!type\s)[^'"]*?from\s+"([^"]+)"/gmu,
      )) {
        const specifier = m[1] ?? "";
        assert.doesNotMatch(specifier, /kysely|fastify|sqlite|^pg$/u, relative(root, file));
        if (specifier.startsWith(".")) queue.push(resolve(dirname(file), specifier));
      }
    }
    const loaded = [...seen].map((f) => relative(root, f));
    assert.deepEqual(
      loaded.filter((f) => f.startsWith("src/store") || f.startsWith("src/server")),
      [],
    );
  });
});
