import { TitrateError } from "../../../core/errors.ts";
import { calculateSpray, type SprayVolume } from "../../../core/preparation/spray.ts";
import { convert, formatAmount, formatNumber, parseQuantity, toBase } from "../../../core/units.ts";
import { assertNoPositionals, optionalString, requiredQuantity } from "../../args.ts";
import type { Command, CommandContext } from "../../command.ts";
import { styler, writeJson, writeLine } from "../../output.ts";
import { preparedDoseOptions, readPreparedDose } from "./prepared-dose.ts";

export const calcSpray: Command = {
  name: "calc spray",
  summary: "Nasal spray: mg per spray, whole sprays for a dose, and alternatives",
  options: {
    ...preparedDoseOptions,
    concentration: {
      type: "string",
      value: "50mg/ml",
      description: "Concentration of the solution in the bottle.",
    },
    "spray-volume": {
      type: "string",
      value: "0.1ml",
      description: "Volume one spray delivers (about 0.1 ml for most pumps).",
    },
    "sprays-per-ml": {
      type: "string",
      value: "10",
      description: "Instead: sprays counted per ml.",
    },
    calibration: {
      type: "string",
      value: "10:1.02g",
      description: "Instead: N sprays of water and what they weighed (1 ml of water ≈ 1 g).",
    },
  },
  examples: [
    "titrate calc spray --concentration 50mg/ml --spray-volume 0.1ml --dose 14mg",
    "titrate calc spray --concentration 50mg/ml --sprays-per-ml 10 --dose 7mg --json",
    "titrate calc spray --concentration 25mg/ml --calibration 10:1.02g --dose 7mg --weight 70kg",
  ],
  details: [
    "The number of sprays is rounded down, so the sprays never exceed the dose. The alternatives are the concentrations that would make the dose exactly 1, 2, 3 or 4 sprays. Calibrate a pump by weighing 10 sprays of water (FACTS MEAS-3).",
    "Refused: a pump of more than 0.5 ml a spray, a dose that would take more than 20 sprays, and a substance that is not taken by the nose (LSD).",
  ],
  run(context) {
    assertNoPositionals(context, "calc spray");
    const prepared = readPreparedDose(context);
    // A spray is a nasal dose: a substance without that route (LSD) has no spray to plan.
    const { substance } = prepared;
    if (!substance.routes.some((r) => r.route === "nasal")) {
      throw new TitrateError(
        "ROUTE_UNKNOWN",
        `substance: ${substance.name} is not taken as a nasal spray (its routes: ${substance.routes.map((r) => r.route).join(", ")}); calc spray is for a substance sprayed into the nose, such as ketamine. For a measured solution see titrate calc solution`,
        "substance",
      );
    }
    const concentration = requiredQuantity(context, "concentration", "concentration", "50mg/ml");
    const result = calculateSpray({
      concentrationMgPerMl: toBase(concentration),
      volume: readSprayVolume(context),
      doseMg: prepared.doseMg,
      solubilityMgPerMl: prepared.substance.solubilityMgPerMl,
    });
    const notes = [...prepared.notes, ...result.notes];
    if (context.json) {
      writeJson(context.io, {
        substance: prepared.substance.id,
        doseMg: prepared.doseMg,
        mlPerSpray: result.mlPerSpray,
        mgPerSpray: result.mgPerSpray,
        sprays: result.sprays,
        deliveredMg: result.deliveredMg,
        alternatives: result.alternatives,
        warnings: result.warnings,
        notes,
      });
      return 0;
    }
    const { stdout, env } = context.io;
    const style = styler(stdout, env);
    // Amounts in the substance's own unit (mg for ketamine, µg for a µg substance).
    const { unit } = prepared.substance;
    const shown = (mg: number) => formatAmount(convert(mg, "mg", unit), unit);
    writeLine(stdout, style("bold", `Nasal spray for ${shown(prepared.doseMg)}`));
    writeLine(
      stdout,
      `  per spray  ${shown(result.mgPerSpray)} (${formatAmount(result.mlPerSpray, "ml")} of ${formatNumber(toBase(concentration), 3)} mg/ml)`,
    );
    writeLine(
      stdout,
      `  sprays     ${style("bold", String(result.sprays))}, delivering ${shown(result.deliveredMg)}`,
    );
    writeLine(stdout, "  to make the dose exactly:");
    for (const a of result.alternatives) {
      writeLine(
        stdout,
        `    ${a.sprays} spray${a.sprays > 1 ? "s" : " "}  at ${formatNumber(a.concentrationMgPerMl, 1)} mg/ml`,
      );
    }
    for (const warning of result.warnings) writeLine(stdout, style("yellow", `  ! ${warning}`));
    writeLine(stdout);
    for (const note of notes) writeLine(stdout, `  • ${note}`);
    return 0;
  },
};

function readSprayVolume(context: CommandContext): SprayVolume {
  const volumeText = optionalString(context, "spray-volume");
  const perMlText = optionalString(context, "sprays-per-ml");
  const calibrationText = optionalString(context, "calibration");
  const given = [volumeText, perMlText, calibrationText].filter((v) => v !== undefined).length;
  if (given > 1) {
    throw new TitrateError(
      "CLI_INVALID_OPTION",
      "give one of --spray-volume, --sprays-per-ml or --calibration",
      "spray-volume",
    );
  }
  if (volumeText !== undefined) {
    return {
      kind: "volume",
      mlPerSpray: toBase(parseQuantity(volumeText, "volume", "spray-volume")),
    };
  }
  if (perMlText !== undefined) {
    return { kind: "sprays-per-ml", spraysPerMl: positiveCount(perMlText, "sprays-per-ml") };
  }
  if (calibrationText !== undefined) {
    const match = /^\s*([^:]+):([^:]+)$/u.exec(calibrationText);
    if (!match) {
      throw new TitrateError(
        "CLI_INVALID_OPTION",
        `calibration: "${calibrationText}" is not sprays:weight; weigh 10 sprays of water and write, for example, --calibration 10:1.02g (10 sprays weighed 1.02 g; FACTS MEAS-3)`,
        "calibration",
      );
    }
    const [, count = "", mass = ""] = match;
    const grams = parseQuantity(mass, "mass", "calibration");
    return {
      kind: "calibration",
      sprays: positiveCount(count, "calibration"),
      massG: toBase(grams) / 1000,
    };
  }
  return { kind: "assumed" };
}

function positiveCount(text: string, field: string): number {
  const value = Number(text.trim().replace(",", "."));
  if (!/^\s*\d+([.,]\d+)?\s*$/u.test(text) || !(value > 0) || value > 1000) {
    throw new TitrateError(
      "CLI_INVALID_OPTION",
      `${field}: "${text}" is not a positive count${field === "calibration" ? "; write sprays:mass, for example 10:1.02g" : ""}`,
      field,
    );
  }
  return value;
}
