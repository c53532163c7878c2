/** Request and response schemas of export, import, backup download and erasing an account. */
import * as z from "zod/mini";
import { Finding } from "../../core/safety/finding.ts";
import { JournalExport } from "../../core/schemas/export.ts";
import { importSources } from "../../store/import.ts";
import { NewPassphrase } from "./auth.ts";
import { QueryFlag } from "./common.ts";

export const ExportQuery = z.strictObject({
  format: z.optional(
    z
      .enum(["json", "csv"])
      .check(
        z.describe(
          "json (default): the export document, to import again. csv: a ZIP archive with one CSV file per table.",
        ),
      ),
  ),
});

export { JournalExport };

export const ImportQuery = z.strictObject({
  from: z.optional(
    z.string().check(
      z.regex(/^[a-z0-9-]{1,40}$/u, {
        error: "must be the name of an import source, such as titrate",
      }),
      z.describe(
        `What wrote the file: ${Object.keys(importSources).join(", ")} (default titrate).`,
      ),
    ),
  ),
  dryRun: z.optional(
    QueryFlag.check(z.describe("Check the file and report what would happen; write nothing.")),
  ),
});

const count = z.int().check(z.gte(0));

/** What a source that maps another app's format made of the file (null for Titrate's own). */
const ImportSummary = z.strictObject({
  format: z.string(),
  timeZone: z.nullable(z.string()),
  inFile: z.record(z.string(), count),
  substances: z.array(
    z.strictObject({
      name: z.string(),
      catalogId: z.nullable(z.string()),
      ingestions: count,
      doses: count,
      otherSubstances: count,
      alreadyImported: count,
      skipped: count,
      reasons: z.record(z.string(), count),
    }),
  ),
  entries: z.array(
    z.strictObject({
      path: z.string(),
      substance: z.nullable(z.string()),
      outcome: z.string(),
      reason: z.string(),
      message: z.string(),
    }),
  ),
  notImported: z.array(z.string()),
});

export const ImportAnswer = z.strictObject({
  source: z.string(),
  dryRun: z.boolean().check(z.describe("True when nothing was written.")),
  username: z.string(),
  profile: z.enum(["added", "unchanged", "kept-yours", "none"]),
  counts: z.record(z.string(), z.strictObject({ added: count, skipped: count, conflicts: count })),
  conflicts: z
    .array(z.strictObject({ table: z.string(), id: z.string(), fields: z.array(z.string()) }))
    .check(z.describe("Records in the file that differ from yours: your version was kept.")),
  renamed: z.array(
    z.strictObject({
      table: z.enum(["batches", "presets"]),
      id: z.string(),
      from: z.string(),
      to: z.string(),
    }),
  ),
  summary: z.nullable(ImportSummary),
  findings: z
    .array(z.extend(Finding, { active: z.boolean() }))
    .check(
      z.describe(
        "What the imported history shows that the journal did not before (a dose far above a microdose, doses too close together…), danger first; `active` ones are findings now.",
      ),
    ),
});

/** Without a passphrase the backup is a plain SQLite file anyone who gets it can read. */
export const BackupBody = z.optional(
  z.strictObject({
    passphrase: z.optional(NewPassphrase),
  }),
);

export const ERASE_CONFIRMATION = "erase my data";

export const EraseBody = z.strictObject({
  confirm: z.literal(ERASE_CONFIRMATION, {
    error: `type "${ERASE_CONFIRMATION}" to confirm: erasing cannot be undone`,
  }),
});

export const AccountErased = z.strictObject({
  username: z.string(),
  removed: z
    .record(z.string(), count)
    .check(z.describe("Rows removed per table, the account itself included.")),
  newOwner: z
    .nullable(z.string())
    .check(z.describe("When the owner was erased and others remain: who is the owner now.")),
  notes: z.array(z.string()).check(z.describe("Copies this could not reach, and what to do.")),
});
