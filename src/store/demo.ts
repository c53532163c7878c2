/**
 * `titrate demo`: a realistic, synthetic journal for screenshots, manual testing and
 * benchmarks. The same seed, number of days and end date always give the same journal
 * (a seeded generator, demo-random.ts; no clock, no Math.random).
 *
 * The story, over the days ending on `endDate`, in Europe/London:
 * - an owner "demo" weighing 70 kg; a ketamine nasal spray (35 mg/ml, 0.1 ml a spray), a new
 *   bottle every half year, each tested with Morris and Mandelin reagents (both match);
 * - a plan: 7 mg (2 sprays) every 7 days at 09:00, 4 weeks on and 2 off (FACTS K-DOSE-1,
 *   K-DOSE-2, P-PROT-2), and a preset for it;
 * - doses following the plan a few minutes either side, with a blood-pressure reading before
 *   each (K-BP-1), one dose taken a day late and one missed;
 * - an evening check-in most days: mood, energy, focus, anxiety and sleep with noise, a slow
 *   improvement, and a small real lift on dose days and the day after;
 * - a PHQ-9 every week, slowly improving (item 9 always 0);
 * - alcohol on some Friday and Saturday evenings, always more than a day before and 12 hours
 *   after a dose except once (wine the evening of a dose day), so the combination rule has
 *   something to find (K-MIX-1);
 * - one bladder symptom report near the end (K-BLAD-1), for the bladder rule.
 *
 * Entries after `now` are left out: a journal records what has happened.
 */
import { Temporal } from "temporal-polyfill";
import { TitrateError } from "../core/errors.ts";
import { matchReagentResult } from "../core/safety/reagent-verdict.ts";
import { generateSchedule } from "../core/schedule/occurrences.ts";
import type {
  ExportedBatch,
  ExportedBloodPressure,
  ExportedCheckIn,
  ExportedDose,
  ExportedNote,
  ExportedOtherSubstance,
  ExportedScreening,
  ExportedSymptomReport,
  JournalTables,
} from "../core/schemas/export.ts";
import { type Plan, scoreScreeningInput } from "../core/schemas/journal.ts";
import { getSubstance } from "../core/substances/catalog.ts";
import { formatInstant } from "../core/time.ts";
import { seededIds, seededRandom } from "./demo-random.ts";
import { idPrefixes } from "./ids.ts";
import type { ImportPayload } from "./import.ts";
import { mergeIntoAccount } from "./import-merge.ts";
import type { Store } from "./store.ts";

export const DEMO_TIME_ZONE = "Europe/London";
export const DEMO_USERNAME = "demo";
/** The plan is limited to 1000 doses; 10 000 days (27 years) stays under it. */
export const MAX_DEMO_DAYS = 10_000;

export interface DemoOptions {
  readonly seed: number;
  readonly days: number;
  /** The last day, YYYY-MM-DD in Europe/London (the CLI passes today). */
  readonly endDate: string;
  /** Entries after this instant are left out. */
  readonly now: Temporal.Instant;
}

const DOSE_MG = 7;
const SPRAY_MG_PER_ML = 35;
const ML_PER_SPRAY = 0.1;
const BATCH_EVERY_DAYS = 182;

const effects = [
  "a lighter, calmer afternoon",
  "a bit floaty for an hour, then fine",
  "more patient with people",
  "colours a little brighter",
  "nothing much",
  "easier to start work",
];
const afterEffects = [
  "slight headache in the morning",
  "tired",
  "clear-headed",
  "a bit flat",
  "slept well",
];
const dayNotes = [
  "busy day at work",
  "long walk by the river",
  "slept badly",
  "saw friends",
  "rainy, stayed in",
  "gym in the morning",
];

/** The demo journal as an import payload (every record in the export's shape). */
export function generateDemoJournal(options: DemoOptions): ImportPayload {
  if (!Number.isInteger(options.days) || options.days < 1 || options.days > MAX_DEMO_DAYS) {
    throw new TitrateError(
      "VALIDATION_FAILED",
      `days: must be a whole number from 1 to ${MAX_DEMO_DAYS}`,
      "days",
    );
  }
  const random = seededRandom(options.seed);
  const newId = seededIds(seededRandom(options.seed ^ 0x5eed1d5));
  const zone = DEMO_TIME_ZONE;
  const end = Temporal.PlainDate.from(options.endDate);
  const start = end.subtract({ days: options.days - 1 });
  const at = (date: Temporal.PlainDate, hour: number, minute = 0): string =>
    formatInstant(
      date
        .toZonedDateTime({ timeZone: zone, plainTime: new Temporal.PlainTime(hour, 0) })
        .add({ minutes: minute })
        .toInstant(),
    );
  const shift = (instant: string, minutes: number): string =>
    formatInstant(Temporal.Instant.from(instant).add({ minutes: Math.round(minutes) }));
  const localDate = (instant: string): string =>
    Temporal.Instant.from(instant).toZonedDateTimeISO(zone).toPlainDate().toString();
  const meta = (created: string) => ({ source: "demo", fingerprint: null, createdAt: created });

  // Setting up happens before the first entries, and never after `now` (a journal of one day
  // made early in the morning).
  const nowText = formatInstant(options.now);
  const setup = (instant: string): string => (instant <= nowText ? instant : nowText);
  const createdAt = setup(at(start, 7, 55));
  const user = {
    id: newId(idPrefixes.users),
    username: DEMO_USERNAME,
    role: "owner" as const,
    createdAt,
  };
  const profile = {
    weightKg: 70,
    units: "metric" as const,
    timeZone: zone,
    conditions: [],
    country: "GB",
    emergencyNumber: null,
    helpline: null,
    updatedAt: createdAt,
  };

  // ── supply ──
  const ketamine = getSubstance("ketamine");
  const batches: ExportedBatch[] = [];
  for (let day = 0, n = 1; day < options.days; day += BATCH_EVERY_DAYS, n++) {
    const date = start.add({ days: day });
    const created = at(date, 8, 30);
    const test = (reagent: string, result: string, minute: number) => ({
      id: newId(idPrefixes.reagent_tests),
      reagent,
      result,
      at: at(date, 8, 30 + minute),
      verdict: matchReagentResult(ketamine, reagent, result),
    });
    const previous = batches.at(-1);
    if (previous) batches[batches.length - 1] = { ...previous, archivedAt: created };
    batches.push({
      id: newId(idPrefixes.batches),
      substance: "ketamine",
      label: `spray ${n}`,
      form: "spray",
      concentrationMgPerMl: SPRAY_MG_PER_ML,
      mlPerSpray: ML_PER_SPRAY,
      purityPercent: null,
      createdAt: created,
      reagentTests: [test("morris", "lavender precipitate", 5), test("mandelin", "orange", 10)],
      archivedAt: null,
    });
  }
  const batchAt = (instant: string): string => {
    const batch = batches.findLast((b) => b.createdAt <= instant) ?? batches[0];
    return batch?.id ?? "";
  };

  const plan: Plan = {
    id: newId(idPrefixes.plans),
    substance: "ketamine",
    target: { amount: DOSE_MG, unit: "mg" },
    protocol: { kind: "every-n-days", intervalDays: 7 },
    cycle: { weeksOn: 4, weeksOff: 2 },
    startDate: start.toString(),
    localTime: "09:00",
    timeZone: zone,
    end: { kind: "until", date: end.add({ days: 28 }).toString() },
    acceptRisk: false,
    createdAt: setup(at(start, 8, 0)),
    endedAt: null,
  };
  const preset = {
    id: newId(idPrefixes.presets),
    name: "usual",
    substance: "ketamine",
    amount: DOSE_MG,
    unit: "mg",
    route: "nasal",
    batchId: null,
    volumeMl: null,
    sprays: null,
    createdAt: setup(at(start, 8, 1)),
  };

  // ── doses, each with a blood-pressure reading before it ──
  const lastInstant = at(end.add({ days: 1 }), 0);
  const occurrences = generateSchedule(plan).occurrences.filter((o) => o.at < lastInstant);
  const n = occurrences.length;
  // With at least 4 planned doses: one a day late, one missed, and wine on one dose day.
  const lateIndex = n >= 4 ? Math.floor(n * 0.4) : -1;
  const missedIndex = n >= 4 ? Math.max(lateIndex + 1, Math.floor(n * 0.7)) : -1;
  const wineIndex = n >= 4 ? (lateIndex > 0 ? lateIndex - 1 : n - 1) : -1;
  const doses: ExportedDose[] = [];
  let wineDose: ExportedDose | undefined;
  const pressures: ExportedBloodPressure[] = [];
  occurrences.forEach((occurrence, i) => {
    if (i === missedIndex) return;
    const late = i === lateIndex;
    const taken = shift(occurrence.at, late ? 26 * 60 + random.int(0, 40) : random.int(-15, 45));
    pressures.push({
      id: newId(idPrefixes.blood_pressures),
      at: shift(taken, -20),
      timeZone: zone,
      systolicMmHg: Math.round(Math.min(135, random.normal(118, 6))),
      diastolicMmHg: Math.round(Math.min(86, random.normal(76, 4))),
      pulseBpm: Math.round(random.normal(68, 6)),
      ...meta(shift(taken, -20)),
    });
    const dose: ExportedDose = {
      id: newId(idPrefixes.doses),
      at: taken,
      timeZone: zone,
      substance: "ketamine",
      amount: DOSE_MG,
      unit: "mg",
      route: "nasal",
      batchId: batchAt(taken),
      planId: plan.id,
      isEstimate: false,
      note: late ? "Took it a day late: away for work." : random.chance(0.1) ? "2 sprays" : null,
      ...meta(taken),
    };
    doses.push(dose);
    if (i === wineIndex) wineDose = dose;
  });

  // ── evening check-ins ──
  const doseDays = new Set(doses.map((d) => localDate(d.at)));
  const checkIns: ExportedCheckIn[] = [];
  const rating = (value: number) => Math.max(0, Math.min(10, Math.round(value)));
  for (let day = 0; day < options.days; day++) {
    const date = start.add({ days: day });
    if (random.chance(0.06)) continue; // forgotten, as real journals are
    const time = at(date, 21, random.int(-45, 60));
    const onDoseDay = doseDays.has(date.toString());
    const dayAfter = doseDays.has(date.subtract({ days: 1 }).toString());
    const trend = 1 - Math.exp(-day / 120);
    const lift = onDoseDay ? 1 : dayAfter ? 0.5 : 0;
    checkIns.push({
      id: newId(idPrefixes.check_ins),
      at: time,
      timeZone: zone,
      mood: rating(random.normal(5 + 1.2 * trend + 0.8 * lift, 1.1)),
      energy: rating(random.normal(5.5 + 0.6 * trend + 0.6 * lift, 1.1)),
      focus: rating(random.normal(5.5 + 0.5 * trend + 0.5 * lift, 1.1)),
      anxiety: rating(random.normal(4.5 - 1 * trend - 0.4 * lift, 1.1)),
      sleep: rating(random.normal(6.5 - (onDoseDay ? 0.3 : 0), 1)),
      effects: onDoseDay ? random.pick(effects) : null,
      afterEffects: dayAfter && random.chance(0.3) ? random.pick(afterEffects) : null,
      note: random.chance(0.08) ? random.pick(dayNotes) : null,
      shulgin: null,
      ...meta(time),
    });
  }

  // ── a weekly PHQ-9 ──
  const screenings: ExportedScreening[] = [];
  for (let day = 2; day < options.days; day += 7) {
    const time = at(start.add({ days: day }), 10, random.int(-30, 30));
    const total = Math.max(
      0,
      Math.min(24, Math.round(6 + 7 * Math.exp(-day / 150) + random.normal(0, 1.2))),
    );
    const answers = [0, 0, 0, 0, 0, 0, 0, 0, 0];
    for (let left = total; left > 0; ) {
      const item = random.int(0, 7); // item 9 (thoughts of self-harm) stays 0
      if ((answers[item] ?? 0) < 3) {
        answers[item] = (answers[item] ?? 0) + 1;
        left--;
      }
    }
    const scored = scoreScreeningInput({ at: time, timeZone: zone, instrument: "phq9", answers });
    screenings.push({ id: newId(idPrefixes.screenings), ...scored, ...meta(time) });
  }

  // ── alcohol, away from doses except once ──
  const doseTimes = doses.map((d) => Temporal.Instant.from(d.at).epochMilliseconds);
  const hour = 3_600_000;
  const nearDose = (instant: string) => {
    const t = Temporal.Instant.from(instant).epochMilliseconds;
    return doseTimes.some((d) => t > d - 24 * hour && t < d + 12 * hour);
  };
  const others: ExportedOtherSubstance[] = [];
  const drink = (time: string, units: number, note: string | null) => {
    others.push({
      id: newId(idPrefixes.other_substances),
      at: time,
      timeZone: zone,
      name: "alcohol",
      amount: units,
      unit: "units",
      route: "oral",
      note,
      ...meta(time),
    });
  };
  for (let day = 0; day < options.days; day++) {
    const date = start.add({ days: day });
    if (date.dayOfWeek < 5 || date.dayOfWeek > 6 || !random.chance(0.5)) continue;
    const time = at(date, 20, random.int(-60, 60));
    if (!nearDose(time)) drink(time, random.int(2, 4), random.pick([null, "beer", "wine"]));
  }
  if (wineDose) drink(shift(wineDose.at, 9 * 60), 2, "wine with dinner");
  others.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));

  // ── one bladder symptom report, near the end ──
  const symptomDay = start.add({ days: Math.max(0, options.days - 5) });
  const symptomAt = at(symptomDay, 19, 10);
  const symptomReports: ExportedSymptomReport[] = [
    {
      id: newId(idPrefixes.symptom_reports),
      at: symptomAt,
      timeZone: zone,
      checklist: "bladder",
      symptoms: ["frequent"],
      note: "Needing to go more often these last few days.",
      ...meta(symptomAt),
    },
  ];
  const notes: ExportedNote[] = [
    {
      id: newId(idPrefixes.notes),
      at: at(start, 8, 5),
      timeZone: zone,
      text: "Starting the journal: 7 mg (2 sprays) every 7 days, 4 weeks on and 2 off. Checking in every evening, PHQ-9 on the weekend.",
      ...meta(at(start, 8, 5)),
    },
  ];

  const past = <T extends { at: string }>(items: readonly T[]): T[] =>
    items.filter(
      (item) => Temporal.Instant.compare(Temporal.Instant.from(item.at), options.now) <= 0,
    );
  const tables: JournalTables = {
    weights: past([{ id: newId(idPrefixes.weights), at: createdAt, weightKg: 70 }]),
    medications: [],
    batches: batches
      .filter((b) => b.createdAt <= nowText)
      .map((b) => ({
        ...b,
        reagentTests: past(b.reagentTests),
        archivedAt: b.archivedAt !== null && b.archivedAt <= nowText ? b.archivedAt : null,
      })),
    presets: [preset],
    plans: [plan],
    doses: past(doses),
    otherSubstances: past(others),
    checkIns: past(checkIns),
    symptomReports: past(symptomReports),
    bloodPressures: past(pressures),
    screenings: past(screenings),
    notes: past(notes),
    findingAcknowledgements: [],
  };
  return { user, profile, tables };
}

export interface DemoSummary {
  readonly username: string;
  readonly startDate: string;
  readonly endDate: string;
  /** Records written per table. */
  readonly counts: Readonly<Record<string, number>>;
}

/**
 * Writes the demo journal into an empty data directory, in one transaction. Refuses
 * (JOURNAL_NOT_EMPTY) when the journal has any account: demo entries mixed into a real
 * journal would set off real safety findings and skew its insights.
 */
export async function writeDemoJournal(store: Store, options: DemoOptions): Promise<DemoSummary> {
  const payload = generateDemoJournal(options);
  return store.transaction(async (tx) => {
    const accounts = await tx.selectFrom("users").select("username").execute();
    if (accounts.length > 0) {
      throw new TitrateError(
        "JOURNAL_NOT_EMPTY",
        `${store.location} already holds a journal (account ${accounts.map((a) => `"${a.username}"`).join(", ")}); demo data is written only into an empty data directory: pass another one with --data-dir`,
        "data-dir",
      );
    }
    const report = await mergeIntoAccount(tx, payload, {});
    const counts = Object.fromEntries(
      Object.entries(report.counts).map(([table, c]) => [table, c.added]),
    );
    return {
      username: report.username,
      startDate: Temporal.PlainDate.from(options.endDate)
        .subtract({ days: options.days - 1 })
        .toString(),
      endDate: options.endDate,
      counts,
    };
  });
}
