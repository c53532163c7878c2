/**
 * screening-high: a score that asks for action by itself, without a change (FACTS Q-PHQ9,
 * Q-GAD7, Q-SHORT):
 * - PHQ-9 moderately severe or severe (15 or more), GAD-7 severe (15 or more): warning;
 * - PHQ-2 of 2 or more, GAD-2 of 3 or more: info, take the full questionnaire.
 * Active until the next screening with the same questionnaire (for a short form, also the
 * full form it points to).
 */

import { bandOf, maxTotal, type QuestionnaireId } from "../../questionnaires/instrument.ts";
import { getInstrument } from "../../questionnaires/score.ts";
import type { Finding } from "../finding.ts";
import type { SafetyRule } from "../rule.ts";
import { screeningsOf } from "../screening-list.ts";
import { instantText } from "../time-math.ts";

const highBands: Readonly<Partial<Record<QuestionnaireId, readonly string[]>>> = {
  phq9: ["moderately-severe", "severe"],
  gad7: ["severe"],
};

export const screeningHigh: SafetyRule = {
  id: "screening-high",
  summary: "PHQ-9 15 or more, GAD-7 15 or more; a positive PHQ-2 (2 or more) or GAD-2 (3 or more)",
  sources: ["Q-PHQ9", "Q-GAD7", "Q-SHORT"],
  evaluate(journal) {
    const findings: Finding[] = [];
    for (const screening of journal.screenings) {
      const { record } = screening;
      const instrument = getInstrument(record.instrument);
      const band = bandOf(instrument, record.total);
      const isHigh = highBands[record.instrument]?.includes(band.id) ?? false;
      const followUp = band.followUp;
      if (!isHigh && !followUp) continue;
      const closers: QuestionnaireId[] = followUp
        ? [record.instrument, followUp]
        : [record.instrument];
      const next = screeningsOf(journal, ...closers).find((s) => s.ms > screening.ms);
      const date = journal.localDate(screening.ms, record.timeZone);
      const fact = instrument.facts[0] ?? "Q-PHQ9";
      findings.push(
        isHigh
          ? {
              ruleId: "screening-high",
              severity: "warning",
              title: `${instrument.name}: ${band.label.toLowerCase()}`,
              detail: `${instrument.name} on ${date}: ${record.total} of ${maxTotal(instrument)}, ${band.label.toLowerCase()} (FACTS ${fact}).`,
              advice: `Talk to a doctor or a mental-health professional soon, and consider pausing the protocol. ${instrument.name} is a screening score, not a diagnosis.`,
              sources: [fact],
              key: `screening-high:${record.id}`,
              subjectId: record.id,
              at: instantText(screening.ms),
              activeUntil: next ? instantText(next.ms) : null,
            }
          : {
              ruleId: "screening-high",
              severity: "info",
              title: `Take the full ${getInstrument(followUp as QuestionnaireId).name}`,
              detail: `${instrument.name} on ${date}: ${record.total}, ${band.label.toLowerCase()} (FACTS Q-SHORT).`,
              advice: `Take the full ${getInstrument(followUp as QuestionnaireId).name} (titrate screen ask ${followUp}).`,
              sources: ["Q-SHORT"],
              key: `screening-high:${record.id}`,
              subjectId: record.id,
              at: instantText(screening.ms),
              activeUntil: next ? instantText(next.ms) : null,
            },
      );
    }
    return findings;
  },
};
