/**
 * The shape of a questionnaire or symptom checklist: its items, its answer scale and the
 * bands its total falls into. Every instrument lives in its own file; instruments.ts
 * lists them.
 */

/** Validated questionnaires (FACTS Q-PHQ9, Q-GAD7, Q-SHORT), stored as screenings. */
export const questionnaireIds = ["phq9", "gad7", "phq2", "gad2"] as const;
export type QuestionnaireId = (typeof questionnaireIds)[number];

/** Titrate's own symptom checklists, stored as symptom reports. */
export const checklistIds = ["bladder", "nasal", "kidney-liver", "mental", "dependence"] as const;
export type ChecklistId = (typeof checklistIds)[number];

export type InstrumentId = QuestionnaireId | ChecklistId;
export const instrumentIds: readonly InstrumentId[] = [...questionnaireIds, ...checklistIds];

export interface AnswerOption {
  readonly value: number;
  readonly label: string;
}

export interface Item {
  /** Stable kebab-case id (a symptom report stores the ids of the items answered yes). */
  readonly id: string;
  readonly text: string;
}

/** A range of totals, both ends inclusive, with what it means in plain words. */
export interface Band {
  readonly id: string;
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly meaning: string;
  /** The fuller instrument to take next, for a positive short form (FACTS Q-SHORT). */
  readonly followUp?: QuestionnaireId;
}

interface InstrumentBase {
  readonly name: string;
  /** What the instrument measures, in plain words. */
  readonly title: string;
  /** The question every item answers, shown before the items. */
  readonly stem: string;
  readonly items: readonly Item[];
  readonly options: readonly AnswerOption[];
  /** Ordered from the lowest totals to the highest, covering 0 to the maximum. */
  readonly bands: readonly Band[];
  readonly facts: readonly string[];
}

export interface Questionnaire extends InstrumentBase {
  readonly kind: "questionnaire";
  readonly id: QuestionnaireId;
  /** Index of the item whose answer above 0 raises the crisis flag (PHQ-9 item 9). */
  readonly crisisItemIndex: number | null;
  readonly attribution: string;
}

export interface Checklist extends InstrumentBase {
  readonly kind: "checklist";
  readonly id: ChecklistId;
  readonly crisisItemIndex: null;
}

export type Instrument = Questionnaire | Checklist;

/** The answer scale of the PHQ and GAD questionnaires (Kroenke 2001; Spitzer 2006). */
export const frequencyOptions: readonly AnswerOption[] = [
  { value: 0, label: "Not at all" },
  { value: 1, label: "Several days" },
  { value: 2, label: "More than half the days" },
  { value: 3, label: "Nearly every day" },
];

/** The answer scale of Titrate's checklists. */
export const yesNoOptions: readonly AnswerOption[] = [
  { value: 0, label: "No" },
  { value: 1, label: "Yes" },
];

/** The licence statement the PHQ and GAD screeners are published under (docs/sources.md). */
export const pfizerAttribution =
  "Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute.";

/** The highest total an instrument can reach. */
export function maxTotal(instrument: Instrument): number {
  const top = Math.max(...instrument.options.map((o) => o.value));
  return top * instrument.items.length;
}

/** The band a total falls into (totals outside 0…max are a programming error). */
export function bandOf(instrument: Instrument, total: number): Band {
  const band = instrument.bands.find((b) => total >= b.min && total <= b.max);
  if (!band) throw new RangeError(`${instrument.id}: no band holds a total of ${total}`);
  return band;
}
