/**
 * The CI-sized run of every benchmark and of the soak: a few seconds each, checking only that
 * each one works and reports figures. Never a timing: these machines are shared and noisy.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { describe, it } from "node:test";
import { benchmarks, markdownTable } from "./run.ts";
import { soak } from "./soak.ts";

const hasBrowser = existsSync(process.env.TITRATE_CHROMIUM ?? "/usr/bin/chromium");

describe("benchmarks (smoke: they run, no timing asserted)", { timeout: 300_000 }, () => {
  for (const [name, measure] of Object.entries(benchmarks)) {
    const skip =
      name === "web" && !hasBrowser ? "no Chromium here (apt-get install chromium)" : false;
    it(`${name} measures against its baseline and reports every row`, { skip }, async () => {
      const rows = await measure("smoke");
      assert.ok(rows.length > 0);
      for (const row of rows) {
        assert.equal(row.benchmark.length > 0, true);
        assert.match(row.titrate, /\d/u, `${row.measure}: no figure`);
        assert.match(row.baseline, /\d/u, `${row.measure}: no baseline`);
        if (row.ratio !== null) assert.ok(Number.isFinite(row.ratio) && row.ratio > 0, row.measure);
      }
      assert.match(markdownTable(rows), /^\| benchmark/u);
    });
  }

  it("the soak sends mixed reads and writes and finds every acknowledged write afterwards", async () => {
    const report = await soak("smoke");
    assert.deepEqual(report.errors, []);
    assert.ok(report.writes > 0, "no write was acknowledged");
    assert.equal(report.missingWrites, 0);
    assert.ok(report.rssSamplesMiB.length > 0);
  });
});
