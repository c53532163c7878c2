import assert from "node:assert/strict";
import { test } from "node:test";
import { TitrateError } from "../errors.ts";
import { escapeHtml } from "./html.ts";
import { parseExclude, type ReportData, reportSections } from "./report-data.ts";
import { profileSection } from "./report-sections.ts";

test("--exclude reads section names, in the report's order, whatever the spacing or case", () => {
  assert.deepEqual(parseExclude(" Notes, doses ,notes"), ["doses", "notes"]);
  assert.deepEqual(parseExclude(undefined), []);
  assert.deepEqual(parseExclude(""), []);
  assert.deepEqual(parseExclude(reportSections.join(",")), [...reportSections]);
});

test("an unknown section is refused, naming the field and the sections there are", () => {
  assert.throws(
    () => parseExclude("notes,diary"),
    (error: unknown) =>
      error instanceof TitrateError &&
      error.code === "VALIDATION_FAILED" &&
      error.field === "exclude" &&
      error.message.includes('"diary" is not a section') &&
      error.message.includes("other-substances"),
  );
});

test("a person's text is escaped for HTML", () => {
  assert.equal(
    escapeHtml(`<script>alert("x")</script> & 'y'`),
    "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;",
  );
});

test("the body weight reads as a clinician writes it: kg to one decimal, as stored otherwise", () => {
  const section = (weightKg: number | null) =>
    profileSection({
      profile: { weightKg, conditions: [], medications: [] },
    } as unknown as ReportData);
  // 165 lb is stored as 74.843 kg.
  assert.match(section(74.843), /Body weight: 74\.8 kg\./u);
  assert.match(section(70), /Body weight: 70 kg\./u);
  assert.match(section(null), /Body weight: not given\./u);
});
