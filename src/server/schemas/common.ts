/**
 * Building blocks the API's schemas share: record ids in paths, instants, the time of an
 * entry as a person gives it, findings and crisis resources. Journal records themselves come
 * from src/core/schemas, the same schemas the CLI and import use.
 */
import * as z from "zod/mini";
import { Finding } from "../../core/safety/finding.ts";
import type { IdTable } from "../../store/ids.ts";
import { idPrefixes } from "../../store/ids.ts";

/** An id of `table`'s records (see src/store/ids.ts): `dos_0123456789ab`. */
export function recordId(table: IdTable) {
  const prefix = idPrefixes[table];
  return z.string().check(
    z.regex(new RegExp(`^${prefix}_[0-9a-z]{12}$`, "u"), {
      error: `must be an id such as ${prefix}_0123456789ab`,
    }),
  );
}

/** `{ id }` in a path, for records of `table`. */
export function idParams(table: IdTable) {
  return z.strictObject({ id: recordId(table) });
}

/** An instant the server answers: ISO 8601 in UTC. */
export const Instant = z
  .string()
  .check(z.describe("An instant, ISO 8601 UTC: 2026-03-22T09:10:00Z."));

/**
 * When something happened, as a person gives it: an instant with its offset
 * (`2026-03-22T09:10:00Z`, `…+01:00`), or a local date and time read in the profile's time
 * zone (`2026-03-22T09:10`). Not in the future (a minute of clock skew is allowed).
 */
export const At = z.string().check(
  z.trim(),
  z.regex(/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?$/iu, {
    error:
      "must be a date and time: 2026-03-22T09:10:00Z, with an offset, or 2026-03-22T09:10 in your profile's time zone",
  }),
  z.describe(
    "When it happened: an instant with an offset (2026-03-22T09:10:00Z) or a local date and time read in the profile's time zone (2026-03-22T09:10). Default now; never in the future.",
  ),
);

/** A note a person writes (empty or null for none). */
export const NoteText = z.nullable(z.string().check(z.maxLength(5000)));

/** A finding with whether (and when) the person acknowledged it. */
export const FindingStatus = z.extend(Finding, {
  acknowledgedAt: z.nullable(Instant),
});

/** What a journal entry brought, and every finding active now (danger first). */
export const RecordedFindings = {
  findings: z
    .array(Finding)
    .check(
      z.describe(
        "What this entry brought: findings about the entry, then active findings that are new or that it changed.",
      ),
    ),
  active: z.array(Finding).check(z.describe("Every finding active now, danger first.")),
};

const Helpline = z.strictObject({
  name: z.string(),
  phone: z.nullable(z.string()),
  url: z.nullable(z.string()),
});

/** Where to turn in a crisis: the person's own contacts first, then their country's (FACTS CRISIS-1). */
export const CrisisResources = z.strictObject({
  emergencyNumber: z.nullable(z.string()),
  emergencyText: z.string().check(z.describe("How to reach emergency services, in words.")),
  helplines: z.array(Helpline),
  country: z.nullable(z.string()),
  origin: z.enum(["settings", "country", "default"]),
  sources: z.array(z.string()),
  message: z
    .array(z.string())
    .check(z.describe("The crisis message as plain lines, most urgent first.")),
});

/** Booleans in a query string. */
export const QueryFlag = z.enum(["true", "false"]);
