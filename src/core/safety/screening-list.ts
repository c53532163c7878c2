/**
 * What the screening rules share: the screenings of some questionnaires, oldest first, and
 * when the next one of them was taken.
 */
import type { QuestionnaireId } from "../questionnaires/instrument.ts";
import type { Screening } from "../schemas/journal.ts";
import type { JournalView, Timed } from "./journal-view.ts";
import { instantText } from "./time-math.ts";

/** The screenings of `instruments`, oldest first. */
export function screeningsOf(
  journal: JournalView,
  ...instruments: QuestionnaireId[]
): Timed<Screening>[] {
  return journal.screenings.filter((s) => instruments.includes(s.record.instrument));
}

/** When the screening after index `i` in `list` was taken, or null. */
export function nextScreeningAt(list: readonly Timed<Screening>[], i: number): string | null {
  const next = list[i + 1];
  return next ? instantText(next.ms) : null;
}
