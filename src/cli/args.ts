/**
 * Flag parsing on node:util parseArgs, with Titrate's errors: an unknown flag names the
 * closest known one, and every failure is a TitrateError (exit code 2).
 */
import { parseArgs } from "node:util";
import { TitrateError } from "../core/errors.ts";
import { parseQuantity, type Quantity, type QuantityKind } from "../core/units.ts";
import type { Command, CommandContext } from "./command.ts";

/** Options every command accepts. */
export const commonOptions = {
  json: { type: "boolean", description: "Print JSON for scripts instead of text." },
  help: { type: "boolean", short: "h", description: "Show this help." },
} as const;

export interface ParsedArgs {
  readonly values: CommandContext["values"];
  readonly positionals: string[];
}

/** Parses `argv` against the command's options; unknown or malformed flags throw (exit 2). */
export function parseCommandArgs(command: Command, argv: readonly string[]): ParsedArgs {
  const options = { ...commonOptions, ...command.options };
  const config = Object.fromEntries(
    Object.entries(options).map(([name, spec]) => [
      name,
      {
        type: spec.type,
        ...("short" in spec && spec.short ? { short: spec.short } : {}),
        ...("multiple" in spec && spec.multiple ? { multiple: true } : {}),
      },
    ]),
  );
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: config,
      strict: true,
      allowPositionals: true,
      allowNegative: false,
    });
    return { values: values as ParsedArgs["values"], positionals };
  } catch (error) {
    throw toUsageError(error, command, Object.keys(options));
  }
}

function toUsageError(error: unknown, command: Command, known: string[]): TitrateError {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const optionMatch = /option '(-{1,2}[^' ]+)/u.exec(message) ?? /'(-{1,2}[^' ]+)'/u.exec(message);
  const flag = optionMatch?.[1] ?? "";
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const suggestion = closest(flag.replace(/^-+/u, ""), known);
    const hint = suggestion ? `; did you mean --${suggestion}?` : "";
    return new TitrateError(
      "CLI_UNKNOWN_OPTION",
      `${flag} is not an option of \`titrate ${command.name}\`${hint} See \`titrate ${command.name} --help\`.`,
      flag.replace(/^-+/u, ""),
    );
  }
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    const name = flag.replace(/^-+/u, "");
    const spec = command.options[name];
    if (message.includes("ambiguous")) {
      return new TitrateError(
        "CLI_INVALID_OPTION",
        `${flag} needs a value; a value that starts with "-" is written ${flag}=-…`,
        name,
      );
    }
    const expects =
      spec?.type === "boolean"
        ? "takes no value"
        : `needs a value${spec?.value ? `, for example --${name} ${spec.value}` : ""}`;
    return new TitrateError("CLI_INVALID_OPTION", `${flag} ${expects}`, name);
  }
  return new TitrateError(
    "CLI_INVALID_OPTION",
    `${message}. See \`titrate ${command.name} --help\`.`,
  );
}

/** The candidate closest to `word` by edit distance, if it is close enough to be a typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The string value of `--name`, or undefined. */
export function optionalString(context: CommandContext, name: string): string | undefined {
  const value = context.values[name];
  return typeof value === "string" ? value : undefined;
}

/** The string value of `--name`; CLI_MISSING_OPTION with an example when absent. */
export function requiredString(context: CommandContext, name: string, example: string): string {
  const value = optionalString(context, name);
  if (value === undefined || value.trim() === "") {
    throw new TitrateError(
      "CLI_MISSING_OPTION",
      `--${name} is required, for example --${name} ${example}`,
      name,
    );
  }
  return value;
}

/** Parses `--name` as a quantity of `kind`, or returns undefined when the flag is absent. */
export function optionalQuantity<K extends QuantityKind>(
  context: CommandContext,
  name: string,
  kind: K,
): ReturnType<typeof parseQuantity<K>> | undefined {
  const text = optionalString(context, name);
  return text === undefined ? undefined : parseQuantity(text, kind, name);
}

/** Parses `--name` as a quantity of `kind`; CLI_MISSING_OPTION when absent. */
export function requiredQuantity<K extends QuantityKind>(
  context: CommandContext,
  name: string,
  kind: K,
  example: string,
): Quantity<ReturnType<typeof parseQuantity<K>>["unit"]> {
  return parseQuantity(requiredString(context, name, example), kind, name);
}

/** Refuses extra positional arguments a command does not take. */
export function assertNoPositionals(context: CommandContext, commandName: string): void {
  const extra = context.positionals[0];
  if (extra !== undefined) {
    throw new TitrateError(
      "CLI_INVALID_OPTION",
      `unexpected argument "${extra}"; see \`titrate ${commandName} --help\``,
    );
  }
}
