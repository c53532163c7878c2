/**
 * What the API answers, as the web app reads it. Record shapes come from src/core's schemas
 * (type-only imports: nothing of Zod or Temporal reaches the bundle from here); the shapes
 * the API composes (today, plan status…) are written out here, mirroring the routes.
 */
import type { DoseAmount } from "../core/dose-amount.ts";
import type { ExperimentResults } from "../core/insights/experiment-results.ts";
import type { Insights } from "../core/insights/insights.ts";
import type { RatingName } from "../core/insights/ratings.ts";
import type { Finding as CoreFinding } from "../core/safety/finding.ts";
import type { PlanWarning } from "../core/schedule/warnings.ts";
import type {
  Batch,
  BloodPressure,
  CheckIn,
  Dose,
  Medication,
  OtherSubstance,
  Plan,
  Profile,
  ReagentTest,
  Screening,
  SymptomReport,
} from "../core/schemas/journal.ts";

export type {
  Batch,
  BloodPressure,
  CheckIn,
  Dose,
  DoseAmount,
  ExperimentResults,
  Insights,
  Medication,
  OtherSubstance,
  Plan,
  PlanWarning,
  Profile,
  RatingName,
  ReagentTest,
  Screening,
  SymptomReport,
};

export type Finding = CoreFinding & { readonly acknowledgedAt?: string | null };

export interface SessionState {
  readonly setupNeeded: boolean;
  readonly authenticated: boolean;
  readonly user: { readonly id: string; readonly username: string; readonly role: string } | null;
}

export interface Occurrence {
  readonly date: string;
  readonly localTime: string;
  readonly at: string;
  readonly index?: number;
}

export interface NextDose {
  readonly occurrence: Occurrence;
  readonly at: string;
  readonly date: string;
  readonly localTime: string;
  readonly timeZone: string;
  readonly isDue: boolean;
  readonly pushedBack: boolean;
  readonly reason: string | null;
  /** Planned occurrences passed over because they came too soon after the last dose. */
  readonly skipped: readonly Occurrence[];
  readonly lastDoseAt: string | null;
  readonly earliestAt: string | null;
  readonly intervalDays: number;
  readonly warnings: readonly PlanWarning[];
}

export interface CurrentFindings {
  readonly active: readonly Finding[];
  readonly acknowledged: readonly Finding[];
  readonly history?: readonly Finding[];
}

export interface Today {
  readonly plans: readonly { readonly plan: Plan; readonly next: NextDose | null }[];
  readonly unplanned: readonly {
    readonly substance: string;
    readonly lastDose: Dose;
    readonly earliestAt: string;
    readonly minIntervalDays: number;
    readonly minIntervalFacts: readonly string[];
  }[];
  readonly lastDose: Dose | null;
  readonly findings: CurrentFindings;
  readonly advisedNotToDose: boolean;
  readonly backups?: { readonly failing: boolean; readonly error: string | null };
}

/** What a write answers: the record, the findings it brought, and every active finding. */
export interface Recorded<R> {
  readonly record: R;
  readonly findings: readonly Finding[];
  readonly active: readonly Finding[];
  readonly amount?: DoseAmount | null;
}

export interface DoseCheck {
  readonly dose: Omit<Dose, "id">;
  readonly amount: DoseAmount | null;
  readonly findings: readonly Finding[];
}

export interface Preset {
  readonly id: string;
  readonly name: string;
  readonly substance: string;
  readonly amount: number | null;
  readonly unit: string;
  readonly route: string;
  readonly batchId: string | null;
  readonly volumeMl: number | null;
  readonly sprays: number | null;
}

export type TimelineKind =
  | "dose"
  | "substance"
  | "checkin"
  | "symptom"
  | "bp"
  | "screening"
  | "note";

export interface TimelineEntry {
  readonly kind: TimelineKind;
  readonly id: string;
  readonly at: string;
  readonly timeZone: string;
  readonly record: Record<string, unknown>;
}

export interface WeightEntry {
  readonly weightKg: number;
  readonly at: string;
}

export type AdherenceStatus = "taken" | "late" | "missed" | "skipped" | "pending";

export interface PlanStatus {
  readonly plan: Plan;
  readonly isActive: boolean;
  readonly next: NextDose | null;
  readonly warnings: readonly PlanWarning[];
}

export interface PlanCalendar {
  readonly timeZone: string;
  readonly occurrences: readonly (Occurrence & { readonly status: AdherenceStatus })[];
  readonly extra: readonly { readonly date: string }[];
  readonly breaks: readonly { readonly from: string; readonly until: string }[];
  /** The next dose as GET /api/v1/today and the plan list give it, with what it skips. */
  readonly next: NextDose | null;
}

export interface SessionInfo {
  readonly id: string;
  readonly createdAt: string;
  readonly lastSeenAt: string;
  readonly userAgent: string | null;
  readonly current: boolean;
}

export type ExperimentState = "upcoming" | "running" | "finished" | "unblinded";
export type Guess = "active" | "placebo";

/** GET /api/v1/experiments/current (and GET /api/v1/experiments as `current`): never the order. */
export interface ExperimentView {
  readonly id: string;
  readonly substance: string;
  readonly outcome: RatingName;
  readonly codes: readonly [string, string];
  readonly startDate: string;
  readonly endDate: string;
  readonly intervalDays: number;
  readonly sessions: number;
  readonly blockSize: number;
  readonly timeZone: string;
  readonly createdAt: string;
  readonly state: ExperimentState;
  readonly schedule: readonly {
    readonly number: number;
    readonly date: string;
    readonly guessed: boolean;
  }[];
  readonly sessionsPast: number;
  readonly guesses: number;
  readonly unblinding: {
    readonly at: string;
    readonly early: boolean;
    readonly reason: string | null;
    readonly activeCode: string;
    readonly placeboCode: string;
  } | null;
}

/** GET /api/v1/experiments/current/today: the one code to take today, if it is a session day. */
export interface ExperimentToday {
  readonly date: string;
  readonly experimentId: string;
  readonly state: ExperimentState;
  readonly session: {
    readonly number: number;
    readonly of: number;
    readonly code: string;
    readonly guess: Guess | null;
  } | null;
  readonly nextSession: { readonly number: number; readonly date: string } | null;
}

export interface ExperimentReport {
  readonly experiment: ExperimentView;
  readonly results: ExperimentResults;
}
