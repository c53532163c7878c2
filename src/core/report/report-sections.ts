/**
 * The report's sections, one function each, every one returning HTML with the person's text
 * escaped. Free text (notes, effects, notes on doses and symptoms) appears only when the
 * `notes` section is included.
 */
import {
  differenceText,
  NOT_ENOUGH,
  notEnoughForAll,
  seriesText,
  slopeText,
} from "../insights/describe.ts";
import { ratingNames } from "../insights/ratings.ts";
import { countText } from "../safety/format.ts";
import { epochDay } from "../safety/time-math.ts";
import { localDateTimeText } from "../time.ts";
import { formatNumber } from "../units.ts";
import { escapeHtml, list, paragraph, table } from "./html.ts";
import { type ReportData, type ReportSection, sectionTitles } from "./report-data.ts";
import { intervalChart, ratingChart, trajectoryChart } from "./svg-charts.ts";

const e = escapeHtml;
const when = (t: { date: string; time: string }) => e(`${t.date} ${t.time}`);
const orNone = (items: readonly unknown[], what: string, html: () => string) =>
  items.length === 0 ? paragraph(`No ${what} in this period.`, "note") : html();

export function profileSection(data: ReportData): string {
  const { profile } = data;
  const current = profile.medications.filter((m) => m.until === null);
  return [
    paragraph(
      `Body weight: ${profile.weightKg === null ? "not given" : `${formatNumber(profile.weightKg, 1)} kg`}.`,
    ),
    profile.conditions.length === 0
      ? paragraph("Conditions asked about at setup: none reported.")
      : `${paragraph("Conditions reported at setup:")}${list(profile.conditions)}`,
    current.length === 0
      ? paragraph("Regular medications: none recorded.")
      : `${paragraph("Regular medications:")}${list(current.map((m) => `${m.name} (since ${m.since})`))}`,
  ].join("");
}

export function planSection(data: ReportData): string {
  return orNone(data.plans, "plans", () =>
    table(
      ["Substance", "Dose", "Schedule", "From", "Ended"],
      data.plans.map((p) => [
        e(p.substance),
        e(p.target),
        e(p.schedule),
        e(p.startDate),
        e(p.endedAt ?? "active"),
      ]),
    ),
  );
}

export function adherenceSection(data: ReportData): string {
  const pct = (v: number | null) => (v === null ? "–" : `${v} %`);
  return orNone(
    data.plans,
    "plans",
    () =>
      `${table(
        ["Plan", "Due", "On time", "Late", "Missed", "Skipped", "Extra", "Taken"],
        data.plans.map((p) => {
          const a = p.adherence;
          return [
            e(`${p.substance} ${p.target}`),
            String(a.due),
            `${a.taken} (${pct(a.percentOnTime)})`,
            `${a.late} (${pct(a.percentLate)})`,
            `${a.missed} (${pct(a.percentMissed)})`,
            String(a.skipped),
            String(a.extra),
            pct(a.percentTaken),
          ];
        }),
      )}${paragraph("Counted from each plan's start to the end of the period; skipped means moved by the minimum interval after an earlier dose.", "note")}`,
  );
}

export function dosesSection(data: ReportData, withNotes: boolean): string {
  return orNone(data.doses, "doses", () =>
    table(
      ["When", "Substance", "Amount", "Route", ...(withNotes ? ["Note"] : [])],
      data.doses.map((d) => [
        when(d),
        e(d.substance),
        e(d.amount),
        e(d.route),
        ...(withNotes ? [e(d.note ?? "")] : []),
      ]),
      `${data.doses.length} dose${data.doses.length === 1 ? "" : "s"}`,
    ),
  );
}

export function ratingsSection(data: ReportData): string {
  const { series, period } = data.insights;
  return (
    ratingNames
      .map((name) => {
        const words = seriesText(
          `${name}, 7-day mean`,
          series.ratings[name].rolling7,
          series.dates,
        );
        const label = `${name[0]?.toUpperCase()}${name.slice(1)}`;
        return `<figure><figcaption><strong>${e(label)}</strong> (0 to 10)</figcaption>${ratingChart(
          {
            id: `rating-${name}`,
            title: `${label}, 0 to 10, ${period.from} to ${period.to}`,
            desc: words,
            daily: series.ratings[name].daily,
            rolling: series.ratings[name].rolling7,
            doseDay: series.doseDay,
            firstDate: period.from,
            lastDate: period.to,
          },
        )}<figcaption>${e(words)}.</figcaption></figure>`;
      })
      .join("") +
    paragraph("Self-rated each evening, 0 to 10; higher is better except anxiety.", "note")
  );
}

export function symptomsSection(data: ReportData, withNotes: boolean): string {
  return orNone(data.symptomReports, "symptom reports", () =>
    table(
      ["When", "Checklist", "Answered yes", ...(withNotes ? ["Note"] : [])],
      data.symptomReports.map((r) => [
        when(r),
        e(r.checklist),
        e(r.symptoms.length === 0 ? "none of these" : r.symptoms.join("; ")),
        ...(withNotes ? [e(r.note ?? "")] : []),
      ]),
    ),
  );
}

export function bloodPressureSection(data: ReportData): string {
  return orNone(data.bloodPressures, "blood-pressure readings", () =>
    table(
      ["When", "Blood pressure (mmHg)", "Pulse (bpm)"],
      data.bloodPressures.map((b) => [
        when(b),
        `${b.systolicMmHg}/${b.diastolicMmHg}`,
        b.pulseBpm === null ? "–" : String(b.pulseBpm),
      ]),
    ),
  );
}

export function screeningsSection(data: ReportData): string {
  const { period } = data.insights;
  const start = epochDay(period.from);
  const parts = data.insights.questionnaires.map((t) => {
    const head = `<h3>${e(t.name)}</h3>${paragraph(t.summary)}`;
    if (t.points.length === 0) return head;
    const scores = t.points.map((p) => `${p.total} on ${p.date}`).join(", ");
    const chart = trajectoryChart({
      id: `trajectory-${t.instrument}`,
      title: `${t.name} totals, 0 to ${t.maxTotal}, ${period.from} to ${period.to}`,
      desc: `Scores: ${scores}.`,
      maxTotal: t.maxTotal,
      bands: t.bands,
      points: t.points.map((p) => ({ day: epochDay(p.date) - start, total: p.total })),
      days: period.days,
      firstDate: period.from,
      lastDate: period.to,
    });
    const marks = [
      t.baseline ? `First ever: ${t.baseline.total} on ${t.baseline.date}.` : "",
      `Trend over the period: ${slopeText(t.trend, 1)}.`,
      t.response === null
        ? ""
        : `Response (at least 50 % below the first): ${t.response ? "yes" : "no"}.`,
      t.remission === null ? "" : `Remission (below 5): ${t.remission ? "yes" : "no"}.`,
      t.meaningfulChange === null
        ? ""
        : `Change of 5 points or more (clinically meaningful, FACTS Q-PHQ9): ${t.meaningfulChange}.`,
    ].filter((m) => m !== "");
    return `${head}<figure>${chart}<figcaption>${e(`Scores: ${scores}.`)}</figcaption></figure>${list(marks)}`;
  });
  const others = data.screenings.filter(
    (s) => s.instrument !== "PHQ-9" && s.instrument !== "GAD-7",
  );
  const short =
    others.length === 0
      ? ""
      : table(
          ["When", "Questionnaire", "Total", "Band"],
          others.map((s) => [when(s), e(s.instrument), String(s.total), e(s.band)]),
          "Short forms",
        );
  return (
    parts.join("") +
    short +
    paragraph(
      "PHQ-9 (Kroenke et al. 2001) and GAD-7 (Spitzer et al. 2006); a change of 5 PHQ-9 points is the minimal clinically important individual change (Löwe et al. 2004). Response (≥ 50 % drop) and remission (< 5) are common definitions that vary between studies.",
      "note",
    )
  );
}

export function insightsSection(data: ReportData): string {
  const { insights } = data;
  const parts: string[] = [
    paragraph(
      `Each comparison is a difference of daily means with a 95 % confidence interval (Welch) and Hedges' g; with fewer than ${insights.minimumPerGroup} days in a group it says "${NOT_ENOUGH}".`,
      "note",
    ),
  ];
  for (const comparison of insights.comparisons) {
    const none = notEnoughForAll(ratingNames.map((name) => comparison.ratings[name]));
    if (none !== null) {
      parts.push(`<h3>${e(comparison.title)}</h3>`, paragraph(`${none}.`));
      continue;
    }
    const rows = ratingNames.map((name) => {
      const r = comparison.ratings[name];
      return {
        label: name,
        estimate: r.enoughData ? r.estimate : null,
        ci95: r.enoughData ? r.ci95 : null,
      };
    });
    const lines = ratingNames.map((name) =>
      differenceText(name, comparison.ratings[name], comparison.groupA),
    );
    parts.push(
      `<h3>${e(comparison.title)}</h3><figure>${intervalChart(
        `comparison-${comparison.id}`,
        `${comparison.title}: ${comparison.groupA} minus ${comparison.groupB}, rating points`,
        lines.join(". "),
        rows,
      )}<figcaption>${e(`${comparison.groupA} minus ${comparison.groupB}, in rating points; bars are 95 % intervals, the dashed line is no difference.`)}</figcaption></figure>${list(lines)}`,
    );
  }
  const response = insights.doseResponse;
  const noResponse = notEnoughForAll(ratingNames.map((name) => response.ratings[name]));
  parts.push(
    `<h3>Dose and the next day's ratings${response.substance ? ` (${e(response.substance)})` : ""}</h3>`,
    noResponse !== null
      ? paragraph(`${noResponse}.`)
      : list(ratingNames.map((name) => `${name}: ${slopeText(response.ratings[name])}`)),
    `<h3>Tolerance</h3>`,
    paragraph(insights.tolerance.summary),
    `<h3>Read with care</h3>`,
    list(insights.caveats),
  );
  return parts.join("");
}

export function experimentSection(data: ReportData): string {
  const experiment = data.experiment;
  if (!experiment) return paragraph("No blinded experiment.", "note");
  const s = experiment.summary;
  const head = paragraph(
    `${s.substance}: ${countText(s.sessions, "session")} every ${countText(s.intervalDays, "day")} from ${s.startDate} to ${s.endDate}, active and placebo preparations labelled ${s.codes.join(" and ")} and taken in a sealed, blocked random order; outcome chosen in advance: ${s.outcome}.`,
  );
  if (!s.unblinding || !experiment.results) {
    return `${head}${paragraph(`Still blinded: ${s.sessionsPast} of ${s.sessions} sessions so far, ${s.guesses} with a guess. Results appear once it is unblinded.`)}`;
  }
  const r = experiment.results;
  const u = s.unblinding;
  const rows = ratingNames.map((name) => {
    const x = r.ratings[name];
    return {
      label: name,
      estimate: x.enoughData ? x.estimate : null,
      ci95: x.enoughData ? x.ci95 : null,
    };
  });
  return [
    head,
    paragraph(
      `Unblinded on ${localDateTimeText(u.at, s.timeZone)} (${s.timeZone})${u.early ? ", early" : ""}${u.reason ? ` (${u.reason})` : ""}: ${u.activeCode} was active, ${u.placeboCode} placebo.`,
    ),
    list(r.summary),
    `<figure>${intervalChart("experiment-ratings", "Active minus placebo, rating points", r.summary.join(" "), rows)}<figcaption>Active minus placebo sessions, rating points, 95 % intervals.</figcaption></figure>`,
    table(
      ["Session", "Date", "Code", "Content", "Guess", `${r.outcome}`],
      r.sessions.map((x) => [
        String(x.number),
        e(x.date),
        e(x.code),
        e(x.content),
        e(x.guess === null ? "none" : `${x.guess}${x.correct ? " (right)" : " (wrong)"}`),
        x.ratings[r.outcome] === null ? "–" : (x.ratings[r.outcome] as number).toFixed(1),
      ]),
    ),
  ].join("");
}

/**
 * The safety findings, without those naming a left-out section's records (the combination
 * with a left-out other substance, words quoted from left-out notes…). The sentence saying so
 * is there whenever a section is left out, whether or not a finding was dropped, so it tells
 * nothing about what was kept back.
 */
export function findingsSection(data: ReportData, exclude: readonly ReportSection[]): string {
  const shown = data.findings.filter((f) => !f.about.some((s) => exclude.includes(s)));
  const serious = shown.filter((f) => f.severity !== "info");
  const info = shown.filter((f) => f.severity === "info");
  const counts = new Map<string, number>();
  for (const f of info) counts.set(f.title, (counts.get(f.title) ?? 0) + 1);
  const reminders =
    counts.size === 0
      ? ""
      : `${paragraph("Reminders shown with entries (information only):", "note")}${list(
          [...counts].map(([title, n]) => `${title}${n > 1 ? ` (${n} times)` : ""}`),
        )}`;
  const leftOut =
    exclude.length === 0
      ? ""
      : paragraph(
          `Findings about what was left out (${exclude.map((s) => sectionTitles[s]).join(", ")}) are left out with it.`,
          "note",
        );
  return (
    leftOut +
    orNone(
      shown,
      "safety findings",
      () =>
        serious
          .map(
            (f) =>
              `<div class="finding"><p><span class="severity-${e(f.severity)}">${e(f.severity.toUpperCase())}</span> ${e(f.title)}${f.date ? ` <span class="meta">(${e(f.date)})</span>` : ""}</p>${paragraph(f.detail)}${paragraph(`Advice: ${f.advice}`)}${f.sources.length > 0 ? paragraph(`Sources: FACTS ${f.sources.join(", ")}`, "note") : ""}</div>`,
          )
          .join("") + reminders,
    )
  );
}

export function otherSubstancesSection(data: ReportData, withNotes: boolean): string {
  return orNone(data.otherSubstances, "other substances", () =>
    table(
      ["When", "What", "Amount", ...(withNotes ? ["Note"] : [])],
      data.otherSubstances.map((o) => [
        when(o),
        e(o.name),
        e(o.amount ?? "–"),
        ...(withNotes ? [e(o.note ?? "")] : []),
      ]),
    ),
  );
}

export function notesSection(data: ReportData): string {
  const entries = [
    ...data.notes.map((n) => ({ at: `${n.date} ${n.time}`, kind: "note", text: n.text })),
    ...data.checkIns.flatMap((c) =>
      [
        c.effects ? { at: `${c.date} ${c.time}`, kind: "effects", text: c.effects } : null,
        c.afterEffects
          ? { at: `${c.date} ${c.time}`, kind: "after-effects", text: c.afterEffects }
          : null,
        c.note ? { at: `${c.date} ${c.time}`, kind: "check-in note", text: c.note } : null,
      ].filter((x) => x !== null),
    ),
  ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return orNone(entries, "notes", () =>
    table(
      ["When", "Kind", "Text"],
      entries.map((x) => [e(x.at), e(x.kind), e(x.text)]),
    ),
  );
}
