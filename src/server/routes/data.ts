/**
 * Your data, one request away: the export (JSON to import again, or a ZIP of CSV files for
 * spreadsheets, R and pandas), an import of an export (a dry run says what it would do),
 * and an encrypted backup of your account to download. Each covers the signed-in account
 * only: one account never receives another's data.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { FastifyPluginAsync } from "fastify";
import { TitrateError } from "../../core/errors.ts";
import { BACKUP_STAGING_PREFIX, createBackup } from "../../store/backup.ts";
import { buildJournalExport, exportFileBase } from "../../store/export.ts";
import { exportCsvFiles } from "../../store/export-csv.ts";
import { DEFAULT_IMPORT_SOURCE, getImportSource, importJournal } from "../../store/import.ts";
import { zipFiles } from "../../store/zip.ts";
import type { ServerContext } from "../context.ts";
import { defineRoute, FileAnswer } from "../route.ts";
import {
  BackupBody,
  ExportQuery,
  ImportAnswer,
  ImportQuery,
  JournalExport,
} from "../schemas/data.ts";

/** The largest import accepted: years of a detailed journal fit well within it. */
export const IMPORT_LIMIT_BYTES = 20 * 1024 * 1024;

export const dataRoutes: FastifyPluginAsync<ServerContext> = async (app, context) => {
  const { store } = context;

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/export",
    operationId: "exportJournal",
    summary: "Download your whole journal: JSON (to import again) or CSV files in a ZIP",
    description:
      "format=json (default): one versioned document (format titrate-journal) with your account, profile, weight history, medications, batches and tests, presets, plans, every entry and your acknowledgements; POST /api/v1/import brings it back. format=csv: a ZIP archive holding a folder with one CSV file per table (RFC 4180, UTF-8, `at` in UTC and `at_local` in the zone you entered it). Passphrases, sessions and tokens are never exported.",
    tags: ["data"],
    query: ExportQuery,
    downloads: [
      {
        contentType: "application/json",
        description: "The export document.",
        schema: JournalExport,
      },
      { contentType: "application/zip", description: "A ZIP of CSV files, one per table." },
    ],
    handler: async ({ userId, principal, query }) => {
      const now = context.now();
      const doc = await buildJournalExport(store, userId, {
        now,
        exportedBy: `titrate ${context.version}`,
      });
      const base = exportFileBase(principal.username, now);
      if (query.format === "csv") {
        const files = exportCsvFiles(doc).map((f) => ({ name: `${base}/${f.name}`, data: f.text }));
        return new FileAnswer("application/zip", `${base}.zip`, zipFiles(files, now));
      }
      return new FileAnswer(
        "application/json",
        `${base}.json`,
        `${JSON.stringify(doc, null, 2)}\n`,
      );
    },
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/import",
    operationId: "importJournal",
    summary: "Import an export into your account: adds what is new, changes nothing else",
    description:
      "The body is the export file as it was downloaded (up to 20 MB): a Titrate export, or with `from=psychonautwiki` a PsychonautWiki Journal export. The whole file is checked first; a problem names the record and field (`doses[3].amount`) and nothing is written. Records you already have are skipped; one that differs keeps your version and is listed in `conflicts`. `findings` are what the imported history shows. With `dryRun=true` nothing is written and the answer says what would happen.",
    tags: ["data"],
    query: ImportQuery,
    file: {
      description: "A Titrate export document (or another app's export, named by `from`).",
      schema: JournalExport,
    },
    bodyLimit: IMPORT_LIMIT_BYTES,
    response: ImportAnswer,
    errors: ["IMPORT_FORMAT_UNKNOWN", "IMPORT_CONFLICT"],
    handler: async ({ principal, query, file }) => {
      if (file === undefined) {
        throw new TitrateError(
          "VALIDATION_FAILED",
          "body: send the export file as the request body (Content-Type: application/json)",
          "body",
        );
      }
      const source = await getImportSource(query.from ?? DEFAULT_IMPORT_SOURCE);
      const report = await importJournal(store, {
        source,
        // The JSON was parsed to check its syntax (and refuse __proto__); the source reads bytes.
        bytes: Buffer.from(JSON.stringify(file), "utf8"),
        username: principal.username,
        now: context.now(),
        dryRun: query.dryRun === "true",
      });
      return {
        source: report.source,
        dryRun: report.dryRun,
        username: report.username,
        profile: report.profile,
        counts: report.counts,
        conflicts: report.conflicts,
        renamed: report.renamed,
        summary: report.summary,
        findings: report.findings,
      };
    },
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/backup",
    operationId: "downloadBackup",
    summary: "Download a backup of your account, encrypted with a passphrase",
    description:
      "A SQLite copy holding your account only, checked before it is sent; `titrate restore FILE` brings it back on any machine. With `passphrase` (at least 10 characters) it is encrypted with AES-256-GCM under a key derived with scrypt, and a lost passphrase cannot be recovered. Without one it is a plain database anyone who gets the file can read.",
    tags: ["data"],
    body: BackupBody,
    downloads: [
      {
        contentType: "application/octet-stream",
        description: "titrate-backup-<account>-<time>.tbk (encrypted) or .db (plain SQLite).",
      },
    ],
    handler: async ({ userId, principal, body }) => {
      const passphrase = body?.passphrase;
      const now = context.now();
      const name = `${exportFileBase(principal.username, now, "titrate-backup")}.${passphrase ? "tbk" : "db"}`;
      const staging = mkdtempSync(join(store.stagingDir, BACKUP_STAGING_PREFIX));
      try {
        const out = join(staging, name);
        await createBackup(store, { out, passphrase, cost: context.backupCost, accountId: userId });
        return new FileAnswer("application/octet-stream", name, readFileSync(out));
      } finally {
        rmSync(staging, { recursive: true, force: true });
      }
    },
  });
};
