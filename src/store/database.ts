/**
 * Row types of every table, for Kysely's typed queries. Column names are snake_case as in
 * the migrations; the repositories map rows to the core's camelCase records.
 */
import type { Kysely } from "kysely";

type Instant = string; // ISO 8601 UTC, second precision: "2026-03-22T09:10:00Z"
type Bool = number; // 0 or 1: portable between SQLite and PostgreSQL
type Source = string; // "manual" | "import" | "demo" | "psychonautwiki"

interface EventColumns {
  id: string;
  user_id: string;
  at: Instant;
  time_zone: string;
  source: Source;
  fingerprint: string | null;
  created_at: Instant;
}

export interface Database {
  users: {
    id: string;
    username: string;
    passphrase_hash: string | null;
    role: string;
    created_at: Instant;
  };
  profiles: {
    user_id: string;
    weight_kg: number | null;
    units: string;
    time_zone: string;
    country: string | null;
    emergency_number: string | null;
    helpline_json: string | null;
    conditions_json: string;
    updated_at: Instant;
  };
  weights: { id: string; user_id: string; at: Instant; weight_kg: number };
  medications: {
    id: string;
    user_id: string;
    name: string;
    added_at: Instant;
    ended_at: Instant | null;
  };
  batches: {
    id: string;
    user_id: string;
    substance: string;
    label: string;
    form: string;
    concentration_mg_per_ml: number | null;
    ml_per_spray: number | null;
    purity_percent: number | null;
    created_at: Instant;
    archived_at: Instant | null;
  };
  reagent_tests: {
    id: string;
    user_id: string;
    batch_id: string;
    reagent: string;
    result: string;
    verdict: string;
    at: Instant;
  };
  plans: {
    id: string;
    user_id: string;
    substance: string;
    target_amount: number;
    target_unit: string;
    protocol_json: string;
    cycle_json: string | null;
    start_date: string;
    local_time: string;
    time_zone: string;
    end_json: string;
    accept_risk: Bool;
    created_at: Instant;
    ended_at: Instant | null;
  };
  presets: {
    id: string;
    user_id: string;
    name: string;
    substance: string;
    amount: number | null;
    unit: string;
    route: string;
    batch_id: string | null;
    volume_ml: number | null;
    sprays: number | null;
    created_at: Instant;
  };
  doses: EventColumns & {
    substance: string;
    amount: number | null;
    unit: string;
    route: string;
    batch_id: string | null;
    plan_id: string | null;
    is_estimate: Bool;
    note: string | null;
  };
  other_substances: EventColumns & {
    name: string;
    amount: number | null;
    unit: string | null;
    route: string | null;
    note: string | null;
  };
  check_ins: EventColumns & {
    mood: number | null;
    energy: number | null;
    focus: number | null;
    anxiety: number | null;
    sleep: number | null;
    effects: string | null;
    after_effects: string | null;
    note: string | null;
    shulgin: string | null;
  };
  symptom_reports: EventColumns & { checklist: string; symptoms_json: string; note: string | null };
  blood_pressures: EventColumns & {
    systolic_mm_hg: number;
    diastolic_mm_hg: number;
    pulse_bpm: number | null;
  };
  screenings: EventColumns & {
    instrument: string;
    answers_json: string;
    total: number;
    band: string;
    crisis: Bool;
  };
  notes: EventColumns & { text: string };
  finding_acknowledgements: { user_id: string; finding_key: string; acknowledged_at: Instant };
  sessions: {
    id: string;
    token_hash: string;
    user_id: string;
    created_at: Instant;
    last_seen_at: Instant;
    expires_at: Instant;
    user_agent: string | null;
  };
  experiments: {
    id: string;
    user_id: string;
    substance: string;
    outcome: string;
    code_a: string;
    code_b: string;
    start_date: string;
    interval_days: number;
    sessions: number;
    block_size: number;
    time_zone: string;
    sealed_allocation: string;
    seal_secret: string;
    created_at: Instant;
    unblinded_at: Instant | null;
    unblinded_early: Bool | null;
    unblind_reason: string | null;
    active_code: string | null;
  };
  experiment_guesses: {
    experiment_id: string;
    user_id: string;
    session: number;
    guess: string;
    guessed_at: Instant;
  };
  api_tokens: {
    id: string;
    token_hash: string;
    user_id: string;
    name: string;
    created_at: Instant;
    last_used_at: Instant | null;
    revoked_at: Instant | null;
  };
  studies: {
    id: string;
    user_id: string;
    title: string;
    description: string;
    protocol_json: string | null;
    questionnaires_json: string;
    check_in_items_json: string;
    start_date: string;
    end_date: string;
    time_zone: string;
    pseudonym_secret: string;
    created_at: Instant;
    updated_at: Instant;
  };
  study_consent_versions: {
    id: string;
    user_id: string;
    study_id: string;
    version: number;
    text: string;
    collects_json: string;
    on_withdrawal: string;
    dates: string;
    created_at: Instant;
  };
  study_invitations: {
    id: string;
    user_id: string;
    study_id: string;
    code_hash: string;
    hint: string;
    created_at: Instant;
    expires_at: Instant;
    used_at: Instant | null;
    revoked_at: Instant | null;
  };
  study_enrolments: {
    id: string;
    user_id: string;
    study_id: string;
    joined_at: Instant;
    first_day_at: Instant;
    time_zone: string;
    consent_version: number;
    consented_at: Instant;
    withdrawn_at: Instant | null;
    withdrawal: string | null;
    deleted_json: string | null;
  };
  study_consents: {
    id: string;
    user_id: string;
    enrolment_id: string;
    version: number;
    accepted_at: Instant;
  };
}

export type Db = Kysely<Database>;

/** Tables whose rows are a person's dated journal events. */
export const eventTableNames = [
  "doses",
  "other_substances",
  "check_ins",
  "symptom_reports",
  "blood_pressures",
  "screenings",
  "notes",
] as const satisfies readonly (keyof Database)[];
export type EventTable = (typeof eventTableNames)[number];
