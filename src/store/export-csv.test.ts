import assert from "node:assert/strict";
import { test } from "node:test";
import { Temporal } from "temporal-polyfill";
import { generateDemoJournal } from "./demo.ts";
import { csvField, exportCsvFiles, localIso, toCsv } from "./export-csv.ts";

test("fields are quoted only when RFC 4180 needs it, with quotes doubled", () => {
  assert.equal(csvField("plain"), "plain");
  assert.equal(csvField("a, b"), '"a, b"');
  assert.equal(csvField('she said "hi"'), '"she said ""hi"""');
  assert.equal(csvField("two\nlines"), '"two\nlines"');
  assert.equal(csvField("cr\r"), '"cr\r"');
  assert.equal(csvField(""), '""', "an empty text is not a null");
  assert.equal(csvField(null), "");
  assert.equal(csvField(undefined), "");
  assert.equal(csvField(7.25), "7.25");
  assert.equal(csvField(false), "false");
  assert.equal(csvField("µg"), "µg");
});

test("a CSV text is a header and rows, every line ended by CRLF", () => {
  assert.equal(
    toCsv(
      ["a", "b"],
      [
        [1, "x,y"],
        [null, true],
      ],
    ),
    'a,b\r\n1,"x,y"\r\n,true\r\n',
  );
  assert.equal(toCsv(["a"], []), "a\r\n");
});

test("local times carry the zone's offset on that day", () => {
  assert.equal(localIso("2026-03-22T09:10:00Z", "Europe/London"), "2026-03-22T09:10:00+00:00");
  assert.equal(localIso("2026-07-01T08:00:00Z", "Europe/London"), "2026-07-01T09:00:00+01:00");
  assert.equal(localIso("2026-07-01T08:00:00Z", "America/New_York"), "2026-07-01T04:00:00-04:00");
});

test("every table gets a file with a header, and each row has as many fields as the header", () => {
  const now = Temporal.Instant.from("2026-03-22T12:00:00Z");
  const payload = generateDemoJournal({ seed: 3, days: 60, endDate: "2026-03-22", now });
  const doc = {
    format: "titrate-journal" as const,
    version: 1 as const,
    exportedAt: "2026-03-22T12:00:00Z",
    user: payload.user ?? assert.fail("the demo names its account"),
    profile: payload.profile,
    ...payload.tables,
  };
  doc.notes = [{ ...(doc.notes[0] ?? assert.fail()), text: 'a "quoted", multi-line\nnote' }];
  const files = exportCsvFiles(doc);
  assert.deepEqual(
    files.map((f) => f.name),
    [
      "users.csv",
      "profile.csv",
      "weights.csv",
      "medications.csv",
      "batches.csv",
      "reagent_tests.csv",
      "presets.csv",
      "plans.csv",
      "doses.csv",
      "other_substances.csv",
      "check_ins.csv",
      "symptom_reports.csv",
      "blood_pressures.csv",
      "screenings.csv",
      "notes.csv",
      "finding_acknowledgements.csv",
    ],
  );
  for (const file of files) {
    const rows = parseCsv(file.text);
    const width = rows[0]?.length ?? 0;
    assert.ok(width > 0, file.name);
    for (const row of rows) assert.equal(row.length, width, `${file.name}: ${row.join("|")}`);
  }
  const doses = parseCsv(files.find((f) => f.name === "doses.csv")?.text ?? "");
  assert.equal(doses.length, doc.doses.length + 1);
  assert.deepEqual(doses[0]?.slice(0, 4), ["id", "at", "at_local", "time_zone"]);
  const notes = parseCsv(files.find((f) => f.name === "notes.csv")?.text ?? "");
  assert.equal(notes[1]?.[4], 'a "quoted", multi-line\nnote');
  const screenings = parseCsv(files.find((f) => f.name === "screenings.csv")?.text ?? "");
  assert.ok(screenings[0]?.includes("item_9"));
});

/** A strict RFC 4180 reader, to check the writer against. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += c;
  }
  assert.equal(row.length, 0, "the text ends with CRLF");
  return rows;
}
