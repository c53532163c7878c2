/**
 * Record ids: a short prefix naming the kind of record, then 12 random base32 characters
 * (60 bits). Short enough to type in `titrate delete dos_…`, and the prefix tells the CLI
 * which table an id belongs to.
 */
import { randomBytes } from "node:crypto";

export const idPrefixes = {
  users: "usr",
  weights: "wgt",
  medications: "med",
  batches: "bat",
  reagent_tests: "rgt",
  plans: "pln",
  presets: "pre",
  doses: "dos",
  other_substances: "sub",
  check_ins: "chk",
  symptom_reports: "sym",
  blood_pressures: "bpr",
  screenings: "scr",
  notes: "not",
  sessions: "ses",
  api_tokens: "tok",
  experiments: "exp",
  studies: "stu",
  study_consent_versions: "scv",
  study_invitations: "inv",
  study_enrolments: "enr",
  study_consents: "sca",
} as const;
export type IdTable = keyof typeof idPrefixes;

const alphabet = "0123456789abcdefghjkmnpqrstvwxyz"; // Crockford's base32, lower case

/** A new random id for a row of `table`. */
export function newId(table: IdTable): string {
  const bytes = randomBytes(12);
  let text = "";
  for (const byte of bytes) text += alphabet[byte & 31];
  return `${idPrefixes[table]}_${text}`;
}

/** The table an id belongs to, from its prefix; undefined for an unknown prefix. */
export function tableOfId(id: string): IdTable | undefined {
  const prefix = id.split("_")[0];
  return (Object.keys(idPrefixes) as IdTable[]).find((t) => idPrefixes[t] === prefix);
}
