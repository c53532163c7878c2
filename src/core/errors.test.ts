import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { errorRegistry, TitrateError } from "./errors.ts";

test("docs/errors.md lists exactly the registry's codes, with their statuses", () => {
  const doc = readFileSync(new URL("../../docs/errors.md", import.meta.url), "utf8");
  const rows = [...doc.matchAll(/^\|\s*`([A-Z_]+)`\s*\|\s*(\d{3})\s*\|/gmu)].map((m) => [
    m[1],
    Number(m[2]),
  ]);
  const registry = Object.entries(errorRegistry).map(([code, spec]) => [code, spec.status]);
  assert.deepEqual(rows.sort(), registry.sort());
});

test("a TitrateError carries its code, its field and the status of its code", () => {
  const error = new TitrateError("DOSE_ABOVE_CEILING", "target: too high", "target");
  assert.equal(error.status, 422);
  assert.equal(error.field, "target");
  assert.deepEqual(error.fields, [{ path: "target", message: "target: too high" }]);
});

test("codes are SCREAMING_SNAKE and every one has help", () => {
  for (const [code, spec] of Object.entries(errorRegistry)) {
    assert.match(code, /^[A-Z][A-Z0-9_]+$/u);
    assert.ok(spec.help.length > 10, code);
  }
});
