/**
 * Everything the safety rules read: the whole journal as plain records, and the current
 * instant (passed in; the core never reads the clock).
 */
import type { Temporal } from "temporal-polyfill";
import type {
  Batch,
  BloodPressure,
  CheckIn,
  Dose,
  Medication,
  OtherSubstance,
  Plan,
  Profile,
  Screening,
  SymptomReport,
} from "../schemas/journal.ts";

export interface JournalSnapshot {
  readonly now: Temporal.Instant;
  readonly profile: Profile;
  readonly medications: readonly Medication[];
  readonly plans: readonly Plan[];
  readonly doses: readonly Dose[];
  readonly otherSubstances: readonly OtherSubstance[];
  readonly checkIns: readonly CheckIn[];
  readonly symptomReports: readonly SymptomReport[];
  readonly bloodPressures: readonly BloodPressure[];
  readonly screenings: readonly Screening[];
  readonly batches: readonly Batch[];
}
