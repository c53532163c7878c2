import { TitrateError } from "../../core/errors.ts";
import {
  findReagentExpectation,
  reagentVerdictMeaning,
} from "../../core/safety/reagent-verdict.ts";
import { type Batch, batchForms } from "../../core/schemas/journal.ts";
import { findSubstance, getSubstance } from "../../core/substances/catalog.ts";
import { formatInstant, parseWhen } from "../../core/time.ts";
import { convert, parseQuantity, roundTo, toBase } from "../../core/units.ts";
import { requireProfile } from "../../store/journal/profile.ts";
import { createBatch, testBatch } from "../../store/journal/supplies.ts";
import { listBatches } from "../../store/repos/batches.ts";
import { assertNoPositionals, optionalString, requiredString } from "../args.ts";
import type { Command, CommandGroup } from "../command.ts";
import { withJournal } from "../journal-context.ts";
import { journalOptions } from "../journal-options.ts";
import { styler, writeJson, writeLine } from "../output.ts";

const add: Command = {
  name: "batch add",
  summary: "Record a batch of your supply (form, strength, measured purity)",
  options: {
    substance: { type: "string", value: "ketamine", description: "What the batch is sold as." },
    label: {
      type: "string",
      value: '"bottle A"',
      description: "A name you will recognise (unique).",
    },
    form: { type: "string", value: "solution", description: `One of ${batchForms.join(", ")}.` },
    concentration: { type: "string", value: "10mg/ml", description: "For a solution or spray." },
    "spray-volume": {
      type: "string",
      value: "0.1ml",
      description: "For a spray: volume per spray (calibrated).",
    },
    purity: {
      type: "string",
      value: "85%",
      description: "Purity measured by a drug-checking service (information only).",
    },
    ...journalOptions,
  },
  examples: [
    'titrate batch add --substance ketamine --form solution --concentration 10mg/ml --label "bottle A"',
    "titrate batch add --substance ketamine --form spray --concentration 50mg/ml --spray-volume 0.1ml --label spray",
    "titrate batch add --substance lsd --form blotter --label tabs-june",
  ],
  details: [
    "Test every batch, every time, even from a known source (FACTS TEST-2): titrate batch test <label> --reagent mandelin --result orange. A measured purity is shown beside doses for information; it never raises what the ceiling allows (FACTS DESIGN-1).",
  ],
  async run(context) {
    assertNoPositionals(context, "batch add");
    const substance = getSubstance(requiredString(context, "substance", "ketamine"));
    const concentration = optionalString(context, "concentration");
    const sprayVolume = optionalString(context, "spray-volume");
    const purity = optionalString(context, "purity");
    const input = {
      substance: substance.id,
      label: requiredString(context, "label", '"bottle A"').trim(),
      form:
        optionalString(context, "form") ??
        (sprayVolume ? "spray" : concentration ? "solution" : "powder"),
      concentrationMgPerMl:
        concentration === undefined
          ? null
          : roundTo(toBase(parseQuantity(concentration, "concentration", "concentration")), 6),
      mlPerSpray:
        sprayVolume === undefined
          ? null
          : roundTo(toBase(parseQuantity(sprayVolume, "volume", "spray-volume")), 6),
      purityPercent:
        purity === undefined ? null : parseQuantity(purity, "percent", "purity").amount,
    };
    const batch = await withJournal(context, ({ store, user, now }) =>
      createBatch(store, user.id, input, now),
    );
    if (context.json) {
      writeJson(context.io, { batch });
      return 0;
    }
    writeLine(context.io.stdout, `Added batch "${batch.label}" (${batch.id}).`);
    writeLine(
      context.io.stdout,
      `It is untested: test it before use, e.g. titrate batch test "${batch.label}" --reagent ${substance.reagents[0]?.reagent ?? "ehrlich"} --result "<colour you see>"`,
    );
    return 0;
  },
};

const test: Command = {
  name: "batch test",
  summary: "Record a reagent test result; Titrate compares it with the expected colour",
  args: "<batch>",
  options: {
    reagent: {
      type: "string",
      value: "mandelin",
      description: "The reagent used (Morris, Mandelin, Ehrlich…).",
    },
    result: { type: "string", value: '"orange"', description: "What you saw, in your words." },
    at: { type: "string", value: '"2026-03-22 09:10"', description: "When (default now)." },
    ...journalOptions,
  },
  examples: [
    'titrate batch test "bottle A" --reagent mandelin --result orange',
    'titrate batch test "bottle A" --reagent morris --result "lavender precipitate"',
    "titrate batch test tabs-june --reagent ehrlich --result purple --json",
  ],
  details: [
    "Reagents show what a substance is, not how pure or how much (FACTS TEST-1). Look-alikes can react too. Read within the time your kit says.",
  ],
  async run(context) {
    const [batchRef, ...extra] = context.positionals;
    if (batchRef === undefined || extra.length > 0) {
      throw new TitrateError(
        "CLI_MISSING_OPTION",
        'name one batch by label or id: titrate batch test "bottle A" --reagent …',
        "batch",
      );
    }
    const reagent = requiredString(context, "reagent", "mandelin");
    const result = requiredString(context, "result", '"orange"');
    const outcome = await withJournal(context, async ({ store, user, now }) => {
      const profile = await requireProfile(store, user.id);
      const atText = optionalString(context, "at");
      const at = atText === undefined ? now : parseWhen(atText, profile.timeZone, now);
      return testBatch(store, user.id, batchRef, { reagent, result, at: formatInstant(at) });
    });
    const substance = getSubstance(outcome.batch.substance);
    const expectation = findReagentExpectation(substance, reagent);
    if (context.json) {
      writeJson(context.io, { ...outcome, expected: expectation?.expected ?? null });
      return 0;
    }
    const { stdout, env } = context.io;
    const style = styler(stdout, env);
    const expected = expectation
      ? `${substance.name} with ${expectation.reagent}: ${expectation.expected}`
      : `Titrate has no expected colour for ${reagent} with ${substance.name}`;
    writeLine(stdout, `Recorded ${reagent} on "${outcome.batch.label}": ${result}`);
    writeLine(stdout, `  expected  ${expected}`);
    const colour = { match: "green", mismatch: "red", unknown: "yellow" } as const;
    const verdict = outcome.test.verdict;
    writeLine(stdout, `  verdict   ${style(colour[verdict], reagentVerdictMeaning[verdict])}`);
    return 0;
  },
};

function describeBatch(b: Batch): string {
  const parts: string[] = [b.substance, b.form];
  if (b.concentrationMgPerMl !== null) {
    // In the substance's unit: an LSD batch of 10 µg/ml is not shown as "0.01 mg/ml".
    const unit = findSubstance(b.substance)?.unit ?? "mg";
    parts.push(`${roundTo(convert(b.concentrationMgPerMl, "mg", unit), 4)} ${unit}/ml`);
  }
  if (b.mlPerSpray !== null) parts.push(`${b.mlPerSpray} ml/spray`);
  if (b.purityPercent !== null) parts.push(`${b.purityPercent} % pure`);
  const tests =
    b.reagentTests.length === 0
      ? "untested"
      : b.reagentTests.map((t) => `${t.reagent}: ${t.verdict}`).join(", ");
  return `${b.label.padEnd(16)} ${parts.join(", ")}; ${tests}  (${b.id})`;
}

const list: Command = {
  name: "batch list",
  summary: "Your batches and their tests",
  options: { ...journalOptions },
  examples: ["titrate batch list", "titrate batch list --json"],
  async run(context) {
    assertNoPositionals(context, "batch list");
    const batches = await withJournal(context, ({ store, user }) => listBatches(store.db, user.id));
    if (context.json) {
      writeJson(context.io, { batches });
      return 0;
    }
    if (batches.length === 0)
      writeLine(context.io.stdout, "No batches yet. Add one: titrate batch add --help");
    for (const b of batches) writeLine(context.io.stdout, describeBatch(b));
    return 0;
  },
};

export const group: CommandGroup = {
  name: "batch",
  summary: "Your supply: batches, strengths and reagent tests",
  commands: [add, test, list],
};
