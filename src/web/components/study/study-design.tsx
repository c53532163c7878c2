/** A study's design in words: dates, the protocol, the questionnaires and the check-in items. */
import { describeCycle, describeProtocol } from "../../../core/schedule/describe.ts";
import { amountText, listText } from "../../lib/format.ts";
import { substanceName } from "../../lib/substances.ts";
import { formatDate } from "../../lib/time.ts";
import type { StudyDesign } from "../../study-types.ts";

const instrumentNames: Readonly<Record<string, string>> = {
  phq9: "PHQ-9",
  gad7: "GAD-7",
  phq2: "PHQ-2",
  gad2: "GAD-2",
};

export function instrumentName(id: string): string {
  return instrumentNames[id] ?? id;
}

export function everyText(days: number): string {
  return days === 1 ? "every day" : days === 7 ? "every week" : `every ${days} days`;
}

export function StudyDesignSummary({ study }: { readonly study: StudyDesign }) {
  const p = study.protocol;
  return (
    <dl class="facts">
      <dt>Dates</dt>
      <dd>
        {formatDate(study.startDate)} to {formatDate(study.endDate)} ({study.timeZone})
      </dd>
      <dt>Dose protocol</dt>
      <dd>
        {p
          ? `${substanceName(p.substance)}, ${amountText(p.target.amount, p.target.unit)} ${describeProtocol(p.protocol)}, ${describeCycle(p.cycle)}`
          : "none: the study does not ask for a dose plan"}
      </dd>
      <dt>Questionnaires</dt>
      <dd>
        {study.questionnaires.length === 0
          ? "none"
          : listText(
              study.questionnaires.map(
                (q) => `${instrumentName(q.instrument)} ${everyText(q.everyDays)}`,
              ),
            )}
      </dd>
      <dt>Daily check-in</dt>
      <dd>
        {study.checkInItems.length === 0 ? "nothing asked" : listText([...study.checkInItems])}
      </dd>
    </dl>
  );
}
