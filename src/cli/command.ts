/**
 * The shape of a CLI command, and what a command gets when it runs.
 * Commands are plain objects; main.ts loads a command's module only when it is asked for.
 */
import type { Writable } from "node:stream";

export interface OptionSpec {
  readonly type: "string" | "boolean";
  readonly short?: string;
  readonly multiple?: boolean;
  /** Placeholder shown in help, e.g. `70kg`. */
  readonly value?: string;
  readonly description: string;
}

export interface Io {
  readonly stdout: Writable & { isTTY?: boolean };
  readonly stderr: Writable & { isTTY?: boolean };
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Current working directory, for relative paths. */
  readonly cwd: string;
}

export interface CommandContext {
  readonly values: Readonly<Record<string, string | boolean | string[] | undefined>>;
  readonly positionals: readonly string[];
  readonly io: Io;
  readonly json: boolean;
}

export interface Command {
  /** Full name as typed, e.g. `calc dose`. */
  readonly name: string;
  readonly summary: string;
  /** Positional arguments, shown in the usage line, e.g. `<amount>`. */
  readonly args?: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  readonly examples: readonly string[];
  /** Extra help paragraphs. */
  readonly details?: readonly string[];
  /** Returns the exit code (0 ok, 1 failure, 2 bad input). */
  run(context: CommandContext): Promise<number> | number;
}

/** A command with subcommands, like `calc` (`calc dose`, `calc solution`, …). */
export interface CommandGroup {
  readonly name: string;
  readonly summary: string;
  readonly commands: readonly Command[];
  /** The command run when none is named (`titrate profile` shows the profile). */
  readonly defaultCommand?: string;
}

export type CommandModule = { readonly command: Command } | { readonly group: CommandGroup };
