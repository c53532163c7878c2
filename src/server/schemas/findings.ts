/** Request and response schemas of findings and the Today data. */
import * as z from "zod/mini";
import { Dose, Plan } from "../../core/schemas/journal.ts";
import { CrisisResources, FindingStatus, Instant, QueryFlag } from "./common.ts";
import { NextDose } from "./plans.ts";

export const FindingsQuery = z.strictObject({
  history: z.optional(
    QueryFlag.check(z.describe("Also every finding over the whole journal, active or not.")),
  ),
});

export const Findings = z.strictObject({
  active: z
    .array(FindingStatus)
    .check(z.describe("Unacknowledged findings and every danger, danger first.")),
  acknowledged: z.array(FindingStatus),
  history: z.optional(z.array(FindingStatus)),
});

export const AcknowledgeBody = z.strictObject({
  key: z.string().check(z.minLength(1), z.maxLength(500)),
});
export const Acknowledged = z.strictObject({ finding: FindingStatus });

export const BackupStatus = z.strictObject({
  enabled: z.boolean(),
  keep: z.nullable(z.int()),
  intervalHours: z.nullable(z.number()),
  lastAttemptAt: z.nullable(Instant),
  lastSuccessAt: z.nullable(Instant),
  lastFile: z.nullable(z.string()),
  failing: z
    .boolean()
    .check(z.describe("True when the last automatic backup failed: show it, with `error`.")),
  error: z.nullable(z.string()),
  nextAt: z.nullable(Instant),
  overdue: z
    .boolean()
    .check(z.describe("True when the next backup is over an hour late: backups are not running.")),
});

export const Today = z.strictObject({
  plans: z.array(z.strictObject({ plan: Plan, next: z.nullable(NextDose) })),
  unplanned: z.array(
    z.strictObject({
      substance: z.string(),
      lastDose: Dose,
      earliestAt: Instant.check(z.describe("The earliest the next dose may be.")),
      minIntervalDays: z.number(),
      minIntervalFacts: z.array(z.string()),
    }),
  ),
  lastDose: z.nullable(Dose),
  findings: z.strictObject({
    active: z.array(FindingStatus),
    acknowledged: z.array(FindingStatus),
  }),
  advisedNotToDose: z.boolean(),
  crisis: CrisisResources,
  backups: BackupStatus,
});
