/**
 * Every migration, in order. Append only: a migration that has shipped is never edited.
 * Listed statically (not read from disk) so the bundled CLI carries them.
 */
import type { Migration } from "kysely/migration";
import * as journal from "./0001-journal.ts";
import * as auth from "./0002-auth.ts";
import * as experiments from "./0003-experiments.ts";
import * as studies from "./0004-studies.ts";

export const migrations: Readonly<Record<string, Migration>> = {
  "0001-journal": journal,
  "0002-auth": auth,
  "0003-experiments": experiments,
  "0004-studies": studies,
};
