/**
 * Every questionnaire and checklist Titrate has, and lookups by id.
 */
import {
  bladderChecklist,
  dependenceChecklist,
  kidneyLiverChecklist,
  mentalChecklist,
  nasalChecklist,
} from "./checklists.ts";
import { gad7 } from "./gad7.ts";
import type { Checklist, ChecklistId, Instrument, InstrumentId } from "./instrument.ts";
import { instrumentIds } from "./instrument.ts";
import { phq9 } from "./phq9.ts";
import { gad2, phq2 } from "./short-forms.ts";

export const instruments: readonly Instrument[] = [
  phq9,
  gad7,
  phq2,
  gad2,
  bladderChecklist,
  nasalChecklist,
  kidneyLiverChecklist,
  mentalChecklist,
  dependenceChecklist,
];

/** Spellings people type for an instrument, mapped to its id. */
const aliases: Readonly<Record<string, InstrumentId>> = {
  "phq-9": "phq9",
  "phq-2": "phq2",
  "gad-7": "gad7",
  "gad-2": "gad2",
  kidney: "kidney-liver",
  liver: "kidney-liver",
  "kidney-and-liver": "kidney-liver",
  nose: "nasal",
  "mental-state": "mental",
  psychosis: "mental",
};

/** The instrument with this id or alias ("PHQ-9", "phq9"), or undefined. */
export function findInstrument(name: string): Instrument | undefined {
  const key = name.trim().toLowerCase();
  const id = (instrumentIds as readonly string[]).includes(key) ? key : aliases[key];
  return instruments.find((i) => i.id === id);
}

/** The checklist with this id (every ChecklistId has one). */
export function getChecklist(id: ChecklistId): Checklist {
  const found = instruments.find((i): i is Checklist => i.kind === "checklist" && i.id === id);
  if (!found) throw new Error(`checklist ${id} is missing from the registry`);
  return found;
}
