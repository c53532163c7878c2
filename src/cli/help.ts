/**
 * Help text for commands and groups, built from their specs so it cannot drift.
 */
import { commonOptions } from "./args.ts";
import type { Command, CommandGroup, OptionSpec } from "./command.ts";

export function commandHelp(command: Command): string {
  const lines = [
    `titrate ${command.name} — ${command.summary}`,
    "",
    `Usage: titrate ${command.name}${command.args ? ` ${command.args}` : ""} [options]`,
  ];
  for (const paragraph of command.details ?? []) lines.push("", paragraph);
  lines.push("", "Options:");
  const options: [string, OptionSpec][] = [
    ...Object.entries(command.options),
    ...Object.entries(commonOptions),
  ];
  const labels = options.map(([name, spec]) => {
    const short = spec.short ? `-${spec.short}, ` : "";
    return `${short}--${name}${spec.type === "string" ? ` ${spec.value ?? "<value>"}` : ""}`;
  });
  const width = Math.max(...labels.map((l) => l.length)) + 2;
  options.forEach(([, spec], i) => {
    lines.push(`  ${(labels[i] ?? "").padEnd(width)}${spec.description}`);
  });
  if (command.examples.length > 0) {
    lines.push("", "Examples:");
    for (const example of command.examples) lines.push(`  ${example}`);
  }
  return `${lines.join("\n")}\n`;
}

export function groupHelp(group: CommandGroup): string {
  const width = Math.max(...group.commands.map((c) => c.name.length)) + 2;
  const lines = [
    `titrate ${group.name} — ${group.summary}`,
    "",
    `Usage: titrate ${group.name} <command> [options]`,
    "",
    "Commands:",
    ...group.commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    "",
    `Run \`titrate ${group.name} <command> --help\` for a command's options and examples.`,
  ];
  return `${lines.join("\n")}\n`;
}
