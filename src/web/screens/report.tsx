/**
 * The report for a clinician (GET /api/v1/report): one self-contained, printable HTML page
 * over a chosen period, with every section included by default; the person may leave
 * sections out, and the page names what was left out. Leaving out "notes" removes all free
 * text. The file downloads; open it in a browser to read or print it (or save it as PDF).
 */
import { useState } from "preact/hooks";
import {
  type ReportSection,
  reportSections,
  sectionTitles,
} from "../../core/report/report-data.ts";
import { download, errorText } from "../api.ts";
import { useTimeZone } from "../app-context.ts";
import { FormErrors } from "../components/field.tsx";
import {
  type PeriodChoice,
  PeriodPicker,
  periodFromAddress,
  periodQuery,
} from "../components/period-picker.tsx";
import { StatusNotice } from "../components/status-notice.tsx";
import { localDate } from "../lib/time.ts";
import { useSubmit } from "../use-submit.ts";

const sectionHints: Partial<Record<ReportSection, string>> = {
  insights: "the comparisons of days, with their intervals",
  experiment: "a blinded experiment, once unblinded",
  notes: "every piece of free text: notes, effects, after-effects",
};

export default function ReportScreen() {
  const timeZone = useTimeZone();
  const [period, setPeriod] = useState<PeriodChoice>(periodFromAddress);
  const [left, setLeft] = useState<readonly ReportSection[]>([]);
  const [saved, setSaved] = useState<string | null>(null);
  const submit = useSubmit(async () => {
    setSaved(null);
    const query = new URLSearchParams(periodQuery(period));
    if (left.length > 0) query.set("exclude", left.join(","));
    return download(`/api/v1/report?${query}`, undefined, "titrate-report.html");
  }, setSaved);

  function toggle(section: ReportSection, included: boolean) {
    setLeft((old) => (included ? old.filter((s) => s !== section) : [...old, section]));
  }

  return (
    <>
      <h1>Report for your clinician</h1>
      <p>
        One page to print or save as PDF, for a doctor, a harm-reduction worker or yourself: your
        profile, plans and adherence, doses, ratings, symptoms, blood pressure, PHQ-9 and GAD-7 on
        their bands, the findings from your ratings with their intervals, a blinded experiment, and
        safety findings. It is a self-contained file: it loads nothing and runs no script.
      </p>
      <PeriodPicker
        id="report-period"
        value={period}
        onChange={setPeriod}
        today={localDate(Date.now(), timeZone)}
      />
      <form onSubmit={submit.submit} noValidate>
        <FormErrors messages={submit.error ? [messageOf(submit.error)] : []} />
        <fieldset>
          <legend>What the report includes</legend>
          <p class="hint">
            Everything, unless you untick it. The report names the sections left out, so a reader
            knows the picture is partial.
          </p>
          <div class="section-choices">
            {reportSections.map((section) => (
              <label key={section} class="check">
                <input
                  type="checkbox"
                  checked={!left.includes(section)}
                  onChange={(ev) => toggle(section, ev.currentTarget.checked)}
                />
                <span>
                  {sectionTitles[section]}
                  {sectionHints[section] ? <span class="then">{sectionHints[section]}</span> : null}
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <button type="submit" class="button" disabled={submit.busy}>
          {submit.busy ? "Preparing…" : "Download the report"}
        </button>
      </form>
      <StatusNotice>
        {saved
          ? `Saved as ${saved}. Open it in your browser to read or print it; share it only with whom you choose.`
          : null}
      </StatusNotice>
    </>
  );
}

function messageOf(error: unknown): string {
  return errorText(error);
}
