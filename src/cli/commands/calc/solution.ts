import { TitrateError } from "../../../core/errors.ts";
import { defaultTools, type MeasuringTools } from "../../../core/preparation/measurement.ts";
import { calculateSolution, type SolutionResult } from "../../../core/preparation/solution.ts";
import { planSolution, type SolutionPlan } from "../../../core/preparation/solution-plan.ts";
import { countText } from "../../../core/safety/format.ts";
import { type Substance, usualIntervalDays } from "../../../core/substances/substance.ts";
import { convert, formatAmount, formatNumber, toBase } from "../../../core/units.ts";
import { assertNoPositionals, optionalQuantity, optionalString } from "../../args.ts";
import type { Command, CommandContext } from "../../command.ts";
import { styler, writeJson, writeLine } from "../../output.ts";
import { type PreparedDose, preparedDoseOptions, readPreparedDose } from "./prepared-dose.ts";

export const calcSolution: Command = {
  name: "calc solution",
  summary: "Volumetric dosing: concentration, volume to draw, and its uncertainty",
  options: {
    ...preparedDoseOptions,
    mass: { type: "string", value: "100mg", description: "Mass you dissolve (weighed)." },
    tab: {
      type: "string",
      value: "100ug",
      description: "Instead of --mass: the stated content of one tab you dissolve (LSD).",
    },
    volume: { type: "string", value: "10ml", description: "Final volume of the solution." },
    "scale-resolution": {
      type: "string",
      value: "1mg",
      description: "Smallest step your scale shows (default 1mg).",
    },
    "scale-accuracy": {
      type: "string",
      value: "2mg",
      description: "Accuracy your scale states (±), when worse than half a step.",
    },
    "solvent-resolution": {
      type: "string",
      value: "0.1ml",
      description: "Step the water is measured to (default 0.1ml).",
    },
    "syringe-resolution": {
      type: "string",
      value: "0.01ml",
      description: "Graduation of the dosing syringe (default 0.01ml, a 1 ml syringe).",
    },
    every: {
      type: "string",
      value: "7d",
      description: "Days between doses, to say how long a proposed batch lasts.",
    },
  },
  examples: [
    "titrate calc solution --mass 100mg --volume 10ml --dose 7mg",
    "titrate calc solution --dose 7mg                       # proposes a mass and volume",
    "titrate calc solution --dose 7mg --scale-accuracy 2mg --json",
    "titrate calc solution --substance lsd --tab 100ug --dose 10ug",
  ],
  details: [
    "Give --mass (or --tab) and --volume to get the volume to draw for --dose; give only --dose to get a proposal: a batch where each dose is 0.2–1 ml, every reading is at least 50 steps of its tool and the estimated uncertainty is at most 5 %.",
    "The uncertainty is an estimate: half a step per reading (or the scale's stated accuracy), combined as a root sum of squares (FACTS MEAS-2). It is not a worst case.",
  ],
  run(context) {
    assertNoPositionals(context, "calc solution");
    const prepared = readPreparedDose(context);
    const tools = readTools(context);
    const mass = optionalQuantity(context, "mass", "mass");
    const tab = optionalQuantity(context, "tab", "mass");
    const volume = optionalQuantity(context, "volume", "volume");
    if (mass && tab) {
      throw new TitrateError("CLI_INVALID_OPTION", "give --mass or --tab, not both", "tab");
    }
    const dissolved = mass ?? tab;
    // A tab alone asks for a plan; a weighed mass needs its volume, and a volume its mass.
    if (
      (mass !== undefined && volume === undefined) ||
      (volume !== undefined && dissolved === undefined)
    ) {
      throw new TitrateError(
        "SOLUTION_INCOMPLETE",
        `${volume ? "mass" : "volume"}: a solution needs the ${volume ? "mass dissolved (--mass or --tab)" : "final volume (--volume)"} too; or leave out both for a proposal`,
        volume ? "mass" : "volume",
      );
    }
    const solubilityMgPerMl = prepared.substance.solubilityMgPerMl;
    if (dissolved && volume) {
      const result = calculateSolution({
        massMg: convert(dissolved.amount, dissolved.unit, "mg"),
        solutionVolumeMl: toBase(volume),
        doseMg: prepared.doseMg,
        tools,
        massIsCounted: tab !== undefined,
        solubilityMgPerMl,
        unit: prepared.substance.unit,
        notDissolved: prepared.substance.notDissolved,
      });
      output(context, prepared, result, null);
    } else {
      const plan = planSolution({
        doseMg: prepared.doseMg,
        tools,
        tabMg: tab ? convert(tab.amount, tab.unit, "mg") : undefined,
        solubilityMgPerMl,
        unit: prepared.substance.unit,
        notDissolved: prepared.substance.notDissolved,
        intervalDays: readIntervalDays(context, prepared.substance),
      });
      output(context, prepared, plan, plan);
    }
    return 0;
  },
};

function readTools(context: CommandContext): MeasuringTools {
  const mg = (name: string, fallback: number | undefined) => {
    const q = optionalQuantity(context, name, "mass");
    return q ? convert(q.amount, q.unit, "mg") : fallback;
  };
  const ml = (name: string, fallback: number) => {
    const q = optionalQuantity(context, name, "volume");
    return q ? toBase(q) : fallback;
  };
  return {
    scaleResolutionMg: mg("scale-resolution", defaultTools.scaleResolutionMg) ?? 1,
    scaleAccuracyMg: mg("scale-accuracy", undefined),
    solventResolutionMl: ml("solvent-resolution", defaultTools.solventResolutionMl),
    syringeResolutionMl: ml("syringe-resolution", defaultTools.syringeResolutionMl),
  };
}

/** Days between doses: --every Nd, else the substance's default protocol (Fadiman: 3). */
function readIntervalDays(context: CommandContext, substance: Substance): number {
  const text = optionalString(context, "every");
  if (text === undefined) return usualIntervalDays(substance);
  const match = /^\s*(\d{1,3})\s*d(ays?)?\s*$/iu.exec(text);
  const days = match ? Number(match[1]) : Number.NaN;
  if (!(days >= 1)) {
    throw new TitrateError(
      "CLI_INVALID_OPTION",
      `every: "${text}" is not a number of days, for example 7d`,
      "every",
    );
  }
  return days;
}

function output(
  context: CommandContext,
  prepared: PreparedDose,
  result: SolutionResult,
  plan: SolutionPlan | null,
): void {
  const notes = [...prepared.notes, ...result.notes];
  if (context.json) {
    writeJson(context.io, {
      substance: prepared.substance.id,
      doseMg: prepared.doseMg,
      ...(plan
        ? {
            massMg: plan.massMg,
            tabs: plan.tabs,
            solventVolumeMl: plan.solventVolumeMl,
            lastsDays: plan.lastsDays,
          }
        : {}),
      concentrationMgPerMl: result.concentrationMgPerMl,
      doseVolumeMl: result.doseVolumeMl,
      deliveredMg: result.deliveredMg,
      relativeUncertainty: result.relativeUncertainty,
      uncertaintyIsEstimate: true,
      doses: result.doses,
      warnings: result.warnings,
      notes,
    });
    return;
  }
  const { stdout, env } = context.io;
  const style = styler(stdout, env);
  const unit = prepared.substance.unit;
  const inUnit = (mg: number) => formatAmount(convert(mg, "mg", unit), unit);
  const concentration =
    unit === "µg"
      ? `${formatNumber(convert(result.concentrationMgPerMl, "mg", "µg"), 3)} µg/ml`
      : `${formatNumber(result.concentrationMgPerMl, 3)} mg/ml`;
  if (plan) {
    const what =
      plan.tabs === null
        ? `Weigh ${inUnit(plan.massMg)}`
        : `Dissolve ${plan.tabs} tab${plan.tabs > 1 ? "s" : ""} (${inUnit(plan.massMg)} as stated)`;
    writeLine(stdout, style("bold", `Proposed solution for ${inUnit(prepared.doseMg)} doses`));
    writeLine(
      stdout,
      `  ${what} and make up to ${formatAmount(plan.solventVolumeMl, "ml")} with distilled water.`,
    );
  } else {
    writeLine(stdout, style("bold", `Solution for ${inUnit(prepared.doseMg)} doses`));
  }
  writeLine(stdout, `  concentration  ${concentration}`);
  writeLine(
    stdout,
    `  draw           ${style("bold", formatAmount(result.doseVolumeMl, "ml"))} per dose (${inUnit(result.deliveredMg)})`,
  );
  writeLine(
    stdout,
    `  uncertainty    ±${formatNumber(result.relativeUncertainty * 100, 1)} % (an estimate, FACTS MEAS-2)`,
  );
  writeLine(stdout, `  holds          ${result.doses} dose${result.doses === 1 ? "" : "s"}`);
  if (plan) {
    writeLine(
      stdout,
      `  lasts          about ${countText(plan.lastsDays, "day")} at your interval; Titrate has no sourced shelf life for home-made solutions, so keep batches small and dated`,
    );
  }
  for (const warning of result.warnings) writeLine(stdout, style("yellow", `  ! ${warning}`));
  writeLine(stdout);
  for (const note of notes) writeLine(stdout, `  • ${note}`);
  writeLine(stdout);
  writeLine(
    stdout,
    `Measure: draw ${formatAmount(result.doseVolumeMl, "ml")} with a 1 ml syringe, reading the plunger's top edge at eye level.`,
  );
}
