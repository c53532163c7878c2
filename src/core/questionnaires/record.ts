/**
 * What the journal stores for a scored instrument: a questionnaire becomes a screening
 * (answers; total, band and crisis are scored again on save), a checklist becomes a symptom
 * report (the ids of the items answered yes; none means "none of these").
 */
import type { ScreeningInput, SymptomReportInput } from "../schemas/journal.ts";
import type { ChecklistId, QuestionnaireId } from "./instrument.ts";
import type { ScoreResult } from "./score.ts";

export type JournalEntryInput =
  | { readonly kind: "screening"; readonly input: ScreeningInput }
  | { readonly kind: "symptom-report"; readonly input: SymptomReportInput };

/** The journal input for a scored result taken at `at` (ISO 8601) in `timeZone`. */
export function journalEntryOf(
  result: ScoreResult,
  at: string,
  timeZone: string,
  note: string | null = null,
): JournalEntryInput {
  if (result.kind === "questionnaire") {
    return {
      kind: "screening",
      input: {
        at,
        timeZone,
        instrument: result.instrument as QuestionnaireId,
        answers: result.items.map((i) => i.answer),
      },
    };
  }
  return {
    kind: "symptom-report",
    input: {
      at,
      timeZone,
      checklist: result.instrument as ChecklistId,
      symptoms: result.items.filter((i) => i.answer > 0).map((i) => i.id),
      note,
    },
  };
}
