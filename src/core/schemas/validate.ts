/**
 * Validation at the edge: parses input with a Zod schema and turns every issue into a
 * field error that names the field and the rule, inside one TitrateError (VALIDATION_FAILED).
 * Schemas are written with `zod/mini` so the browser bundle stays small; the server, CLI
 * and import use the same schemas.
 */
import type * as z from "zod/mini";
import { type FieldError, TitrateError } from "../errors.ts";

type Issue = z.core.$ZodIssue;

/** Parses `input` with `schema`; throws VALIDATION_FAILED listing every field at fault. */
export function parseWith<S extends z.ZodMiniType>(
  schema: S,
  input: unknown,
  rootPath = "",
): z.infer<S> {
  // reportInput: without it zod omits the input, and a wrong type would read "is required".
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data as z.infer<S>;
  const fields = result.error.issues.flatMap((issue) => issueToFields(issue, rootPath));
  const first = fields[0];
  const message =
    fields.length === 1 && first
      ? `${first.path || "input"}: ${first.message}`
      : `${fields.length} fields are invalid: ${fields.map((f) => `${f.path || "input"}: ${f.message}`).join("; ")}`;
  throw new TitrateError("VALIDATION_FAILED", message, fields);
}

/** A dot path: `target.amount`, `answers.3`. */
export function joinPath(rootPath: string, path: readonly PropertyKey[]): string {
  return [rootPath, ...path.map(String)].filter((p) => p !== "").join(".");
}

function issueToFields(issue: Issue, rootPath: string): FieldError[] {
  const path = joinPath(rootPath, issue.path);
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({
      path: joinPath(path, [key]),
      message: "is not a known field",
    }));
  }
  return [{ path, message: describeIssue(issue) }];
}

function describeIssue(issue: Issue): string {
  // A message written in the schema wins; zod/mini's default is a bare "Invalid input".
  if (issue.message && issue.message !== "Invalid input") return issue.message;
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined ? "is required" : `must be ${article(issue.expected)}`;
    case "too_small":
      return issue.origin === "string"
        ? `must be at least ${issue.minimum} character${Number(issue.minimum) === 1 ? "" : "s"} long`
        : issue.origin === "array"
          ? `must have at least ${issue.minimum} item${Number(issue.minimum) === 1 ? "" : "s"}`
          : `must be ${issue.inclusive ? "at least" : "more than"} ${issue.minimum}`;
    case "too_big":
      return issue.origin === "string"
        ? `must be at most ${issue.maximum} characters long`
        : issue.origin === "array"
          ? `must have at most ${issue.maximum} items`
          : `must be ${issue.inclusive ? "at most" : "less than"} ${issue.maximum}`;
    case "invalid_format":
      return `must be a valid ${formatName(issue.format)}`;
    case "invalid_value":
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "invalid_union":
      return "does not match any allowed form";
    case "not_multiple_of":
      return `must be a multiple of ${issue.divisor}`;
    default:
      return "is invalid";
  }
}

function article(expected: string): string {
  const names: Record<string, string> = {
    int: "a whole number",
    number: "a number",
    string: "text",
    boolean: "true or false",
    array: "a list",
    object: "an object",
  };
  return names[expected] ?? `a ${expected}`;
}

function formatName(format: string): string {
  const names: Record<string, string> = {
    date: "date (YYYY-MM-DD)",
    time: "time (HH:MM)",
    datetime: "date and time (ISO 8601, e.g. 2026-03-22T09:00:00Z)",
    uuid: "id",
    regex: "value",
  };
  return names[format] ?? format;
}
