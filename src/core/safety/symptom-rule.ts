/**
 * What the five symptom rules share: a report with any yes starts an episode; later reports
 * with symptoms continue it; the first later report of the same checklist with none of its
 * signs resolves it. One finding per episode, active until resolved.
 */
import type { ChecklistId } from "../questionnaires/instrument.ts";
import { getChecklist } from "../questionnaires/instruments.ts";
import type { SymptomReport } from "../schemas/journal.ts";
import type { Finding, Severity } from "./finding.ts";
import { countText, listText } from "./format.ts";
import type { JournalView, Timed } from "./journal-view.ts";
import type { SafetyRule } from "./rule.ts";
import { instantText } from "./time-math.ts";

export interface SymptomEpisode {
  /** The reports with symptoms, oldest first. */
  readonly reports: readonly Timed<SymptomReport>[];
  /** Every symptom reported in the episode, in the checklist's order. */
  readonly symptoms: readonly string[];
  /** The later report with none of the signs that ended it, if any. */
  readonly resolvedBy: Timed<SymptomReport> | null;
}

/** The episodes of one checklist, oldest first. */
export function symptomEpisodes(journal: JournalView, checklist: ChecklistId): SymptomEpisode[] {
  const order = getChecklist(checklist).items.map((i) => i.id);
  const episodes: SymptomEpisode[] = [];
  let reports: Timed<SymptomReport>[] = [];
  const close = (resolvedBy: Timed<SymptomReport> | null) => {
    if (reports.length === 0) return;
    const seen = new Set(reports.flatMap((r) => r.record.symptoms));
    episodes.push({ reports, symptoms: order.filter((id) => seen.has(id)), resolvedBy });
    reports = [];
  };
  for (const report of journal.symptomReports) {
    if (report.record.checklist !== checklist) continue;
    if (report.record.symptoms.length > 0) reports.push(report);
    else close(report);
  }
  close(null);
  return episodes;
}

export interface SymptomRuleSpec {
  readonly id: string;
  readonly checklist: ChecklistId;
  readonly severity: Severity;
  readonly title: string;
  readonly summary: string;
  readonly sources: readonly string[];
  /** The advice; may depend on the journal (the person's emergency number, their routes). */
  advice(journal: JournalView): string;
  /** An extra sentence for the detail (e.g. which routes were used), if any. */
  context?(journal: JournalView, episode: SymptomEpisode): string | null;
}

/** A rule that turns every episode of `spec.checklist` into a finding. */
export function symptomRule(spec: SymptomRuleSpec): SafetyRule {
  const items = new Map(getChecklist(spec.checklist).items.map((i) => [i.id, i.text]));
  const describe = (id: string) => {
    const text = items.get(id) ?? id;
    return text.charAt(0).toLowerCase() + text.slice(1);
  };
  return {
    id: spec.id,
    summary: spec.summary,
    sources: spec.sources,
    evaluate(journal) {
      return symptomEpisodes(journal, spec.checklist).map((episode): Finding => {
        const first = episode.reports[0] as Timed<SymptomReport>;
        const last = episode.reports.at(-1) as Timed<SymptomReport>;
        const zone = first.record.timeZone;
        const again =
          episode.reports.length > 1
            ? ` Reported again up to ${journal.localDate(last.ms, zone)} (${countText(episode.reports.length, "report")}).`
            : "";
        const context = spec.context?.(journal, episode);
        return {
          ruleId: spec.id,
          severity: spec.severity,
          title: spec.title,
          detail: `On ${journal.localDate(first.ms, zone)} you reported ${listText(episode.symptoms.map(describe))}.${again}${context ? ` ${context}` : ""} (FACTS ${spec.sources[0]})`,
          advice: spec.advice(journal),
          sources: [...spec.sources],
          key: `${spec.id}:${first.record.id}`,
          subjectId: first.record.id,
          at: instantText(first.ms),
          activeUntil: episode.resolvedBy ? instantText(episode.resolvedBy.ms) : null,
        };
      });
    },
  };
}
