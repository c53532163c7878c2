/**
 * A coordinator's dashboard: how the study is going, aggregated and pseudonymous. Counts of
 * participants, each participant's progress under their pseudonym (check-ins, questionnaires
 * and doses against the days they have been in the study), and week-by-week means of the
 * study's check-in items and questionnaire totals across participants.
 *
 * Everything counts only what each participant's consent covers (a participant whose consent
 * leaves out check-ins shows `null`, not 0) and only entries inside their window (window.ts).
 * The sums are made by the database (one grouped query per table, whatever the number of
 * participants); weeks are counted from each participant's first day by the UTC date of the
 * entry, so an entry near midnight may fall in the neighbouring week: the export has exact
 * local study days. Means are descriptive, with their n and standard deviation: entries of
 * the same person are not independent, so no interval is drawn around them here.
 */
import { sql } from "kysely";
import type { Temporal } from "temporal-polyfill";
import type { RatingName } from "../../core/insights/ratings.ts";
import { epochDay } from "../../core/safety/time-math.ts";
import type { StudyCategory } from "../../core/schemas/study.ts";
import type { Db, EventTable } from "../database.ts";
import { type ParticipantCounts, studyView } from "./coordinate.ts";
import { type StudyPeople, studyPeople } from "./participants.ts";
import { getOwnStudy } from "./records.ts";

export interface Summary {
  /** Entries. */
  readonly n: number;
  readonly mean: number | null;
  /** Sample standard deviation; null below 2 entries. */
  readonly sd: number | null;
}

export interface ParticipantProgress {
  readonly participant: string;
  readonly status: "active" | "completed" | "withdrawn";
  readonly consentVersion: number;
  readonly daysInStudy: number;
  /** Null when the participant's consent does not cover it. */
  readonly checkIns: number | null;
  readonly questionnaires: number | null;
  readonly questionnairesDue: number | null;
  readonly doses: number | null;
}

export interface StudyDashboard {
  readonly participants: ParticipantCounts;
  readonly checkInItems: readonly RatingName[];
  readonly weeks: readonly {
    readonly week: number;
    readonly checkIns: number;
    readonly items: Readonly<Partial<Record<RatingName, Summary>>>;
    readonly doses: number;
  }[];
  readonly questionnaires: readonly {
    readonly instrument: string;
    readonly weeks: readonly { readonly week: number; readonly total: Summary }[];
    /** Answers that signalled a risk of self-harm (the participant saw crisis resources). */
    readonly crisisAnswers: number;
  }[];
  readonly progress: readonly ParticipantProgress[];
}

// Kysely cannot type a join over a table chosen at run time; the names come from the schema.
// biome-ignore lint/suspicious/noExplicitAny: see above.
type AnyQuery = any;

/** The study's dashboard for its coordinator `userId` (NOT_FOUND for anyone else). */
export async function studyDashboard(
  db: Db,
  userId: string,
  studyId: string,
  now: Temporal.Instant,
): Promise<StudyDashboard> {
  const study = await getOwnStudy(db, userId, studyId);
  const view = await studyView(db, userId, studyId, now);
  const people = await studyPeople(db, study, now);
  const instruments = study.questionnaires.map((q) => q.instrument);
  const items = study.checkInItems;

  // The queries are independent: on PostgreSQL the pool runs them at once, one core each.
  const none = Promise.resolve<Record<string, unknown>[]>([]);
  const [checkInGroups, doseGroups, questionnaireGroups, progressRows] = await Promise.all([
    windowed(db, people, "check_ins", "checkIns")
      ?.select(() => [
        ...groupKeys(people),
        sql<number>`count(*)`.as("n"),
        ...items.flatMap((item) => [
          sql<number>`count(t.${sql.ref(item)})`.as(`${item}_n`),
          sql<number>`sum(t.${sql.ref(item)})`.as(`${item}_sum`),
          sql<number>`sum(t.${sql.ref(item)} * t.${sql.ref(item)})`.as(`${item}_squares`),
        ]),
      ])
      .groupBy(["day_zero", "day"])
      .execute() ?? none,
    windowed(db, people, "doses", "doses")
      ?.select(() => [...groupKeys(people), sql<number>`count(*)`.as("n")])
      .groupBy(["day_zero", "day"])
      .execute() ?? none,
    instruments.length === 0
      ? none
      : (windowed(db, people, "screenings", "questionnaires")
          ?.where("t.instrument", "in", instruments)
          .select(() => [
            ...groupKeys(people),
            "t.instrument as instrument",
            sql<number>`count(*)`.as("n"),
            sql<number>`sum(t.total)`.as("total_sum"),
            sql<number>`sum(t.total * t.total)`.as("total_squares"),
            sql<number>`sum(t.crisis)`.as("crisis"),
          ])
          .groupBy(["day_zero", "day", "t.instrument"])
          .execute() ?? none),
    progress(db, people, instruments),
  ]);

  // ── weeks ──
  const weeks = new Map<number, { checkIns: number; doses: number; sums: Map<string, Sums> }>();
  const week = (row: Record<string, unknown>) =>
    Math.max(0, Math.floor((epochDay(String(row.day)) - epochDay(String(row.day_zero))) / 7));
  const weekOf = (w: number) => {
    let entry = weeks.get(w);
    if (!entry) {
      entry = { checkIns: 0, doses: 0, sums: new Map() };
      weeks.set(w, entry);
    }
    return entry;
  };
  for (const row of checkInGroups) {
    const entry = weekOf(week(row));
    entry.checkIns += Number(row.n);
    for (const item of items) {
      add(entry.sums, item, row[`${item}_n`], row[`${item}_sum`], row[`${item}_squares`]);
    }
  }
  for (const row of doseGroups) weekOf(week(row)).doses += Number(row.n);
  const questionnaireWeeks = new Map<string, { weeks: Map<string, Sums>; crisis: number }>(
    instruments.map((i) => [i, { weeks: new Map(), crisis: 0 }]),
  );
  for (const row of questionnaireGroups) {
    const entry = questionnaireWeeks.get(String(row.instrument));
    if (!entry) continue;
    add(entry.weeks, String(week(row)), row.n, row.total_sum, row.total_squares);
    entry.crisis += Number(row.crisis ?? 0);
  }

  return {
    participants: view.participants,
    checkInItems: items,
    weeks: [...weeks.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([w, entry]) => ({
        week: w,
        checkIns: entry.checkIns,
        doses: entry.doses,
        items: Object.fromEntries(
          items.map((item) => [item, summarise(entry.sums.get(item))]),
        ) as Partial<Record<RatingName, Summary>>,
      })),
    questionnaires: instruments.map((instrument) => {
      const entry = questionnaireWeeks.get(instrument);
      return {
        instrument,
        crisisAnswers: entry?.crisis ?? 0,
        weeks: [...(entry?.weeks.entries() ?? [])]
          .map(([w, sums]) => ({ week: Number(w), total: summarise(sums) }))
          .sort((a, b) => a.week - b.week),
      };
    }),
    progress: progressRows,
  };
}

interface Sums {
  n: number;
  sum: number;
  squares: number;
}

function add(map: Map<string, Sums>, key: string, n: unknown, sum: unknown, squares: unknown) {
  const sums = map.get(key) ?? { n: 0, sum: 0, squares: 0 };
  sums.n += Number(n ?? 0);
  sums.sum += Number(sum ?? 0);
  sums.squares += Number(squares ?? 0);
  map.set(key, sums);
}

function summarise(sums: Sums | undefined): Summary {
  if (!sums || sums.n === 0) return { n: 0, mean: null, sd: null };
  const mean = sums.sum / sums.n;
  const variance =
    sums.n > 1 ? Math.max(0, (sums.squares - sums.n * mean * mean) / (sums.n - 1)) : null;
  return {
    n: sums.n,
    mean: Math.round(mean * 100) / 100,
    sd: variance === null ? null : Math.round(Math.sqrt(variance) * 100) / 100,
  };
}

/** The consent versions that cover `category`. */
function versionsCovering(people: StudyPeople, category: StudyCategory): number[] {
  return people.versions.filter((v) => v.collects.includes(category)).map((v) => v.version);
}

/**
 * The entries of `table` that reach the study, joined to their participant's enrolment:
 * window.ts's `reachesStudy` in SQL. Undefined when no consent version covers the category.
 */
function windowed(
  db: Db,
  people: StudyPeople,
  table: EventTable,
  category: StudyCategory,
): AnyQuery | undefined {
  const versions = versionsCovering(people, category);
  if (versions.length === 0) return undefined;
  return (db as AnyQuery)
    .selectFrom(`${table} as t`)
    .innerJoin("study_enrolments as e", "e.user_id", "t.user_id")
    .where("e.study_id", "=", people.study.id)
    .where((eb: AnyQuery) =>
      eb.or([eb("e.withdrawal", "is", null), eb("e.withdrawal", "=", "keep")]),
    )
    .where("e.consent_version", "in", versions)
    .where("t.at", ">=", people.bounds.start)
    .where("t.at", "<", people.bounds.end)
    .whereRef("t.at", ">=", "e.first_day_at")
    .whereRef("t.created_at", ">=", "e.joined_at")
    .where((eb: AnyQuery) =>
      eb.or([
        eb("e.withdrawn_at", "is", null),
        eb.and([
          eb("t.at", "<", eb.ref("e.withdrawn_at")),
          eb("t.created_at", "<=", eb.ref("e.withdrawn_at")),
        ]),
      ]),
    );
}

/** Day zero's and the entry's UTC dates, to count weeks by. */
function groupKeys(people: StudyPeople) {
  const start = people.bounds.start;
  return [
    sql<string>`substr(case when e.first_day_at > ${start} then e.first_day_at else ${start} end, 1, 10)`.as(
      "day_zero",
    ),
    sql<string>`substr(t.at, 1, 10)`.as("day"),
  ];
}

async function progress(
  db: Db,
  people: StudyPeople,
  instruments: readonly string[],
): Promise<ParticipantProgress[]> {
  const count = async (
    table: EventTable,
    category: StudyCategory,
    filter?: (query: AnyQuery) => AnyQuery,
  ): Promise<Map<string, number>> => {
    let query = windowed(db, people, table, category);
    if (!query) return new Map();
    if (filter) query = filter(query);
    const rows: { user_id: string; n: number }[] = await query
      .select(["t.user_id as user_id", sql<number>`count(*)`.as("n")])
      .groupBy("t.user_id")
      .execute();
    return new Map(rows.map((r) => [r.user_id, Number(r.n)]));
  };
  const [checkIns, doses, questionnaires] = await Promise.all([
    count("check_ins", "checkIns"),
    count("doses", "doses"),
    instruments.length === 0
      ? new Map<string, number>()
      : count("screenings", "questionnaires", (q) => q.where("t.instrument", "in", instruments)),
  ]);
  const due = (days: number) =>
    people.study.questionnaires.reduce(
      (sum, q) => sum + (days <= 0 ? 0 : Math.floor((days - 1) / q.everyDays) + 1),
      0,
    );
  return people.participants.map((p) => ({
    participant: p.pseudonym,
    status: p.window.status,
    consentVersion: p.consent.version,
    daysInStudy: p.daysInStudy,
    checkIns: p.covers.has("checkIns") ? (checkIns.get(p.userId) ?? 0) : null,
    questionnaires: p.covers.has("questionnaires") ? (questionnaires.get(p.userId) ?? 0) : null,
    questionnairesDue: p.covers.has("questionnaires") ? due(p.daysInStudy) : null,
    doses: p.covers.has("doses") ? (doses.get(p.userId) ?? 0) : null,
  }));
}
