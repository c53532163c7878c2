import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { describe, test } from "node:test";
import { runCli, runJson } from "./helpers/cli.ts";

const noStack = /at .*\.ts:\d+/u;

describe("titrate screen score", () => {
  test("the issue's example: the JSON shape, total 11, moderate, crisis true", async () => {
    const result = await runCli([
      "screen",
      "score",
      "phq9",
      "--answers",
      "1,2,0,3,1,0,2,1,1",
      "--json",
    ]);
    assert.equal(result.code, 0);
    const out = JSON.parse(result.stdout);
    assert.deepEqual(Object.keys(out), [
      "instrument",
      "total",
      "band",
      "bandLabel",
      "crisis",
      "items",
    ]);
    assert.deepEqual(
      [out.instrument, out.total, out.band, out.bandLabel, out.crisis],
      ["phq9", 11, "moderate", "Moderate", true],
    );
    assert.equal(out.items.length, 9);
    assert.deepEqual(out.items[8], {
      number: 9,
      id: "self-harm",
      text: "Thoughts that you would be better off dead or of hurting yourself in some way",
      answer: 1,
      answerLabel: "Several days",
    });
  });

  const cases: [string, string, number, string][] = [
    ["gad7", "0,1,1,0,2,0,1", 5, "mild"],
    ["gad7", "3,3,3,3,3,0,0", 15, "severe"],
    ["phq2", "1,1", 2, "possible"],
    ["phq2", "0,1", 1, "negative"],
    ["gad2", "2,1", 3, "positive"],
    ["bladder", "0,0,1,0,0,0,0", 1, "warning-signs"],
    ["nasal", "0,0,0,0,0,0", 0, "no-signs"],
    ["dependence", "1,0,0,1,0", 2, "warning-signs"],
    ["kidney-liver", "0,0,1", 1, "warning-signs"],
    ["mental", "0,0,0,0", 0, "no-signs"],
  ];
  for (const [instrument, answers, total, band] of cases) {
    test(`${instrument} ${answers} → ${total}, ${band}`, async () => {
      const out = await runJson(["screen", "score", instrument, "--answers", answers]);
      assert.deepEqual(
        [out.instrument, out.total, out.band, out.crisis],
        [instrument, total, band, false],
      );
    });
  }

  test("a wrong number of answers exits 2 naming the field and the rule", async () => {
    const result = await runCli(["screen", "score", "phq9", "--answers", "1,2,0"]);
    assert.equal(result.code, 2);
    assert.equal(result.stdout, "");
    assert.match(
      result.stderr,
      /^error ANSWER_COUNT_WRONG: answers: the PHQ-9 has 9 items and needs 9 answers, one per item in order; got 3/u,
    );
    assert.doesNotMatch(result.stderr, noStack);
  });

  test("an answer outside the scale exits 2 naming answers.<index>, the item and the scale", async () => {
    const result = await runCli([
      "screen",
      "score",
      "gad7",
      "--answers",
      "0,0,0,4,0,0,0",
      "--json",
    ]);
    assert.equal(result.code, 2);
    const { error } = JSON.parse(result.stderr);
    assert.equal(error.code, "ANSWER_OUT_OF_SCALE");
    assert.equal(error.fields[0].path, "answers.3");
    assert.match(error.message, /item 4 \("Trouble relaxing"\).*0 = Not at all/u);
  });

  test("an unknown instrument, missing answers or a bad country exit 2", async () => {
    const unknown = await runCli(["screen", "score", "beck", "--answers", "1"]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /^error INSTRUMENT_UNKNOWN: instrument: "beck"/u);
    const missing = await runCli(["screen", "score", "phq9"]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /CLI_MISSING_OPTION: --answers is required/u);
    const country = await runCli([
      "screen",
      "score",
      "phq2",
      "--answers",
      "0,0",
      "--country",
      "Britain",
    ]);
    assert.equal(country.code, 2);
    assert.match(country.stderr, /CLI_INVALID_OPTION: country:/u);
    const none = await runCli(["screen", "score"]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /CLI_MISSING_OPTION: instrument:/u);
  });
});

describe("the crisis path, end to end", () => {
  const crisisAnswers = "0,0,0,0,0,0,0,0,1";

  test("score: the crisis resources come first, before the score, with the country's numbers", async () => {
    const result = await runCli([
      "screen",
      "score",
      "phq9",
      "--answers",
      crisisAnswers,
      "--country",
      "GB",
    ]);
    assert.equal(result.code, 0);
    const crisisAt = result.stdout.indexOf("PLEASE READ THIS FIRST");
    const scoreAt = result.stdout.indexOf("PHQ-9: 1 of 27");
    assert.ok(crisisAt >= 0 && crisisAt < scoreAt, result.stdout);
    assert.equal(
      result.stdout.slice(0, crisisAt).trim().replace(/═/gu, ""),
      "",
      "nothing before it",
    );
    assert.match(result.stdout, /call 999 \(112 also works\) now/u);
    assert.match(result.stdout, /Samaritans: call 116 123/u);
    assert.match(result.stdout, /https:\/\/findahelpline\.com/u);
  });

  test("score --json: the resources go to stderr, stdout stays JSON with crisis true", async () => {
    const result = await runCli([
      "screen",
      "score",
      "phq9",
      "--answers",
      crisisAnswers,
      "--json",
      "--country",
      "US",
    ]);
    assert.equal(result.code, 0);
    assert.equal(JSON.parse(result.stdout).crisis, true);
    assert.match(result.stderr, /PLEASE READ THIS FIRST[\s\S]*call 911 now[\s\S]*call 988/u);
  });

  test("without a country: the international default names the common numbers and findahelpline.com", async () => {
    const result = await runCli(["screen", "score", "phq9", "--answers", crisisAnswers]);
    assert.match(
      result.stdout,
      /112 in the EU, 999 in the UK, 911 in North America, 000 in Australia/u,
    );
    assert.match(result.stdout, /findahelpline\.com/u);
    assert.match(result.stdout, /Set your country/u);
  });

  test("ask, piped: the resources appear right after item 9 is answered, before the score", async () => {
    const result = await runCli(["screen", "ask", "phq9", "--country", "GB"], {
      input: "1\n1\n0\n0\n0\n0\n0\n0\n2\n",
    });
    assert.equal(result.code, 0);
    const item9 = result.stdout.indexOf("9/9");
    const crisisAt = result.stdout.indexOf("PLEASE READ THIS FIRST");
    const scoreAt = result.stdout.indexOf("PHQ-9: 4 of 27 — Minimal");
    assert.ok(item9 >= 0 && item9 < crisisAt && crisisAt < scoreAt, result.stdout);
    assert.match(result.stdout.slice(crisisAt, scoreAt), /call 999/u);
    assert.match(
      result.stdout.slice(scoreAt),
      /In danger now\? Call 999/u,
      "and again after the score",
    );
  });

  test("ask --json, piped: questions and resources on stderr, the result alone on stdout", async () => {
    const result = await runCli(["screen", "ask", "phq9", "--json"], {
      input: "0\n0\n0\n0\n0\n0\n0\n0\n3\n",
    });
    assert.equal(result.code, 0);
    const out = JSON.parse(result.stdout);
    assert.deepEqual([out.total, out.band, out.crisis], [3, "minimal", true]);
    assert.match(result.stderr, /9\/9[\s\S]*PLEASE READ THIS FIRST/u);
  });

  test("no crisis: no crisis block, but a line on where to find help (a 0 is no reassurance)", async () => {
    const result = await runCli(["screen", "ask", "phq9", "--country", "IE"], {
      input: "0\n0\n0\n0\n0\n0\n0\n0\n0\n",
    });
    assert.equal(result.code, 0);
    assert.doesNotMatch(result.stdout, /PLEASE READ THIS FIRST/u);
    assert.match(
      result.stdout,
      /If you ever feel unsafe or think of harming yourself: call 112, or Samaritans/u,
    );
  });
});

describe("titrate screen ask", () => {
  test("a checklist takes y / n and explains a warning sign", async () => {
    const result = await runCli(["screen", "ask", "bladder"], { input: "n\nn\nn\ny\nno\nn\nn\n" });
    assert.equal(result.code, 0);
    assert.match(result.stdout, /Bladder checklist: 1 warning sign/u);
    assert.match(result.stdout, /Stop taking ketamine and see a doctor/u);
  });

  test("a positive PHQ-2 points to the PHQ-9", async () => {
    const result = await runCli(["screen", "ask", "phq2"], { input: "2\n1\n" });
    assert.match(result.stdout, /Next: titrate screen ask phq9/u);
  });

  test("piped input that ends early exits 2; an answer off the scale exits 2; nothing is guessed", async () => {
    const early = await runCli(["screen", "ask", "phq9"], { input: "1\n2\n" });
    assert.equal(early.code, 2);
    assert.match(
      early.stderr,
      /ANSWER_COUNT_WRONG: answers: the input ended after 2 of 9 answers/u,
    );
    const bad = await runCli(["screen", "ask", "gad2"], { input: "1\nsometimes\n" });
    assert.equal(bad.code, 2);
    assert.match(
      bad.stderr,
      /ANSWER_OUT_OF_SCALE: answers\.1: "sometimes" is not on the GAD-2 scale/u,
    );
    assert.doesNotMatch(bad.stderr, noStack);
  });
});

describe("titrate screen list and help", () => {
  test("lists every instrument with its items", async () => {
    const list = await runJson<{ id: string; items: unknown[] }[]>(["screen", "list"]);
    assert.deepEqual(
      list.map((i) => i.id),
      ["phq9", "gad7", "phq2", "gad2", "bladder", "nasal", "kidney-liver", "mental", "dependence"],
    );
    assert.equal(list[0]?.items.length, 9);
  });

  test("`titrate screen` shows the group help; the top-level help lists it", async () => {
    const group = await runCli(["screen"]);
    assert.equal(group.code, 2);
    assert.match(group.stdout, /titrate screen ask[\s\S]*titrate screen score|screen ask/u);
    const top = await runCli(["--help"]);
    assert.match(top.stdout, /\n {2}screen +Questionnaires/u);
  });
});

test("`titrate screen` loads no journal, database or server: the crisis path cannot fail on them", () => {
  const root = resolve(new URL("..", import.meta.url).pathname);
  const seen = new Set<string>();
  const packages = new Set<string>();
  const queue = [resolve(root, "src/cli/commands/screen.ts")];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+"([^"]+)"/gmu)) {
      const specifier = m[1] ?? "";
      if (specifier.startsWith(".")) queue.push(resolve(dirname(file), specifier));
      else packages.add(specifier);
    }
  }
  const loaded = [...seen].map((f) => relative(root, f));
  assert.deepEqual(
    loaded.filter((f) => /^src\/(store|server)\//u.test(f) || f.includes("journal-context")),
    [],
  );
  assert.deepEqual(
    [...packages].filter((p) => /kysely|fastify|sqlite|^pg$/u.test(p)),
    [],
  );
});
