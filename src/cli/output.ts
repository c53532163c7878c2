/**
 * Terminal output: colour only on a TTY and never when NO_COLOR is set
 * (https://no-color.org), JSON for scripts, and errors in one shape.
 */
import type { Writable } from "node:stream";
import { type FieldError, isTitrateError } from "../core/errors.ts";
import type { Io } from "./command.ts";

type Style = "bold" | "dim" | "red" | "yellow" | "green" | "cyan";
const codes: Record<Style, [number, number]> = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  yellow: [33, 39],
  green: [32, 39],
  cyan: [36, 39],
};

/** True when `stream` should get ANSI colours: a TTY, NO_COLOR unset or empty, TERM not dumb. */
export function wantsColor(stream: { isTTY?: boolean }, env: Io["env"]): boolean {
  return Boolean(stream.isTTY) && !env.NO_COLOR && env.TERM !== "dumb";
}

/** A styler bound to one stream's colour support. */
export function styler(stream: { isTTY?: boolean }, env: Io["env"]) {
  const color = wantsColor(stream, env);
  return (style: Style, text: string): string =>
    color ? `\u001b[${codes[style][0]}m${text}\u001b[${codes[style][1]}m` : text;
}

export function writeLine(stream: Writable, text = ""): void {
  stream.write(`${text}\n`);
}

/** Prints `value` as pretty JSON on stdout, one document per command. */
export function writeJson(io: Io, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export interface ErrorReport {
  readonly code: string;
  readonly message: string;
  readonly fields: readonly FieldError[];
}

/** The error as `{ code, message, fields }`; anything unexpected becomes INTERNAL, without its stack. */
export function errorReport(error: unknown): ErrorReport {
  if (isTitrateError(error)) {
    return { code: error.code, message: error.message, fields: error.fields };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: "INTERNAL", message, fields: [] };
}

/** Writes an error to stderr: `error CODE: message (field)`, or the JSON error shape with --json. */
export function writeError(io: Io, error: unknown, json: boolean): void {
  const report = errorReport(error);
  if (json) {
    io.stderr.write(`${JSON.stringify({ error: report }, null, 2)}\n`);
    return;
  }
  const style = styler(io.stderr, io.env);
  const field = report.fields[0]?.path;
  const message =
    field && !report.message.startsWith(`${field}:`)
      ? `${report.message} (${field})`
      : report.message;
  writeLine(io.stderr, `${style("red", `error ${report.code}`)}: ${message}`);
}
