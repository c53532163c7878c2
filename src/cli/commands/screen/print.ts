/**
 * How `titrate screen` prints: the crisis resources first and prominently whenever an answer
 * signals a risk of self-harm (FACTS Q-PHQ9, CRISIS-1), then the score and what it means.
 * With --json the crisis resources go to stderr, before the JSON on stdout.
 */
import type { Writable } from "node:stream";
import {
  type CrisisResources,
  crisisMessage,
  crisisResources,
  describeHelpline,
  normaliseCountry,
} from "../../../core/crisis.ts";
import { TitrateError } from "../../../core/errors.ts";
import type { ScoreResult } from "../../../core/questionnaires/score.ts";
import { optionalString } from "../../args.ts";
import type { CommandContext, Io, OptionSpec } from "../../command.ts";
import { styler, writeLine } from "../../output.ts";

export const countryOption: Record<string, OptionSpec> = {
  country: {
    type: "string",
    value: "GB",
    description:
      "Your country (two letters), for the emergency number and helpline shown if you need them.",
  },
};

/** The crisis resources for `--country` (the international default without it). */
export function resourcesFromOptions(context: CommandContext): CrisisResources {
  const text = optionalString(context, "country");
  if (text !== undefined && !/^\s*[A-Za-z]{2}\s*$/u.test(text)) {
    throw new TitrateError(
      "CLI_INVALID_OPTION",
      `country: "${text}" is not a two-letter country code; use one such as GB, US, DE or AU`,
      "country",
    );
  }
  return crisisResources({ country: normaliseCountry(text) });
}

/** The stream where messages for the person go: stdout, or stderr when stdout carries JSON. */
export function messageStream(io: Io, json: boolean): Writable & { isTTY?: boolean } {
  return json ? io.stderr : io.stdout;
}

/** Prints the crisis resources as a block that cannot be missed. */
export function printCrisis(io: Io, resources: CrisisResources, json: boolean): void {
  const stream = messageStream(io, json);
  const style = styler(stream, io.env);
  const rule = "═".repeat(72);
  writeLine(stream, style("red", rule));
  writeLine(stream, style("red", style("bold", "  PLEASE READ THIS FIRST")));
  for (const line of crisisMessage(resources)) writeLine(stream, style("bold", `  ${line}`));
  writeLine(stream, style("red", rule));
  writeLine(stream);
}

/** The JSON document of a score, exactly as documented: instrument, total, band, bandLabel, crisis, items. */
export function scoreJson(result: ScoreResult) {
  return {
    instrument: result.instrument,
    total: result.total,
    band: result.band,
    bandLabel: result.bandLabel,
    crisis: result.crisis,
    items: result.items,
  };
}

/** Prints the score, its band and meaning, the answers, and where to find help. */
export function printScore(io: Io, result: ScoreResult, resources: CrisisResources): void {
  const { stdout, env } = io;
  const style = styler(stdout, env);
  const signs = result.kind === "checklist" && result.total > 0;
  const headline =
    result.kind === "checklist"
      ? `${result.name} checklist: ${result.total === 0 ? "no warning signs" : `${result.total} warning sign${result.total === 1 ? "" : "s"}`}`
      : `${result.name}: ${result.total} of ${result.maxTotal} — ${result.bandLabel}`;
  writeLine(stdout, style("bold", signs ? style("red", headline) : headline));
  writeLine(stdout, signs ? style("bold", result.meaning) : result.meaning);
  writeLine(stdout);
  const width = String(result.items.length).length;
  for (const item of result.items) {
    const mark = result.kind === "checklist" && item.answer > 0 ? style("red", "✗") : " ";
    writeLine(
      stdout,
      `  ${mark} ${String(item.number).padStart(width)}. ${item.text} — ${style("bold", `${item.answer} ${item.answerLabel}`)}`,
    );
  }
  writeLine(stdout);
  if (result.followUp) {
    writeLine(stdout, style("bold", `Next: titrate screen ask ${result.followUp}`));
  }
  if (result.crisis) {
    writeLine(
      stdout,
      style("red", style("bold", `In danger now? Call ${resources.emergencyText}.`)),
    );
  } else if (
    result.instrument === "phq9" ||
    result.instrument === "phq2" ||
    result.instrument === "mental"
  ) {
    // FACTS Q-PHQ9: a 0 on item 9 is no reassurance; help is always one line away.
    const helpline = resources.helplines[0];
    writeLine(
      stdout,
      `If you ever feel unsafe or think of harming yourself: call ${resources.emergencyText}${helpline ? `, or ${describeHelpline(helpline)}` : ""}.`,
    );
  }
  const caveat = result.meaning.includes("not a diagnosis")
    ? ""
    : "A screening result, not a diagnosis. ";
  writeLine(
    stdout,
    style("dim", `${caveat}Sources: FACTS ${result.sources.join(", ")} (docs/sources.md).`),
  );
}
