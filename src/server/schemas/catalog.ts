/**
 * What the web app needs to render its forms without hard-coding anything: the substances
 * with their units, steps, sizing, routes and figures, the questionnaires and checklists with
 * their items and answer scales, and the health conditions Titrate asks about.
 */
import * as z from "zod/mini";

const Range = z.strictObject({
  low: z.number(),
  high: z.number(),
  typical: z.nullable(z.number()),
});

const Sizing = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("per-kg"),
    startPerKg: z.number().check(z.describe("Start dose, in the substance's unit per kg.")),
    ceilingPerKg: z.number().check(z.describe("The microdose ceiling per kg; never exceeded.")),
    facts: z.array(z.string()),
  }),
  z.strictObject({
    kind: z.literal("absolute"),
    start: z.number(),
    ceiling: z.number(),
    typical: Range,
    facts: z.array(z.string()),
  }),
]);

const RouteView = z.strictObject({
  route: z.string(),
  bioavailability: z
    .nullable(Range)
    .check(z.describe("Fraction (0–1) that reaches the blood; null when no source gives it.")),
  onsetMinutes: z.nullable(Range),
  effectHours: z.nullable(Range),
  afterEffectHours: z.nullable(Range),
  note: z.nullable(z.string()),
  uncertain: z.boolean().check(z.describe("True when the figures are weak or contested.")),
  facts: z.array(z.string()),
});

const SubstanceView = z.strictObject({
  id: z.string(),
  name: z.string(),
  aliases: z.array(z.string()),
  measuredAs: z.string(),
  unit: z.enum(["µg", "mg", "g"]),
  step: z.number().check(z.describe("Doses are rounded down to this step, in `unit`.")),
  sizing: Sizing,
  minIntervalDays: z.int(),
  minIntervalFacts: z.array(z.string()),
  defaultProtocol: z.union([
    z.strictObject({ kind: z.literal("every-n-days"), intervalDays: z.int() }),
    z.strictObject({ kind: z.literal("fadiman") }),
  ]),
  defaultCycle: z.strictObject({ weeksOn: z.int(), weeksOff: z.int() }),
  defaultRoute: z.string(),
  routes: z.array(RouteView),
  reagents: z.array(
    z.strictObject({
      reagent: z.string(),
      expected: z.string(),
      uncertain: z.boolean(),
      facts: z.array(z.string()),
    }),
  ),
  risks: z.array(
    z.strictObject({
      id: z.string(),
      title: z.string(),
      signs: z.array(z.string()),
      advice: z.string(),
      facts: z.array(z.string()),
    }),
  ),
  tolerance: z.string(),
  notes: z.array(z.string()),
  facts: z.array(z.string()),
});

const InstrumentView = z.strictObject({
  id: z.string(),
  kind: z.enum(["questionnaire", "checklist"]),
  name: z.string(),
  title: z.string(),
  stem: z.string(),
  items: z.array(z.strictObject({ id: z.string(), text: z.string() })),
  options: z.array(z.strictObject({ value: z.int(), label: z.string() })),
  bands: z.array(
    z.strictObject({
      id: z.string(),
      label: z.string(),
      min: z.int(),
      max: z.int(),
      meaning: z.string(),
      followUp: z.nullable(z.string()),
    }),
  ),
  crisisItemIndex: z
    .nullable(z.int())
    .check(
      z.describe("The item whose answer above 0 shows crisis resources at once (PHQ-9 item 9)."),
    ),
  attribution: z.nullable(z.string()),
  facts: z.array(z.string()),
});

export const Catalog = z.strictObject({
  substances: z.array(SubstanceView),
  instruments: z.array(InstrumentView),
  conditions: z.array(z.strictObject({ id: z.string(), label: z.string() })),
  batchForms: z.array(z.string()),
  reagentVerdicts: z.record(z.string(), z.string()),
});
