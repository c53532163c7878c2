/** The experiment's views as text, shared by its commands. */
import { intervalText, signed } from "../../../core/insights/describe.ts";
import type { ExperimentResults } from "../../../core/insights/experiment-results.ts";
import { ratingNames } from "../../../core/insights/ratings.ts";
import { countText } from "../../../core/safety/format.ts";
import { localDateTimeText } from "../../../core/time.ts";
import type { ExperimentView, TodayView } from "../../../store/journal/experiments.ts";

export const PROCEDURE = "docs/blinded-experiment.md";

export function statusLines(view: ExperimentView): string[] {
  const lines = [
    `Blinded experiment ${view.id}: ${view.substance}, ${countText(view.sessions, "session")} every ${countText(view.intervalDays, "day")}, ${view.startDate} to ${view.endDate}; outcome: ${view.outcome}.`,
    `Codes: ${view.codes[0]} and ${view.codes[1]}.`,
  ];
  switch (view.state) {
    case "upcoming":
      lines.push(
        `It starts on ${view.startDate}. Label the two preparations first (see ${PROCEDURE}).`,
      );
      break;
    case "running":
      lines.push(
        `Sessions so far: ${view.sessionsPast} of ${view.sessions}, ${view.guesses} with a guess. Results stay sealed until you unblind.`,
      );
      break;
    case "finished":
      lines.push(
        `Every session is done (${view.guesses} of ${view.sessions} with a guess). Open the labeller's slip and unblind: titrate experiment unblind --active <code>.`,
      );
      break;
    case "unblinded":
      if (view.unblinding) {
        lines.push(
          `Unblinded on ${localDateTimeText(view.unblinding.at, view.timeZone)} (${view.timeZone})${view.unblinding.early ? ", early" : ""}${view.unblinding.reason ? ` (${view.unblinding.reason})` : ""}: ${view.unblinding.activeCode} was active, ${view.unblinding.placeboCode} placebo. See titrate experiment report.`,
        );
      }
      break;
  }
  return lines;
}

export function todayLines(today: TodayView): string[] {
  if (today.state === "unblinded") {
    return [
      "The experiment is unblinded: there are no more sessions. See titrate experiment report.",
    ];
  }
  const lines: string[] = [];
  if (today.session) {
    const skip = today.tooSoon !== null && /skip the session/u.test(today.tooSoon.message);
    if (today.tooSoon) {
      lines.push(
        `Session ${today.session.number} of ${today.session.of} today (${today.date}), preparation ${today.session.code}: not yet.`,
        today.tooSoon.message,
      );
    } else {
      lines.push(
        `Session ${today.session.number} of ${today.session.of} today (${today.date}): take the preparation labelled ${today.session.code}.`,
      );
    }
    if (!skip) {
      lines.push(
        "Later today: check in as usual (titrate log checkin --mood …), then guess what you took: titrate experiment guess active, or titrate experiment guess placebo.",
      );
    }
    if (today.session.guess)
      lines.push(`Your guess so far: ${today.session.guess}. A new guess replaces it.`);
  } else {
    lines.push(`No session today (${today.date}).`);
  }
  if (today.nextSession) {
    lines.push(`Next: session ${today.nextSession.number} on ${today.nextSession.date}.`);
  } else if (!today.session) {
    lines.push(
      "Every session has passed: unblind with titrate experiment unblind --active <code>.",
    );
  }
  return lines;
}

export function resultLines(view: ExperimentView, results: ExperimentResults): string[] {
  const lines = [
    ...statusLines(view),
    "",
    ...results.summary,
    "",
    "Every rating, active minus placebo:",
  ];
  for (const name of ratingNames) {
    const r = results.ratings[name];
    lines.push(
      r.enoughData
        ? `  ${name} ${signed(r.estimate)} (${intervalText(r.ci95)}), ${r.nA} active and ${r.nB} placebo sessions`
        : `  ${name}: not enough data yet: ${r.reason}`,
    );
  }
  lines.push("", "Sessions:");
  for (const s of results.sessions) {
    const rating = s.ratings[results.outcome];
    lines.push(
      `  ${String(s.number).padStart(2)}  ${s.date}  ${s.code}  ${s.content.padEnd(7)}  guess ${(s.guess ?? "none").padEnd(7)}${s.correct === null ? "" : s.correct ? " (right)" : " (wrong)"}  ${results.outcome} ${rating === null ? "no check-in" : rating.toFixed(1)}`,
    );
  }
  return lines;
}
