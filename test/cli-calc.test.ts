import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { describe, test } from "node:test";
import { runCli, runJson } from "./helpers/cli.ts";

const ESC = new RegExp(String.fromCharCode(27));

describe("titrate calc dose", () => {
  test("70 kg ketamine: the JSON shape of the issue, start 7 and ceiling 14", async () => {
    const out = await runJson(["calc", "dose", "--substance", "ketamine", "--weight", "70kg"]);
    assert.deepEqual(Object.keys(out).sort(), [
      "absorbed",
      "ceiling",
      "notes",
      "route",
      "sources",
      "start",
      "substance",
      "target",
      "unit",
      "weightKg",
    ]);
    assert.equal(out.substance, "ketamine");
    assert.equal(out.unit, "mg");
    assert.equal(out.weightKg, 70);
    assert.equal(out.start, 7);
    assert.equal(out.ceiling, 14);
    assert.equal(out.target, 7);
    assert.ok((out.sources as string[]).includes("K-DOSE-1"));
  });

  test("154 lb with a 0.15 mg/kg target by nasal spray", async () => {
    const out = await runJson([
      "calc",
      "dose",
      "--substance",
      "ketamine",
      "--weight",
      "154lb",
      "--target",
      "0.15mg/kg",
      "--route",
      "nasal",
    ]);
    assert.deepEqual(
      [out.weightKg, out.start, out.ceiling, out.target, out.route],
      [69.853, 6.9, 13.9, 10.4, "nasal"],
    );
  });

  test("a target above the ceiling exits 2 and names the ceiling", async () => {
    const result = await runCli([
      "calc",
      "dose",
      "--substance",
      "ketamine",
      "--weight",
      "70kg",
      "--target",
      "0.3mg/kg",
    ]);
    assert.equal(result.code, 2);
    assert.equal(result.stdout, "");
    assert.match(
      result.stderr,
      /^error DOSE_ABOVE_CEILING: target: .*0\.2 mg\/kg \(14\.0 mg for 70 kg\)/,
    );
    assert.doesNotMatch(result.stderr, /at .*\.ts:\d+/, "no stack trace");
  });

  test("with --json, an error is the JSON error shape on stderr", async () => {
    const result = await runCli([
      "calc",
      "dose",
      "--substance",
      "ketamine",
      "--weight",
      "70",
      "--json",
    ]);
    assert.equal(result.code, 2);
    const body = JSON.parse(result.stderr);
    assert.equal(body.error.code, "UNIT_MISSING");
    assert.deepEqual(
      body.error.fields.map((f: { path: string }) => f.path),
      ["weight"],
    );
  });

  test("every refusal path exits 2 with its code", async () => {
    const cases: [string[], string][] = [
      [["--substance", "ketamine"], "WEIGHT_REQUIRED"],
      [["--substance", "ketamine", "--weight", "20kg"], "QUANTITY_IMPLAUSIBLE"],
      [["--substance", "ketamine", "--weight=-70kg"], "QUANTITY_NOT_POSITIVE"],
      [["--substance", "ketamine", "--weight", "70 stone"], "UNIT_UNKNOWN"],
      [["--substance", "ketamine", "--weight", "70kg", "--target", "7ml"], "UNIT_WRONG_KIND"],
      [["--substance", "ketamine", "--weight", "70kg", "--route", "smoked"], "ROUTE_UNKNOWN"],
      [["--substance", "caffeine"], "SUBSTANCE_UNKNOWN"],
      [["--weight", "70kg"], "CLI_MISSING_OPTION"],
      [["--substance", "lsd", "--target", "25ug"], "DOSE_ABOVE_CEILING"],
    ];
    for (const [args, code] of cases) {
      const result = await runCli(["calc", "dose", ...args]);
      assert.equal(result.code, 2, args.join(" "));
      assert.match(
        result.stderr,
        new RegExp(`^error ${code}:`),
        `${args.join(" ")}: ${result.stderr}`,
      );
    }
  });

  test("human output names start, ceiling and target and one line on measuring", async () => {
    const result = await runCli(["calc", "dose", "--substance", "ketamine", "--weight", "70kg"]);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /start +7\.0 mg/);
    assert.match(result.stdout, /ceiling +14\.0 mg/);
    assert.match(result.stdout, /^Measure: /m);
    assert.doesNotMatch(
      result.stdout,
      ESC,
      "no colour when NO_COLOR is set and output is not a TTY",
    );
  });

  test("LSD and mushrooms with a weight: no per-kg figures, since they are not dosed by weight", async () => {
    for (const substance of ["lsd", "mushrooms", "psilocybin"]) {
      const result = await runCli(["calc", "dose", "--substance", substance, "--weight", "70kg"]);
      assert.equal(result.code, 0, result.stderr);
      assert.doesNotMatch(result.stdout, /\/kg/, substance);
      assert.doesNotMatch(result.stdout, /for 70 kg/, substance);
      assert.match(result.stdout, /not dosed by body weight/, substance);
    }
    const ketamine = await runCli(["calc", "dose", "--substance", "ketamine", "--weight", "70kg"]);
    assert.match(ketamine.stdout, /ceiling +14\.0 mg +\(0\.200 mg\/kg\)/);
  });

  test("mushrooms give an estimated psilocybin range", async () => {
    const out = await runJson([
      "calc",
      "dose",
      "--substance",
      "magic mushrooms",
      "--target",
      "0.2g",
    ]);
    assert.equal(out.substance, "mushrooms");
    assert.deepEqual(out.psilocybinMgEstimate, { low: 0.2, high: 2 });
  });
});

describe("titrate calc solution", () => {
  test("100 mg in 10 ml for 7 mg doses", async () => {
    const out = await runJson([
      "calc",
      "solution",
      "--mass",
      "100mg",
      "--volume",
      "10ml",
      "--dose",
      "7mg",
    ]);
    assert.equal(out.concentrationMgPerMl, 10);
    assert.equal(out.doseVolumeMl, 0.7);
    assert.equal(out.relativeUncertainty, 0.010051);
    assert.equal(out.doses, 14);
    assert.equal(out.uncertaintyIsEstimate, true);
  });

  test("without mass and volume it proposes them", async () => {
    const out = await runJson(["calc", "solution", "--dose", "7mg"]);
    for (const key of [
      "concentrationMgPerMl",
      "doseVolumeMl",
      "relativeUncertainty",
      "doses",
      "massMg",
      "solventVolumeMl",
    ]) {
      assert.ok(key in out, key);
    }
    assert.equal(out.massMg, 50);
    assert.equal(out.solventVolumeMl, 5);
  });

  test("--scale-accuracy 2mg widens the estimate", async () => {
    const out = await runJson([
      "calc",
      "solution",
      "--mass",
      "100mg",
      "--volume",
      "10ml",
      "--dose",
      "7mg",
      "--scale-accuracy",
      "2mg",
    ]);
    assert.equal(out.relativeUncertainty, 0.021818);
  });

  test("an LSD tab dissolved in water", async () => {
    const out = await runJson([
      "calc",
      "solution",
      "--substance",
      "lsd",
      "--tab",
      "100ug",
      "--dose",
      "10ug",
    ]);
    assert.deepEqual([out.tabs, out.solventVolumeMl, out.doseVolumeMl], [1, 10, 1]);
  });

  test("refusals exit 2", async () => {
    const cases: [string[], string][] = [
      [["--mass", "100mg", "--dose", "7mg"], "SOLUTION_INCOMPLETE"],
      [["--mass", "5mg", "--volume", "10ml", "--dose", "0.5mg"], "MEASUREMENT_TOO_COARSE"],
      [
        ["--mass", "100mg", "--volume", "10ml", "--dose", "14mg", "--weight", "60kg"],
        "DOSE_ABOVE_CEILING",
      ],
      [["--dose", "70mg"], "DOSE_ABOVE_CEILING"],
      [["--mass", "1000mg", "--volume", "1ml", "--dose", "7mg"], "MEASUREMENT_TOO_COARSE"],
      [["--dose", "7"], "UNIT_MISSING"],
      // Dried mushroom does not dissolve: weigh it instead (FACTS P-DOSE-2).
      [["--substance", "mushrooms", "--dose", "0.1g"], "PREPARATION_IMPOSSIBLE"],
      [
        ["--substance", "mushrooms", "--mass", "1g", "--volume", "10ml", "--dose", "0.1g"],
        "PREPARATION_IMPOSSIBLE",
      ],
    ];
    for (const [args, code] of cases) {
      const result = await runCli(["calc", "solution", ...args]);
      assert.equal(result.code, 2, args.join(" "));
      assert.match(
        result.stderr,
        new RegExp(`^error ${code}:`),
        `${args.join(" ")}: ${result.stderr}`,
      );
    }
  });

  test("human output says the uncertainty is an estimate", async () => {
    const result = await runCli(["calc", "solution", "--dose", "7mg"]);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /uncertainty +±1\.6 % \(an estimate, FACTS MEAS-2\)/);
  });
});

describe("titrate calc spray", () => {
  test("50 mg/ml, 0.1 ml per spray, 14 mg", async () => {
    const out = await runJson([
      "calc",
      "spray",
      "--concentration",
      "50mg/ml",
      "--spray-volume",
      "0.1ml",
      "--dose",
      "14mg",
    ]);
    assert.equal(out.mgPerSpray, 5);
    assert.equal(out.sprays, 2);
    assert.equal(out.deliveredMg, 10);
    assert.deepEqual(out.alternatives, [
      { sprays: 1, concentrationMgPerMl: 140 },
      { sprays: 2, concentrationMgPerMl: 70 },
      { sprays: 3, concentrationMgPerMl: 46.6 },
      { sprays: 4, concentrationMgPerMl: 35 },
    ]);
  });

  test("--sprays-per-ml and --calibration", async () => {
    const perMl = await runJson([
      "calc",
      "spray",
      "--concentration",
      "50mg/ml",
      "--sprays-per-ml",
      "10",
      "--dose",
      "14mg",
    ]);
    assert.equal(perMl.mgPerSpray, 5);
    const calibrated = await runJson([
      "calc",
      "spray",
      "--concentration",
      "50mg/ml",
      "--calibration",
      "10:1.02g",
      "--dose",
      "14mg",
    ]);
    assert.equal(calibrated.mgPerSpray, 5.1);
  });

  test("a large shortfall is said in mg and %, with a verb that agrees", async () => {
    const result = await runCli([
      "calc",
      "spray",
      "--concentration",
      "100mg/ml",
      "--spray-volume",
      "0.1ml",
      "--dose",
      "14mg",
      "--weight",
      "70kg",
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /1 spray delivers 10 mg: 4 mg \(28 %\) under your dose of 14 mg/u);
    assert.doesNotMatch(result.stdout, /a little under/u);
  });

  test("refuses a pump above 0.5 ml a spray, over 20 sprays, LSD, and a calibration it cannot read", async () => {
    const cases: [string[], string, RegExp][] = [
      [["--spray-volume", "0.6ml", "--dose", "7mg"], "QUANTITY_IMPLAUSIBLE", /0\.5 ml/u],
      [["--sprays-per-ml", "1", "--dose", "7mg"], "QUANTITY_IMPLAUSIBLE", /0\.5 ml/u],
      [
        ["--concentration", "1mg/ml", "--spray-volume", "0.1ml", "--dose", "7mg"],
        "PREPARATION_IMPOSSIBLE",
        /70 sprays; Titrate plans at most 20/u,
      ],
      [
        ["--substance", "lsd", "--concentration", "0.1mg/ml", "--dose", "10ug"],
        "ROUTE_UNKNOWN",
        /LSD is not taken as a nasal spray/u,
      ],
      [["--calibration", "abc", "--dose", "7mg"], "CLI_INVALID_OPTION", /is not sprays:weight/u],
    ];
    for (const [args, code, message] of cases) {
      const withConcentration = args.includes("--concentration")
        ? args
        : ["--concentration", "50mg/ml", ...args];
      const result = await runCli(["calc", "spray", ...withConcentration]);
      assert.equal(result.code, 2, args.join(" "));
      assert.match(result.stderr, new RegExp(`^error ${code}: `, "u"), result.stderr);
      assert.match(result.stderr, message, result.stderr);
    }
  });

  test("refuses two ways of giving the pump volume", async () => {
    const result = await runCli([
      "calc",
      "spray",
      "--concentration",
      "50mg/ml",
      "--spray-volume",
      "0.1ml",
      "--sprays-per-ml",
      "10",
      "--dose",
      "14mg",
    ]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^error CLI_INVALID_OPTION/);
  });
});

describe("the titrate command", () => {
  test("--version prints the package version", async () => {
    const result = await runCli(["--version"]);
    assert.equal(result.code, 0);
    assert.equal(result.stdout.trim(), "0.1.0");
  });

  test("--help lists the commands; every command has help with examples", async () => {
    const top = await runCli(["--help"]);
    assert.equal(top.code, 0);
    assert.match(top.stdout, /calc/);
    for (const sub of ["dose", "solution", "spray"]) {
      const help = await runCli(["calc", sub, "--help"]);
      assert.equal(help.code, 0);
      assert.match(help.stdout, /Examples:\n {2}titrate calc/);
    }
    assert.match((await runCli(["calc", "--help"])).stdout, /Commands:/);
  });

  test("an unknown command exits 2 with a hint", async () => {
    const result = await runCli(["cals"]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /error CLI_UNKNOWN_COMMAND: .*Did you mean `titrate calc`\?/);
  });

  test("an unknown flag exits 2 and suggests the closest", async () => {
    const result = await runCli(["calc", "dose", "--substance", "ketamine", "--wieght", "70kg"]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /error CLI_UNKNOWN_OPTION: --wieght .*did you mean --weight\?/);
  });

  test("colour appears only on a TTY without NO_COLOR (never in a pipe)", async () => {
    const result = await runCli(["calc", "dose", "--substance", "ketamine", "--weight", "70kg"], {
      env: { NO_COLOR: undefined },
    });
    assert.doesNotMatch(result.stdout, ESC);
  });

  test("runs with the machine's own node first on PATH (re-executing with Node 24 when older)", async () => {
    if (!existsSync("/usr/bin/node")) return;
    const result = await runCli(
      ["calc", "dose", "--substance", "ketamine", "--weight", "70kg", "--json"],
      {
        env: { PATH: `/usr/bin:${process.env.PATH}` },
      },
    );
    assert.equal(result.code, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout).ceiling, 14);
  });
});
