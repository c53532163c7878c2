/**
 * Reads the whole journal of one account into the snapshot the safety rules evaluate.
 * Read inside the caller's transaction, so the rules see exactly what was just written.
 */
import type { Temporal } from "temporal-polyfill";
import type { JournalSnapshot } from "../core/safety/snapshot.ts";
import type { Profile } from "../core/schemas/journal.ts";
import type { Db } from "./database.ts";
import { listBatches } from "./repos/batches.ts";
import {
  bloodPressures,
  checkIns,
  doses,
  listEvents,
  otherSubstances,
  screenings,
  symptomReports,
} from "./repos/events.ts";
import { listMedications } from "./repos/medications.ts";
import { listPlans } from "./repos/plans.ts";

export async function loadSnapshot(
  db: Db,
  userId: string,
  profile: Profile,
  now: Temporal.Instant,
): Promise<JournalSnapshot> {
  const [
    medications,
    plans,
    doseList,
    others,
    checkInList,
    reports,
    pressures,
    screeningList,
    batches,
  ] = await Promise.all([
    listMedications(db, userId),
    listPlans(db, userId),
    listEvents(db, doses, userId),
    listEvents(db, otherSubstances, userId),
    listEvents(db, checkIns, userId),
    listEvents(db, symptomReports, userId),
    listEvents(db, bloodPressures, userId),
    listEvents(db, screenings, userId),
    listBatches(db, userId),
  ]);
  return {
    now,
    profile,
    medications,
    plans,
    doses: doseList,
    otherSubstances: others,
    checkIns: checkInList,
    symptomReports: reports,
    bloodPressures: pressures,
    screenings: screeningList,
    batches,
  };
}
