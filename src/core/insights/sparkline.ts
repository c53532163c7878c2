/**
 * Small charts in a line of text: Unicode block elements, one per column, on a fixed scale
 * (0–10 for ratings) so a small change looks small. Long series are averaged into at most
 * `width` columns; a column without data is a space.
 */

const LEVELS = "▁▂▃▄▅▆▇█";

export interface Sparkline {
  readonly text: string;
  /** Days per column. */
  readonly daysPerColumn: number;
}

/** How many days each column holds for `length` days in at most `width` columns. */
export function daysPerColumn(length: number, width: number): number {
  return Math.max(1, Math.ceil(length / width));
}

/** The sparkline of `values` between `min` and `max`. */
export function sparkline(
  values: readonly (number | null)[],
  min: number,
  max: number,
  width = 60,
): Sparkline {
  const step = daysPerColumn(values.length, width);
  let text = "";
  for (let i = 0; i < values.length; i += step) {
    const bucket = values.slice(i, i + step).filter((v): v is number => v !== null);
    if (bucket.length === 0) {
      text += " ";
      continue;
    }
    const mean = bucket.reduce((a, b) => a + b, 0) / bucket.length;
    const share = Math.min(1, Math.max(0, (mean - min) / (max - min)));
    text += LEVELS[Math.round(share * (LEVELS.length - 1))];
  }
  return { text, daysPerColumn: step };
}

/** A row of marks under a sparkline: `mark` in each column holding a marked day. */
export function markRow(marked: readonly boolean[], width = 60, mark = "•"): string {
  const step = daysPerColumn(marked.length, width);
  let text = "";
  for (let i = 0; i < marked.length; i += step) {
    text += marked.slice(i, i + step).some(Boolean) ? mark : " ";
  }
  return text.trimEnd();
}
