/**
 * How an import reports a bad file: one VALIDATION_FAILED listing every record and field at
 * fault (`doses[3].amount: must be more than 0`), with the count, so a person can fix the
 * file and try again. Nothing has been written when it is thrown.
 */
import { type FieldError, TitrateError } from "../core/errors.ts";

export type FieldProblem = FieldError;

/** How many problems the message spells out; every one (up to MAX_FIELDS) is in `fields`. */
const MESSAGE_PROBLEMS = 10;
const MAX_FIELDS = 200;

/** `doses[3]`: a record named by its table and its position in the file. */
export function recordPath(table: string, index: number): string {
  return `${table}[${index}]`;
}

export function problemsError(problems: readonly FieldProblem[]): TitrateError {
  const shown = problems
    .slice(0, MESSAGE_PROBLEMS)
    .map((p) => `${p.path || "file"}: ${p.message}`)
    .join("; ");
  const more =
    problems.length > MESSAGE_PROBLEMS ? `; and ${problems.length - MESSAGE_PROBLEMS} more` : "";
  const message =
    problems.length === 1
      ? `${shown}; nothing was imported`
      : `${problems.length} problems in the file, nothing was imported: ${shown}${more}`;
  return new TitrateError("VALIDATION_FAILED", message, problems.slice(0, MAX_FIELDS));
}
