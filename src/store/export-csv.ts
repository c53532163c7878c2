/**
 * The export as CSV: one file per table, for spreadsheets, R and pandas. RFC 4180: a header
 * row, CRLF line ends, a field in double quotes when it holds a comma, a quote or a line
 * break (quotes doubled). Column names are the database's snake_case names.
 *
 * - Times are ISO 8601 in UTC as stored (`at`), and events also get `at_local`, the same
 *   instant in the zone it was entered in with its offset (`2026-03-22T09:10:00+00:00`), for
 *   grouping by the person's own day.
 * - A null is an empty field; an empty text is `""`, so the two stay apart for careful readers.
 * - Booleans are `true`/`false`; lists (conditions, symptoms, weekdays) are joined with `;`.
 * - Numbers are written as JavaScript prints them (shortest exact form, `.` as decimal point).
 * - Cells are not prefixed against spreadsheet formulas: the text is the person's own and a
 *   prefix would change the data for R and pandas (docs/decisions.md, "Data").
 */
import { Temporal } from "temporal-polyfill";
import type { JournalExport } from "../core/schemas/export.ts";

export interface CsvFile {
  /** File name, e.g. `doses.csv`. */
  readonly name: string;
  readonly text: string;
}

type Cell = string | number | boolean | null | undefined;

/** One CSV field, quoted when it must be (RFC 4180). */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "true" : "false";
  const text = typeof value === "number" ? String(value) : value;
  if (text === "" || /[",\r\n]/u.test(text)) return `"${text.replaceAll('"', '""')}"`;
  return text;
}

/** A whole CSV text: the header, then one line per row, every line ended by CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [header, ...rows].map((row) => `${row.map(csvField).join(",")}\r\n`).join("");
}

/** The instant in its own zone with the offset, ISO 8601: `2026-03-22T09:10:00+00:00`. */
export function localIso(at: string, timeZone: string): string {
  try {
    return Temporal.Instant.from(at)
      .toZonedDateTimeISO(timeZone)
      .toString({ timeZoneName: "never", smallestUnit: "second" });
  } catch {
    return "";
  }
}

const list = (items: readonly string[] | null | undefined): string | null =>
  items === null || items === undefined ? null : items.join(";");

interface EventLike {
  readonly id: string;
  readonly at: string;
  readonly timeZone: string;
  readonly source: string;
  readonly fingerprint: string | null;
  readonly createdAt: string;
}

function eventTable<E extends EventLike>(
  name: string,
  columns: readonly string[],
  events: readonly E[],
  cells: (event: E) => readonly Cell[],
): CsvFile {
  return {
    name,
    text: toCsv(
      ["id", "at", "at_local", "time_zone", ...columns, "source", "fingerprint", "created_at"],
      events.map((e) => [
        e.id,
        e.at,
        localIso(e.at, e.timeZone),
        e.timeZone,
        ...cells(e),
        e.source,
        e.fingerprint,
        e.createdAt,
      ]),
    ),
  };
}

/** Every table of the export as a CSV file, in a fixed order. */
export function exportCsvFiles(doc: JournalExport): CsvFile[] {
  const { user, profile } = doc;
  const maxAnswers = Math.max(0, ...doc.screenings.map((s) => s.answers.length));
  const itemColumns = Array.from({ length: maxAnswers }, (_, i) => `item_${i + 1}`);
  return [
    {
      name: "users.csv",
      text: toCsv(
        ["id", "username", "role", "created_at"],
        [[user.id, user.username, user.role, user.createdAt]],
      ),
    },
    {
      name: "profile.csv",
      text: toCsv(
        [
          "weight_kg",
          "units",
          "time_zone",
          "conditions",
          "country",
          "emergency_number",
          "helpline_name",
          "helpline_phone",
          "helpline_url",
          "updated_at",
        ],
        profile === null
          ? []
          : [
              [
                profile.weightKg,
                profile.units,
                profile.timeZone,
                list(profile.conditions),
                profile.country,
                profile.emergencyNumber,
                profile.helpline?.name,
                profile.helpline?.phone,
                profile.helpline?.url,
                profile.updatedAt,
              ],
            ],
      ),
    },
    {
      name: "weights.csv",
      text: toCsv(
        ["id", "at", "weight_kg"],
        doc.weights.map((w) => [w.id, w.at, w.weightKg]),
      ),
    },
    {
      name: "medications.csv",
      text: toCsv(
        ["id", "name", "added_at", "ended_at"],
        doc.medications.map((m) => [m.id, m.name, m.addedAt, m.endedAt]),
      ),
    },
    {
      name: "batches.csv",
      text: toCsv(
        [
          "id",
          "substance",
          "label",
          "form",
          "concentration_mg_per_ml",
          "ml_per_spray",
          "purity_percent",
          "created_at",
          "archived_at",
        ],
        doc.batches.map((b) => [
          b.id,
          b.substance,
          b.label,
          b.form,
          b.concentrationMgPerMl,
          b.mlPerSpray,
          b.purityPercent,
          b.createdAt,
          b.archivedAt,
        ]),
      ),
    },
    {
      name: "reagent_tests.csv",
      text: toCsv(
        ["id", "batch_id", "reagent", "result", "verdict", "at"],
        doc.batches.flatMap((b) =>
          b.reagentTests.map((t) => [t.id, b.id, t.reagent, t.result, t.verdict, t.at]),
        ),
      ),
    },
    {
      name: "presets.csv",
      text: toCsv(
        [
          "id",
          "name",
          "substance",
          "amount",
          "unit",
          "route",
          "batch_id",
          "volume_ml",
          "sprays",
          "created_at",
        ],
        doc.presets.map((p) => [
          p.id,
          p.name,
          p.substance,
          p.amount,
          p.unit,
          p.route,
          p.batchId,
          p.volumeMl,
          p.sprays,
          p.createdAt,
        ]),
      ),
    },
    {
      name: "plans.csv",
      text: toCsv(
        [
          "id",
          "substance",
          "target_amount",
          "target_unit",
          "protocol",
          "interval_days",
          "weekdays",
          "pattern",
          "cycle_weeks_on",
          "cycle_weeks_off",
          "start_date",
          "local_time",
          "time_zone",
          "end_kind",
          "end_count",
          "end_date",
          "accept_risk",
          "created_at",
          "ended_at",
        ],
        doc.plans.map((p) => [
          p.id,
          p.substance,
          p.target.amount,
          p.target.unit,
          p.protocol.kind,
          p.protocol.kind === "every-n-days" ? p.protocol.intervalDays : null,
          p.protocol.kind === "weekdays" ? list(p.protocol.weekdays) : null,
          p.protocol.kind === "pattern" ? p.protocol.pattern : null,
          p.cycle?.weeksOn,
          p.cycle?.weeksOff,
          p.startDate,
          p.localTime,
          p.timeZone,
          p.end.kind,
          p.end.kind === "count" ? p.end.count : null,
          p.end.kind === "until" ? p.end.date : null,
          p.acceptRisk,
          p.createdAt,
          p.endedAt,
        ]),
      ),
    },
    eventTable(
      "doses.csv",
      ["substance", "amount", "unit", "route", "batch_id", "plan_id", "is_estimate", "note"],
      doc.doses,
      (d) => [d.substance, d.amount, d.unit, d.route, d.batchId, d.planId, d.isEstimate, d.note],
    ),
    eventTable(
      "other_substances.csv",
      ["name", "amount", "unit", "route", "note"],
      doc.otherSubstances,
      (o) => [o.name, o.amount, o.unit, o.route, o.note],
    ),
    eventTable(
      "check_ins.csv",
      [
        "mood",
        "energy",
        "focus",
        "anxiety",
        "sleep",
        "effects",
        "after_effects",
        "note",
        "shulgin",
      ],
      doc.checkIns,
      (c) => [
        c.mood,
        c.energy,
        c.focus,
        c.anxiety,
        c.sleep,
        c.effects,
        c.afterEffects,
        c.note,
        c.shulgin,
      ],
    ),
    eventTable(
      "symptom_reports.csv",
      ["checklist", "symptoms", "note"],
      doc.symptomReports,
      (s) => [s.checklist, list(s.symptoms), s.note],
    ),
    eventTable(
      "blood_pressures.csv",
      ["systolic_mm_hg", "diastolic_mm_hg", "pulse_bpm"],
      doc.bloodPressures,
      (b) => [b.systolicMmHg, b.diastolicMmHg, b.pulseBpm],
    ),
    eventTable(
      "screenings.csv",
      ["instrument", "total", "band", "crisis", ...itemColumns],
      doc.screenings,
      (s) => [s.instrument, s.total, s.band, s.crisis, ...itemColumns.map((_, i) => s.answers[i])],
    ),
    eventTable("notes.csv", ["text"], doc.notes, (n) => [n.text]),
    {
      name: "finding_acknowledgements.csv",
      text: toCsv(
        ["finding_key", "acknowledged_at"],
        doc.findingAcknowledgements.map((a) => [a.findingKey, a.acknowledgedAt]),
      ),
    },
  ];
}
