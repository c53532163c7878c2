import { calculateDose, type DoseResult, parseDoseTarget } from "../../../core/dose.ts";
import { getSubstance, substanceIds } from "../../../core/substances/catalog.ts";
import { estimatePsilocybinMg } from "../../../core/substances/mushrooms.ts";
import { formatAmount, parseQuantity, toBase } from "../../../core/units.ts";
import { assertNoPositionals, optionalString, requiredString } from "../../args.ts";
import type { Command, CommandContext } from "../../command.ts";
import { styler, writeJson, writeLine } from "../../output.ts";

export const calcDose: Command = {
  name: "calc dose",
  summary: "Start amount, ceiling and a checked target for your body weight",
  options: {
    substance: {
      type: "string",
      value: "ketamine",
      description: `Substance: ${substanceIds.join(", ")} (or a common name).`,
    },
    weight: {
      type: "string",
      value: "70kg",
      description: "Your body weight (kg or lb); needed for ketamine.",
    },
    target: {
      type: "string",
      value: "0.15mg/kg",
      description: "Dose you have in mind, per kg or as an amount; refused above the ceiling.",
    },
    route: {
      type: "string",
      value: "nasal",
      description:
        "oral, sublingual (lozenge), nasal (spray), insufflated, intramuscular, intravenous.",
    },
  },
  examples: [
    "titrate calc dose --substance ketamine --weight 70kg",
    "titrate calc dose --substance ketamine --weight 154lb --target 0.15mg/kg --route nasal",
    "titrate calc dose --substance lsd --target 10ug --json",
    "titrate calc dose --substance mushrooms --target 0.2g",
  ],
  details: [
    "Amounts are rounded down to a step you can measure (0.1 mg for ketamine). A target above the microdose ceiling is refused, never quietly lowered. The ceiling applies to the amount you take, whatever the route.",
  ],
  run(context) {
    assertNoPositionals(context, "calc dose");
    const substance = getSubstance(requiredString(context, "substance", "ketamine"));
    const weightText = optionalString(context, "weight");
    const targetText = optionalString(context, "target");
    const result = calculateDose({
      substance,
      weightKg:
        weightText === undefined
          ? undefined
          : toBase(parseQuantity(weightText, "body-weight", "weight")),
      target: targetText === undefined ? undefined : parseDoseTarget(targetText, substance),
      route: optionalString(context, "route"),
    });
    const psilocybinMg =
      result.substance === "mushrooms" ? estimatePsilocybinMg(result.target) : null;
    if (context.json) {
      writeJson(context.io, {
        ...result,
        ...(psilocybinMg ? { psilocybinMgEstimate: psilocybinMg } : {}),
      });
    } else {
      printDose(context, result, psilocybinMg);
    }
    return 0;
  },
};

function printDose(
  context: CommandContext,
  result: DoseResult,
  psilocybinMg: { low: number; high: number } | null,
): void {
  const { stdout, env } = context.io;
  const style = styler(stdout, env);
  const substance = getSubstance(result.substance);
  const amount = (value: number) => formatAmount(value, result.unit, substance.step);
  // Per-kg figures only for a substance dosed by body weight: for LSD or psilocybin a
  // "µg/kg" would suggest a weight-based dose that no source gives (FACTS P-DOSE-1, P-DOSE-2).
  const byWeight = substance.sizing.kind === "per-kg" && result.weightKg !== null;
  const perKg = (value: number) =>
    byWeight && result.weightKg !== null
      ? style("dim", `  (${(value / result.weightKg).toFixed(3)} ${result.unit}/kg)`)
      : "";
  const who = byWeight ? ` for ${result.weightKg} kg` : "";
  writeLine(stdout, style("bold", `${substance.name} microdose${who}, ${result.route}`));
  if (substance.sizing.kind !== "per-kg" && result.weightKg !== null) {
    writeLine(
      stdout,
      `  ${substance.name} is not dosed by body weight: these amounts are the same at any weight (FACTS ${substance.sizing.facts[0]}).`,
    );
  }
  writeLine(stdout, `  start    ${amount(result.start)}${perKg(result.start)}`);
  writeLine(
    stdout,
    `  ceiling  ${amount(result.ceiling)}${perKg(result.ceiling)}  the most Titrate proposes`,
  );
  writeLine(stdout, `  target   ${style("bold", amount(result.target))}${perKg(result.target)}`);
  if (psilocybinMg) {
    writeLine(
      stdout,
      `  ≈ ${psilocybinMg.low}–${psilocybinMg.high} mg psilocybin (0.1–1 % of dry weight; an estimate)`,
    );
  }
  writeLine(stdout);
  for (const note of result.notes) writeLine(stdout, `  • ${note}`);
  writeLine(stdout);
  writeLine(stdout, measuringHint(result));
  writeLine(stdout, style("dim", `Sources: FACTS ${result.sources.join(", ")} (docs/sources.md)`));
}

function measuringHint(result: DoseResult): string {
  const dose = `${result.target}${result.unit === "µg" ? "ug" : result.unit}`;
  if (result.substance === "lsd") {
    return `Measure: dissolve one blotter of known µg in water and draw a volume: titrate calc solution --substance lsd --tab 100ug --dose ${dose}`;
  }
  if (result.substance === "mushrooms") {
    return "Measure: grind the whole batch, then weigh each dose on a 0.01 g scale.";
  }
  return `Measure: dissolve a weighed amount in water and draw a volume: titrate calc solution --substance ${result.substance} --dose ${dose}`;
}
