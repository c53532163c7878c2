import assert from "node:assert/strict";
import { test } from "node:test";
import { Temporal } from "temporal-polyfill";
import { readZip } from "../../test/helpers/read-zip.ts";
import { zipFiles } from "./zip.ts";

test("an archive holds each file's text under its name, with the time given", () => {
  const zip = zipFiles(
    [
      { name: "export/doses.csv", text: "id,at\r\ndos_1,2026-03-22T09:10:00Z\r\n" },
      { name: "export/notes.csv", text: "id,text\r\nnot_1,café ☕\r\n" },
    ].map((f) => ({ name: f.name, data: f.text })),
    Temporal.Instant.from("2026-03-22T09:10:42Z"),
  );
  const files = readZip(zip);
  assert.deepEqual(
    files.map((f) => [f.name, f.text]),
    [
      ["export/doses.csv", "id,at\r\ndos_1,2026-03-22T09:10:00Z\r\n"],
      ["export/notes.csv", "id,text\r\nnot_1,café ☕\r\n"],
    ],
  );
  // 09:10:42 → 9 << 11 | 10 << 5 | 21; 2026-03-22 → 46 << 9 | 3 << 5 | 22
  assert.equal(files[0]?.time, (9 << 11) | (10 << 5) | 21);
  assert.equal(files[0]?.date, (46 << 9) | (3 << 5) | 22);
});
