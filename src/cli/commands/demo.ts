import { Temporal } from "temporal-polyfill";
import { TitrateError } from "../../core/errors.ts";
import { DEMO_TIME_ZONE, MAX_DEMO_DAYS, writeDemoJournal } from "../../store/demo.ts";
import { assertNoPositionals, optionalString } from "../args.ts";
import type { Command, OptionSpec } from "../command.ts";
import { dataDirOf, withStore } from "../journal-context.ts";
import { journalOptions } from "../journal-options.ts";
import { writeJson, writeLine } from "../output.ts";

function wholeNumber(text: string, name: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/u.test(text.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new TitrateError(
      "CLI_INVALID_OPTION",
      `${name}: must be a whole number from ${min} to ${max}`,
      name,
    );
  }
  return value;
}

export const command: Command = {
  name: "demo",
  summary: "Fill an empty data directory with a realistic synthetic journal",
  options: {
    days: { type: "string", value: "90", description: "How many days, ending today (default 90)." },
    seed: {
      type: "string",
      value: "1",
      description: "The same seed gives the same journal (default 1).",
    },
    end: {
      type: "string",
      value: "2026-03-22",
      description: "The last day instead of today (Europe/London), for repeatable data.",
    },
    "data-dir": journalOptions["data-dir"] as OptionSpec,
  },
  examples: [
    "titrate demo --data-dir /tmp/titrate-demo",
    "titrate demo --days 3650 --seed 7 --data-dir /tmp/titrate-bench",
    "titrate demo --days 90 --seed 1 --end 2026-03-22 --data-dir /tmp/a --json",
  ],
  details: [
    'For screenshots, trying Titrate out, and benchmarks. An account "demo" (70 kg, Europe/London) with a ketamine nasal-spray plan every 7 days (4 weeks on, 2 off), doses with one late and one missed, blood pressure before each dose, evening check-ins with a small lift on dose days, a weekly PHQ-9, alcohol now and then (once on a dose day), and one bladder symptom report. Every entry is marked as demo data (source "demo").',
    "It only writes into an empty data directory, never beside a real journal: use --data-dir. `titrate erase --yes --data-dir DIR` removes it again.",
  ],
  async run(context) {
    assertNoPositionals(context, "demo");
    const days = wholeNumber(optionalString(context, "days") ?? "90", "days", 1, MAX_DEMO_DAYS);
    const seed = wholeNumber(optionalString(context, "seed") ?? "1", "seed", 0, 2 ** 32 - 1);
    const now = Temporal.Now.instant();
    const endText = optionalString(context, "end");
    let endDate: string;
    try {
      endDate =
        endText === undefined
          ? now.toZonedDateTimeISO(DEMO_TIME_ZONE).toPlainDate().toString()
          : Temporal.PlainDate.from(endText.trim()).toString();
    } catch {
      throw new TitrateError(
        "CLI_INVALID_OPTION",
        `end: "${endText}" is not a date; write it like 2026-03-22`,
        "end",
      );
    }
    // Refused before anything is written when pointed at PostgreSQL (TITRATE_DATABASE_URL).
    dataDirOf(context, "demo");
    const started = performance.now();
    const summary = await withStore(context, (store) =>
      writeDemoJournal(store, { seed, days, endDate, now }),
    );
    const elapsedMs = Math.round(performance.now() - started);
    if (context.json) {
      writeJson(context.io, { dataDir: dataDirOf(context), seed, days, ...summary, elapsedMs });
      return 0;
    }
    const { stdout } = context.io;
    const total = Object.values(summary.counts).reduce((sum, n) => sum + n, 0);
    writeLine(
      stdout,
      `Wrote a demo journal of ${days} day${days === 1 ? "" : "s"} (${summary.startDate} to ${summary.endDate}, seed ${seed}) into ${dataDirOf(context)}: ${total} records in ${elapsedMs} ms.`,
    );
    const counts = Object.entries(summary.counts)
      .filter(([, n]) => n > 0)
      .map(([t, n]) => `${t} ${n}`)
      .join(", ");
    writeLine(stdout, `  ${counts}`);
    writeLine(stdout, `Try: titrate journal --data-dir ${dataDirOf(context)}`);
    return 0;
  },
};
