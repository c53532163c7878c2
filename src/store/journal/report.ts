/**
 * Gathers the clinician report for a period (`titrate report`, GET /api/v1/report): the
 * profile, plans and adherence, the period's entries, the insights, the latest blinded
 * experiment and the safety findings, read in local dates of each entry's own zone, then
 * rendered by src/core/report/render-report.ts, which leaves out the sections the person
 * chose to keep back.
 */
import { Temporal } from "temporal-polyfill";
import { localDateOf } from "../../core/insights/daily-series.ts";
import { bandOf, type Questionnaire } from "../../core/questionnaires/instrument.ts";
import { getChecklist } from "../../core/questionnaires/instruments.ts";
import { getInstrument } from "../../core/questionnaires/score.ts";
import { sectionsOfFinding } from "../../core/report/finding-sections.ts";
import { renderReport } from "../../core/report/render-report.ts";
import type { ReportData, ReportSection } from "../../core/report/report-data.ts";
import { compareFindings } from "../../core/safety/finding.ts";
import { instantMs, localDateTime } from "../../core/safety/time-math.ts";
import { assessAdherence } from "../../core/schedule/adherence.ts";
import { describeCycle, describeProtocol } from "../../core/schedule/describe.ts";
import { conditions } from "../../core/schemas/journal.ts";
import { getSubstance } from "../../core/substances/catalog.ts";
import { formatAmount } from "../../core/units.ts";
import {
  bloodPressures,
  checkIns,
  doses,
  listEvents,
  notes,
  otherSubstances,
  screenings,
  symptomReports,
} from "../repos/events.ts";
import { latestExperiment } from "../repos/experiments.ts";
import { listMedications } from "../repos/medications.ts";
import { listPlans } from "../repos/plans.ts";
import type { Store } from "../store.ts";
import { currentExperiment, reportOf } from "./experiments.ts";
import { loadInsights, type PeriodOptions } from "./insights.ts";
import { requireProfile } from "./profile.ts";
import { evaluateJournal } from "./record.ts";

export interface ReportOptions extends PeriodOptions {
  readonly username: string;
  readonly version: string;
}

const local = (e: { at: string; timeZone: string }) => localDateTime(instantMs(e.at), e.timeZone);

/** The report's data for the period. */
export async function gatherReport(
  store: Store,
  userId: string,
  options: ReportOptions,
  now: Temporal.Instant,
): Promise<ReportData> {
  const profile = await requireProfile(store, userId);
  const insights = await loadInsights(store, userId, options, now);
  const { from, to } = insights.period;
  const inPeriod = <T extends { at: string; timeZone: string }>(list: readonly T[]) =>
    list.filter((e) => {
      const date = localDateOf(e);
      return date >= from && date <= to;
    });
  const [
    medications,
    plans,
    doseList,
    checkInList,
    reportList,
    pressureList,
    screeningList,
    otherList,
    noteList,
    findings,
    latest,
  ] = await Promise.all([
    listMedications(store.db, userId),
    listPlans(store.db, userId),
    listEvents(store.db, doses, userId),
    listEvents(store.db, checkIns, userId),
    listEvents(store.db, symptomReports, userId),
    listEvents(store.db, bloodPressures, userId),
    listEvents(store.db, screenings, userId),
    listEvents(store.db, otherSubstances, userId),
    listEvents(store.db, notes, userId),
    evaluateJournal(store, userId, now),
    latestExperiment(store.db, userId),
  ]);

  // Adherence up to the end of the period (or now, if sooner).
  const periodEnd = Temporal.PlainDate.from(to)
    .add({ days: 1 })
    .toZonedDateTime({ timeZone: profile.timeZone })
    .toInstant();
  const until = Temporal.Instant.compare(periodEnd, now) < 0 ? periodEnd : now;

  const experiment = latest
    ? latest.unblinding
      ? await reportOf(store, userId, latest, now).then((r) => ({
          summary: r.experiment,
          results: r.results,
        }))
      : { summary: await currentExperiment(store, userId, now), results: null }
    : null;

  return {
    username: options.username,
    version: options.version,
    insights,
    profile: {
      weightKg: profile.weightKg,
      conditions: profile.conditions.map((id) => conditions.find((c) => c.id === id)?.label ?? id),
      medications: medications
        .filter(
          (m) =>
            m.endedAt === null ||
            localDateOf({ at: m.endedAt, timeZone: profile.timeZone }) >= from,
        )
        .map((m) => ({
          name: m.name,
          since: localDateOf({ at: m.addedAt, timeZone: profile.timeZone }),
          until:
            m.endedAt === null ? null : localDateOf({ at: m.endedAt, timeZone: profile.timeZone }),
        })),
    },
    plans: plans
      .filter(
        (p) =>
          p.startDate <= to &&
          (p.endedAt === null || localDateOf({ at: p.endedAt, timeZone: p.timeZone }) >= from),
      )
      .map((p) => {
        const substance = getSubstance(p.substance);
        return {
          substance: substance.name,
          target: formatAmount(p.target.amount, p.target.unit, substance.step),
          schedule: `${describeProtocol(p.protocol)}; ${describeCycle(p.cycle)}; at ${p.localTime} (${p.timeZone})`,
          startDate: p.startDate,
          endedAt: p.endedAt === null ? null : localDateOf({ at: p.endedAt, timeZone: p.timeZone }),
          adherence: assessAdherence(p, doseList, until).summary,
        };
      }),
    doses: inPeriod(doseList).map((d) => {
      const substance = getSubstance(d.substance);
      return {
        ...local(d),
        substance: substance.name,
        amount:
          d.amount === null
            ? "unknown"
            : `${formatAmount(d.amount, d.unit)}${d.isEstimate ? " (estimate)" : ""}`,
        route: d.route,
        note: d.note,
      };
    }),
    checkIns: inPeriod(checkInList).map((c) => ({
      ...local(c),
      effects: c.effects,
      afterEffects: c.afterEffects,
      note: c.note,
    })),
    symptomReports: inPeriod(reportList).map((r) => {
      const checklist = getChecklist(r.checklist);
      return {
        ...local(r),
        checklist: checklist.title,
        symptoms: r.symptoms.map((id) => checklist.items.find((i) => i.id === id)?.text ?? id),
        note: r.note,
      };
    }),
    bloodPressures: inPeriod(pressureList).map((b) => ({
      ...local(b),
      systolicMmHg: b.systolicMmHg,
      diastolicMmHg: b.diastolicMmHg,
      pulseBpm: b.pulseBpm,
    })),
    screenings: inPeriod(screeningList).map((s) => {
      const instrument = getInstrument(s.instrument) as Questionnaire;
      return {
        ...local(s),
        instrument: instrument.name,
        total: s.total,
        band: bandOf(instrument, s.total).label,
      };
    }),
    otherSubstances: inPeriod(otherList).map((o) => ({
      ...local(o),
      name: o.name,
      amount: o.amount === null ? null : `${o.amount}${o.unit ? ` ${o.unit}` : ""}`,
      note: o.note,
    })),
    notes: inPeriod(noteList).map((n) => ({ ...local(n), text: n.text })),
    findings: findings.all
      .filter((f) => {
        if (f.at === null) return true;
        const date = localDateOf({ at: f.at, timeZone: profile.timeZone });
        return date >= from && date <= to;
      })
      .sort(compareFindings)
      .map((f) => ({
        severity: f.severity,
        title: f.title,
        detail: f.detail,
        advice: f.advice,
        date: f.at === null ? null : localDateOf({ at: f.at, timeZone: profile.timeZone }),
        sources: f.sources,
        about: sectionsOfFinding(f),
      })),
    experiment,
  };
}

/** The report page for the period, without the sections in `exclude`. */
export async function buildReport(
  store: Store,
  userId: string,
  options: ReportOptions,
  exclude: readonly ReportSection[],
  now: Temporal.Instant,
): Promise<{ html: string; data: ReportData }> {
  const data = await gatherReport(store, userId, options, now);
  return { html: renderReport(data, exclude), data };
}
