import { Temporal } from "temporal-polyfill";
import { TitrateError } from "../../core/errors.ts";
import { countText } from "../../core/safety/format.ts";
import { DEMO_TIME_ZONE, MAX_DEMO_DAYS, writeDemoJournal } from "../../store/demo.ts";
import { MAX_DEMO_PARTICIPANTS, writeStudyDemo } from "../../store/study/demo-study.ts";
import { assertNoPositionals, optionalString } from "../args.ts";
import type { Command, OptionSpec } from "../command.ts";
import { storeTargetOf, withStore } from "../journal-context.ts";
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
    participants: {
      type: "string",
      value: "N",
      description: `A study instead: a coordinator and N participants (1–${MAX_DEMO_PARTICIPANTS}), each with their own journal of --days days.`,
    },
    "data-dir": journalOptions["data-dir"] as OptionSpec,
    database: journalOptions.database as OptionSpec,
  },
  examples: [
    "titrate demo --data-dir /tmp/titrate-demo",
    "titrate demo --days 3650 --seed 7 --data-dir /tmp/titrate-bench",
    "titrate demo --days 90 --seed 1 --end 2026-03-22 --data-dir /tmp/a --json",
    "titrate demo --participants 1000 --days 365 --seed 1 --database postgres://localhost/titrate_demo",
  ],
  details: [
    'For screenshots, trying Titrate out, and benchmarks. An account "demo" (70 kg, Europe/London) with a ketamine nasal-spray plan every 7 days (4 weeks on, 2 off), doses with one late and one missed, blood pressure before each dose, evening check-ins with a small lift on dose days, a weekly PHQ-9, alcohol now and then (once on a dose day), and one bladder symptom report. Every entry is marked as demo data (source "demo").',
    "It only writes into an empty data directory, never beside a real journal: use --data-dir. `titrate erase --yes --data-dir DIR` removes it again.",
    'With --participants N: study mode at scale. An owner "coordinator" coordinates "Demo study" (the same plan as protocol, a weekly PHQ-9, every check-in item, a consent that shares all but free text, keeps data on withdrawal and shifts dates), and participants p00001… each have their own demo journal (another seed each) and are enrolled from its first day. Nobody has a passphrase: set one with `titrate passphrase --user coordinator`. Written in one transaction with bulk inserts, into a data directory or an empty PostgreSQL database (--database).',
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
    const target = storeTargetOf(context);
    const where = target.kind === "sqlite" ? target.dataDir : target.redacted;
    const participantsText = optionalString(context, "participants");
    if (participantsText !== undefined) {
      const participants = wholeNumber(participantsText, "participants", 1, MAX_DEMO_PARTICIPANTS);
      const started = performance.now();
      const step = Math.max(1, Math.round(participants / 10));
      const summary = await withStore(context, (store) =>
        writeStudyDemo(store, {
          seed,
          days,
          endDate,
          now,
          participants,
          onProgress: (done) => {
            if (!context.json && participants >= 100 && done % step === 0 && done < participants) {
              writeLine(
                context.io.stderr,
                `  ${done} of ${countText(participants, "participant")}…`,
              );
            }
          },
        }),
      );
      const elapsedMs = Math.round(performance.now() - started);
      const total = Object.values(summary.counts).reduce((sum, n) => sum + n, 0);
      if (context.json) {
        writeJson(context.io, { location: where, seed, days, ...summary, rows: total, elapsedMs });
        return 0;
      }
      writeLine(
        context.io.stdout,
        `Wrote a demo study of ${participants} participant${participants === 1 ? "" : "s"} × ${days} day${days === 1 ? "" : "s"} (${summary.startDate} to ${summary.endDate}, seed ${seed}) into ${where}: ${total} rows in ${(elapsedMs / 1000).toFixed(1)} s.`,
      );
      writeLine(
        context.io.stdout,
        `The coordinator is "${summary.coordinator}" (study ${summary.studyId}); give it a passphrase with: titrate passphrase --user ${summary.coordinator}`,
      );
      return 0;
    }
    const started = performance.now();
    const summary = await withStore(context, (store) =>
      writeDemoJournal(store, { seed, days, endDate, now }),
    );
    const elapsedMs = Math.round(performance.now() - started);
    if (context.json) {
      writeJson(context.io, {
        ...(target.kind === "sqlite" ? { dataDir: where } : { database: where }),
        seed,
        days,
        ...summary,
        elapsedMs,
      });
      return 0;
    }
    const { stdout } = context.io;
    const total = Object.values(summary.counts).reduce((sum, n) => sum + n, 0);
    writeLine(
      stdout,
      `Wrote a demo journal of ${days} day${days === 1 ? "" : "s"} (${summary.startDate} to ${summary.endDate}, seed ${seed}) into ${where}: ${total} records in ${elapsedMs} ms.`,
    );
    const counts = Object.entries(summary.counts)
      .filter(([, n]) => n > 0)
      .map(([t, n]) => `${t} ${n}`)
      .join(", ");
    writeLine(stdout, `  ${counts}`);
    writeLine(
      stdout,
      `Try: titrate journal ${target.kind === "sqlite" ? `--data-dir ${where}` : "--database URL"}`,
    );
    return 0;
  },
};
