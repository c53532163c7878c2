/**
 * Scoring: checks every answer against the instrument's scale, sums the total, finds the
 * band and raises the crisis flag (PHQ-9 item 9 above 0, FACTS Q-PHQ9). Refuses a wrong
 * number of answers or an answer off the scale with an error naming the field; never
 * guesses a missing answer.
 */
import { TitrateError } from "../errors.ts";
import {
  bandOf,
  type Instrument,
  type InstrumentId,
  instrumentIds,
  maxTotal,
  type QuestionnaireId,
} from "./instrument.ts";
import { findInstrument } from "./instruments.ts";

export interface ScoredItem {
  /** 1-based, as printed on the form. */
  readonly number: number;
  readonly id: string;
  readonly text: string;
  readonly answer: number;
  readonly answerLabel: string;
}

export interface ScoreResult {
  readonly instrument: InstrumentId;
  readonly kind: Instrument["kind"];
  readonly name: string;
  readonly total: number;
  readonly maxTotal: number;
  readonly band: string;
  readonly bandLabel: string;
  /** What the band means, in plain words. */
  readonly meaning: string;
  /** True when an answer signals a risk of self-harm: show crisis resources at once. */
  readonly crisis: boolean;
  /** The fuller questionnaire to take next (PHQ-2 → PHQ-9, GAD-2 → GAD-7), if any. */
  readonly followUp: QuestionnaireId | null;
  readonly items: readonly ScoredItem[];
  readonly sources: readonly string[];
}

/** The instrument named `name` (id or alias), or INSTRUMENT_UNKNOWN listing the ids. */
export function getInstrument(name: string, field = "instrument"): Instrument {
  const instrument = findInstrument(name);
  if (!instrument) {
    throw new TitrateError(
      "INSTRUMENT_UNKNOWN",
      `${field}: "${name}" is not a questionnaire or checklist Titrate has; use one of ${instrumentIds.join(", ")}`,
      field,
    );
  }
  return instrument;
}

/** The scale in words: `0 = Not at all, 1 = Several days, …`. */
export function describeScale(instrument: Instrument): string {
  return instrument.options.map((o) => `${o.value} = ${o.label}`).join(", ");
}

/**
 * Scores `answers` (one per item, in order, each a value of the instrument's scale).
 * Throws ANSWER_COUNT_WRONG or ANSWER_OUT_OF_SCALE naming `field` (`answers.3`, 0-based
 * as in every dot path) and the item.
 */
export function scoreInstrument(
  instrumentOrId: Instrument | string,
  answers: readonly number[],
  field = "answers",
): ScoreResult {
  const instrument =
    typeof instrumentOrId === "string" ? getInstrument(instrumentOrId) : instrumentOrId;
  const count = instrument.items.length;
  if (answers.length !== count) {
    throw new TitrateError(
      "ANSWER_COUNT_WRONG",
      `${field}: the ${instrument.name} has ${count} items and needs ${count} answers, one per item in order; got ${answers.length}`,
      field,
    );
  }
  const items = instrument.items.map((item, index): ScoredItem => {
    const answer = answers[index] as number;
    const option = instrument.options.find((o) => o.value === answer);
    if (!option) {
      throw new TitrateError(
        "ANSWER_OUT_OF_SCALE",
        `${field}.${index}: ${answer} is not on the ${instrument.name} scale for item ${index + 1} ("${item.text}"); use ${describeScale(instrument)}`,
        `${field}.${index}`,
      );
    }
    return { number: index + 1, id: item.id, text: item.text, answer, answerLabel: option.label };
  });
  const total = items.reduce((sum, item) => sum + item.answer, 0);
  const band = bandOf(instrument, total);
  const crisisIndex = instrument.crisisItemIndex;
  return {
    instrument: instrument.id,
    kind: instrument.kind,
    name: instrument.name,
    total,
    maxTotal: maxTotal(instrument),
    band: band.id,
    bandLabel: band.label,
    meaning: band.meaning,
    crisis: crisisIndex !== null && (answers[crisisIndex] ?? 0) > 0,
    followUp: band.followUp ?? null,
    items,
    sources: instrument.facts,
  };
}

const yesWords = new Set(["y", "yes"]);
const noWords = new Set(["n", "no"]);

/**
 * Reads one typed answer: a whole number on the scale, or for a checklist also y/yes/n/no.
 * Throws ANSWER_OUT_OF_SCALE naming `field`.
 */
export function parseAnswer(
  text: string,
  instrument: Instrument,
  index: number,
  field = `answers.${index}`,
): number {
  const word = text.trim().toLowerCase();
  if (instrument.kind === "checklist" && yesWords.has(word)) return 1;
  if (instrument.kind === "checklist" && noWords.has(word)) return 0;
  const value = /^\d{1,3}$/u.test(word) ? Number(word) : Number.NaN;
  if (!instrument.options.some((o) => o.value === value)) {
    const item = instrument.items[index];
    const extra = instrument.kind === "checklist" ? " (or y / n)" : "";
    throw new TitrateError(
      "ANSWER_OUT_OF_SCALE",
      `${field}: "${text.trim()}" is not on the ${instrument.name} scale${item ? ` for item ${index + 1} ("${item.text}")` : ""}; use ${describeScale(instrument)}${extra}`,
      field,
    );
  }
  return value;
}

/** Reads `--answers 1,2,0,3`: comma-separated answers, spaces allowed. */
export function parseAnswers(text: string, instrument: Instrument, field = "answers"): number[] {
  const parts = text.trim() === "" ? [] : text.split(",");
  return parts.map((part, index) => parseAnswer(part, instrument, index, `${field}.${index}`));
}
