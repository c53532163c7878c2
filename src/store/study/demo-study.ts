/**
 * `titrate demo --participants N`: a study with N participants, each with their own demo
 * journal (src/store/demo.ts, a different seed each), for trying study mode and for measuring
 * it at scale. Deterministic like the single demo: the same seed, days, end date and N give
 * the same database (ids, pseudonym secret and all).
 *
 * - an owner "coordinator" (no passphrase: set one with `titrate passphrase --user
 *   coordinator`) who coordinates "Demo study", whose protocol is the demo's plan (7 mg every
 *   7 days, 4 weeks on and 2 off), a weekly PHQ-9, all five check-in items, and a consent
 *   (version 1) that shares everything but free text, keeps data on withdrawal and shifts dates;
 * - participants p00001, p00002, … (members, no passphrase), each enrolled from the first day
 *   of their journal with consent version 1.
 *
 * Written in one transaction with bulk inserts (bulk-insert.ts), in the order of the
 * catalogue, without the import's checks: the database must hold no account at all.
 */
import { Temporal } from "temporal-polyfill";
import { TitrateError } from "../../core/errors.ts";
import type { JournalTables } from "../../core/schemas/export.ts";
import { DEMO_TIME_ZONE, generateDemoJournal } from "../demo.ts";
import { seededIds, seededRandom } from "../demo-random.ts";
import { idPrefixes } from "../ids.ts";
import type { ImportPayload } from "../import.ts";
import { eventKinds } from "../repos/events.ts";
import { planRow } from "../repos/plans.ts";
import type { Store } from "../store.ts";
import { type BulkRow, BulkWriter } from "./bulk-insert.ts";
import { startOfDay } from "./window.ts";

export const MAX_DEMO_PARTICIPANTS = 100_000;
export const DEMO_COORDINATOR = "coordinator";
export const DEMO_STUDY_TITLE = "Demo study: ketamine microdosing and mood";

export interface StudyDemoOptions {
  readonly seed: number;
  readonly days: number;
  readonly endDate: string;
  readonly now: Temporal.Instant;
  readonly participants: number;
  /** Called after every participant, with how many are done. */
  readonly onProgress?: (done: number) => void;
}

export interface StudyDemoSummary {
  readonly coordinator: string;
  readonly studyId: string;
  readonly participants: number;
  readonly startDate: string;
  readonly endDate: string;
  /** Rows written per table. */
  readonly counts: Readonly<Record<string, number>>;
}

const alphabet = "0123456789abcdefghjkmnpqrstvwxyz";

/** A participant's seed: the run's seed and their number, mixed (Murmur3's finaliser). */
export function participantSeed(seed: number, index: number): number {
  let h = (Math.imul(seed >>> 0, 0x9e3779b1) ^ (index + 1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Ids unique across participants: the prefix, the participant's number in four base32
 * characters, then the last eight characters of the id their demo journal drew.
 */
function participantIds(index: number): (id: string) => string {
  let tag = "";
  for (let n = index, i = 0; i < 4; i++, n = Math.floor(n / 32)) tag = alphabet[n % 32] + tag;
  return (id) => `${id.slice(0, id.indexOf("_") + 1)}${tag}${id.slice(-8)}`;
}

/** Writes the study demo into an empty store (JOURNAL_NOT_EMPTY otherwise). */
export async function writeStudyDemo(
  store: Store,
  options: StudyDemoOptions,
): Promise<StudyDemoSummary> {
  if (
    !Number.isInteger(options.participants) ||
    options.participants < 1 ||
    options.participants > MAX_DEMO_PARTICIPANTS
  ) {
    throw new TitrateError(
      "VALIDATION_FAILED",
      `participants: must be a whole number from 1 to ${MAX_DEMO_PARTICIPANTS}`,
      "participants",
    );
  }
  // The first participant's journal also checks days and the end date, before anything is written.
  const first = generateDemoJournal({ ...options, seed: participantSeed(options.seed, 0) });
  return store.transaction(async (tx) => {
    const accounts = await tx.selectFrom("users").select("username").limit(3).execute();
    if (accounts.length > 0) {
      throw new TitrateError(
        "JOURNAL_NOT_EMPTY",
        `${store.location} already holds accounts (${accounts.map((a) => `"${a.username}"`).join(", ")}); demo data is written only into an empty journal`,
        "data-dir",
      );
    }
    const writer = await BulkWriter.open(tx, store.kind);
    const setup = first.user?.createdAt ?? "";
    const studyIds = seededIds(seededRandom(options.seed ^ 0xc0071d));
    const coordinatorId = studyIds(idPrefixes.users);
    const studyId = studyIds(idPrefixes.studies);
    const plan = first.tables.plans[0];
    await writer.add("users", {
      id: coordinatorId,
      username: DEMO_COORDINATOR,
      passphrase_hash: null,
      role: "owner",
      created_at: setup,
    });
    await writer.add("profiles", {
      user_id: coordinatorId,
      weight_kg: null,
      units: "metric",
      time_zone: DEMO_TIME_ZONE,
      country: "GB",
      emergency_number: null,
      helpline_json: null,
      conditions_json: "[]",
      updated_at: setup,
    });
    const secret = seededRandom(options.seed ^ 0x5ec2e7);
    let pseudonymSecret = "";
    for (let i = 0; i < 32; i++) {
      pseudonymSecret += Math.floor(secret.next() * 256)
        .toString(16)
        .padStart(2, "0");
    }
    const startDate = plan?.startDate ?? options.endDate;
    await writer.add("studies", {
      id: studyId,
      user_id: coordinatorId,
      title: DEMO_STUDY_TITLE,
      description:
        "Synthetic data from `titrate demo --participants`: every participant follows the same weekly ketamine plan, checks in most evenings and answers a PHQ-9 every week.",
      protocol_json: JSON.stringify({
        substance: "ketamine",
        target: plan?.target ?? { amount: 7, unit: "mg" },
        protocol: plan?.protocol ?? { kind: "every-n-days", intervalDays: 7 },
        cycle: plan?.cycle ?? null,
      }),
      questionnaires_json: JSON.stringify([{ instrument: "phq9", everyDays: 7 }]),
      check_in_items_json: JSON.stringify(["mood", "energy", "focus", "anxiety", "sleep"]),
      start_date: startDate,
      end_date: options.endDate,
      time_zone: DEMO_TIME_ZONE,
      pseudonym_secret: pseudonymSecret,
      created_at: setup,
      updated_at: setup,
    });
    await writer.add("study_consent_versions", {
      id: studyIds(idPrefixes.study_consent_versions),
      user_id: coordinatorId,
      study_id: studyId,
      version: 1,
      text: "This is demo data. You share your doses, check-in ratings, questionnaires, symptom checklists, blood pressure and the kinds of other substances you take — never anything you write in words. Dates reach the study as study days. If you withdraw, what you recorded until then is kept.",
      collects_json: JSON.stringify([
        "doses",
        "checkIns",
        "questionnaires",
        "symptoms",
        "bloodPressure",
        "otherSubstances",
      ]),
      on_withdrawal: "keep",
      dates: "shifted",
      created_at: setup,
    });
    const width = Math.max(5, String(options.participants).length);
    for (let index = 0; index < options.participants; index++) {
      const payload =
        index === 0
          ? first
          : generateDemoJournal({ ...options, seed: participantSeed(options.seed, index) });
      await addParticipant(
        writer,
        payload,
        index,
        `p${String(index + 1).padStart(width, "0")}`,
        studyId,
      );
      options.onProgress?.(index + 1);
    }
    await writer.flush();
    return {
      coordinator: DEMO_COORDINATOR,
      studyId,
      participants: options.participants,
      startDate,
      endDate: options.endDate,
      counts: { ...writer.written },
    };
  });
}

/** One participant's journal, enrolment and consent, as rows. */
async function addParticipant(
  writer: BulkWriter,
  payload: ImportPayload,
  index: number,
  username: string,
  studyId: string,
): Promise<void> {
  const id = participantIds(index);
  const user = payload.user;
  const profile = payload.profile;
  if (!user || !profile) throw new Error("a demo journal has its account and profile");
  const userId = id(user.id);
  const t: JournalTables = payload.tables;
  const add = (table: string, row: BulkRow) => writer.add(table, row);
  await add("users", {
    id: userId,
    username,
    passphrase_hash: null,
    role: "member",
    created_at: user.createdAt,
  });
  await add("profiles", {
    user_id: userId,
    weight_kg: profile.weightKg,
    units: profile.units,
    time_zone: profile.timeZone,
    country: profile.country,
    emergency_number: profile.emergencyNumber,
    helpline_json: profile.helpline === null ? null : JSON.stringify(profile.helpline),
    conditions_json: JSON.stringify(profile.conditions),
    updated_at: profile.updatedAt,
  });
  for (const w of t.weights) {
    await add("weights", { id: id(w.id), user_id: userId, at: w.at, weight_kg: w.weightKg });
  }
  for (const b of t.batches) {
    await add("batches", {
      id: id(b.id),
      user_id: userId,
      substance: b.substance,
      label: b.label,
      form: b.form,
      concentration_mg_per_ml: b.concentrationMgPerMl,
      ml_per_spray: b.mlPerSpray,
      purity_percent: b.purityPercent,
      created_at: b.createdAt,
      archived_at: b.archivedAt,
    });
    for (const r of b.reagentTests) {
      await add("reagent_tests", {
        id: id(r.id),
        user_id: userId,
        batch_id: id(b.id),
        reagent: r.reagent,
        result: r.result,
        verdict: r.verdict,
        at: r.at,
      });
    }
  }
  for (const p of t.presets) {
    await add("presets", {
      id: id(p.id),
      user_id: userId,
      name: p.name,
      substance: p.substance,
      amount: p.amount,
      unit: p.unit,
      route: p.route,
      batch_id: p.batchId === null ? null : id(p.batchId),
      volume_ml: p.volumeMl,
      sprays: p.sprays,
      created_at: p.createdAt,
    });
  }
  for (const p of t.plans) {
    await add("plans", planRow(userId, { ...p, id: id(p.id) }));
  }
  for (const kind of eventKinds) {
    const records = t[tableKeyOf[kind.table]] as readonly (Record<string, unknown> & {
      id: string;
      at: string;
      timeZone: string;
      source: string;
      fingerprint: string | null;
      createdAt: string;
    })[];
    for (const record of records) {
      const columns = (kind.toColumns as (r: unknown) => Record<string, string | number | null>)(
        record,
      );
      if ("batch_id" in columns && columns.batch_id !== null) {
        columns.batch_id = id(String(columns.batch_id));
      }
      if ("plan_id" in columns && columns.plan_id !== null) {
        columns.plan_id = id(String(columns.plan_id));
      }
      await add(kind.table, {
        id: id(record.id),
        user_id: userId,
        at: record.at,
        time_zone: record.timeZone,
        source: record.source,
        fingerprint: record.fingerprint,
        created_at: record.createdAt,
        ...columns,
      });
    }
  }
  const enrolmentId = id(`enr_${user.id.slice(-8)}`);
  await add("study_enrolments", {
    id: enrolmentId,
    user_id: userId,
    study_id: studyId,
    joined_at: user.createdAt,
    // The demo journal begins at 07:55 on its first day, in Europe/London.
    first_day_at: startOfDay(Temporal.Instant.from(user.createdAt), profile.timeZone),
    time_zone: profile.timeZone,
    consent_version: 1,
    consented_at: user.createdAt,
    withdrawn_at: null,
    withdrawal: null,
    deleted_json: null,
  });
  await add("study_consents", {
    id: id(`sca_${user.id.slice(-8)}`),
    user_id: userId,
    enrolment_id: enrolmentId,
    version: 1,
    accepted_at: user.createdAt,
  });
}

const tableKeyOf = {
  doses: "doses",
  other_substances: "otherSubstances",
  check_ins: "checkIns",
  symptom_reports: "symptomReports",
  blood_pressures: "bloodPressures",
  screenings: "screenings",
  notes: "notes",
} as const;
