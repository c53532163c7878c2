/**
 * The times an import brings, checked like a new entry's (core/time.ts, implausibleTime): a
 * dose dated 2099 or 1926 is a typo or a broken file, and it would slip past every interval
 * check. Every source's records are checked here before anything is written; a problem names
 * the record and its field (`doses[3].at`).
 */
import { Temporal } from "temporal-polyfill";
import { eventTableKeys, type JournalTables } from "../core/schemas/export.ts";
import { implausibleTime } from "../core/time.ts";
import { type FieldProblem, recordPath } from "./import-problems.ts";

/** The problem with one instant text, or null; `path` names the record and field. */
export function timeProblem(
  text: string,
  path: string,
  now: Temporal.Instant,
): FieldProblem | null {
  let instant: Temporal.Instant;
  try {
    instant = Temporal.Instant.from(text);
  } catch {
    return null; // not an instant: the schema names it
  }
  const problem = implausibleTime(instant, now);
  return problem ? { path, message: `${text} ${problem.message}` } : null;
}

/**
 * Every dated record's time (entries, weights, medications, reagent tests), each more than a
 * minute in the future or more than 30 years before `now`.
 */
export function timeProblems(tables: JournalTables, now: Temporal.Instant): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const check = (text: string | null, path: string) => {
    if (text === null) return;
    const problem = timeProblem(text, path, now);
    if (problem) problems.push(problem);
  };
  for (const table of eventTableKeys) {
    (tables[table] as readonly { at: string }[]).forEach((record, i) => {
      check(record.at, `${recordPath(table, i)}.at`);
    });
  }
  tables.weights.forEach((w, i) => {
    check(w.at, `${recordPath("weights", i)}.at`);
  });
  tables.medications.forEach((m, i) => {
    check(m.addedAt, `${recordPath("medications", i)}.addedAt`);
    check(m.endedAt, `${recordPath("medications", i)}.endedAt`);
  });
  tables.batches.forEach((b, i) => {
    b.reagentTests.forEach((t, j) => {
      check(t.at, `${recordPath("batches", i)}.reagentTests[${j}].at`);
    });
  });
  return problems;
}
