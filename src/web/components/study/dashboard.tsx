/**
 * A study's dashboard for its coordinator: participants by status, week-by-week means of the
 * check-in items with their SD and n, questionnaire totals, answers that signalled a risk of
 * self-harm, and each participant's progress under their pseudonym. Descriptive only: the
 * server says why no interval is drawn (entries of one person are not independent).
 */
import type { ComponentChildren } from "preact";
import type { StudyDashboard, Summary } from "../../study-types.ts";
import { useApi } from "../../use-api.ts";
import { LoadError } from "../load.tsx";
import { instrumentName } from "./study-design.tsx";

/** Participants listed on the screen; the export has all of them. */
const SHOWN = 50;

function summaryText(s: Summary | undefined): string {
  if (!s || s.mean === null) return "–";
  return `${s.mean.toFixed(1)} (SD ${s.sd === null ? "–" : s.sd.toFixed(1)}, n ${s.n})`;
}

/** A table that may scroll sideways on a phone: a region reachable by keyboard. */
function Scrolling({
  label,
  children,
}: {
  readonly label: string;
  readonly children: ComponentChildren;
}) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls must be reachable by keyboard (WCAG 2.1.1, axe's scrollable-region-focusable).
    <section class="table-scroll" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}

export function Dashboard({ studyId }: { readonly studyId: string }) {
  const answer = useApi<StudyDashboard>(`/api/v1/studies/${encodeURIComponent(studyId)}/dashboard`);
  const d = answer.data;
  return (
    <section class="card" aria-labelledby="dashboard-title">
      <h2 id="dashboard-title">Dashboard</h2>
      <LoadError error={answer.error} />
      {answer.loading && !d ? <p class="muted">Loading…</p> : null}
      {d ? (
        <>
          <p>
            {d.participants.active} active, {d.participants.completed} completed,{" "}
            {d.participants.withdrawnKept} withdrawn with their data kept,{" "}
            {d.participants.withdrawnDeleted} withdrawn with their data deleted.
          </p>
          {d.questionnaires
            .filter((q) => q.crisisAnswers > 0)
            .map((q) => (
              <div key={q.instrument} class="notice warning" role="note">
                <p>
                  {q.crisisAnswers} {instrumentName(q.instrument)} answer
                  {q.crisisAnswers === 1 ? "" : "s"} signalled a risk of self-harm; the participant
                  was shown crisis resources at once. Follow your study's safety procedure.
                </p>
              </div>
            ))}
          {d.weeks.length === 0 ? (
            <p class="muted">No shared entries yet.</p>
          ) : (
            <Scrolling label="Weekly means">
              <table>
                <caption>
                  Means by week since each participant's first day (mean, SD, number of check-ins)
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Week</th>
                    <th scope="col">Check-ins</th>
                    <th scope="col">Doses</th>
                    {d.checkInItems.map((item) => (
                      <th key={item} scope="col">
                        {item}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {d.weeks.map((w) => (
                    <tr key={w.week}>
                      <th scope="row">{w.week}</th>
                      <td>{w.checkIns}</td>
                      <td>{w.doses}</td>
                      {d.checkInItems.map((item) => (
                        <td key={item}>{summaryText(w.items[item])}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </Scrolling>
          )}
          {d.progress.length > 0 ? (
            <details>
              <summary>Progress by participant ({d.progress.length})</summary>
              <Scrolling label="Progress by participant">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Pseudonym</th>
                      <th scope="col">Status</th>
                      <th scope="col">Consent</th>
                      <th scope="col">Days</th>
                      <th scope="col">Check-ins</th>
                      <th scope="col">Questionnaires</th>
                      <th scope="col">Doses</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.progress.slice(0, SHOWN).map((p) => (
                      <tr key={p.participant}>
                        <th scope="row">
                          <code>{p.participant}</code>
                        </th>
                        <td>{p.status}</td>
                        <td>v{p.consentVersion}</td>
                        <td>{p.daysInStudy}</td>
                        <td>{p.checkIns ?? "not shared"}</td>
                        <td>
                          {p.questionnaires === null
                            ? "not shared"
                            : `${p.questionnaires} of ${p.questionnairesDue ?? 0} due`}
                        </td>
                        <td>{p.doses ?? "not shared"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </Scrolling>
              {d.progress.length > SHOWN ? (
                <p class="muted">
                  The first {SHOWN} by pseudonym; the participants table of the export has all.
                </p>
              ) : null}
            </details>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
