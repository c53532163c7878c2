/**
 * The one error class of Titrate and the registry of its stable codes.
 *
 * Every code is declared once here with the HTTP status it maps to and a help
 * line. docs/errors.md lists the same codes; errors.test.ts keeps the two equal.
 * Safety rules never throw: they return findings. Throwing is for input that
 * cannot be processed, or for a proposal the domain refuses (422).
 */

interface ErrorSpec {
  /** HTTP status: 400 malformed input, 422 well-formed but refused by the domain. */
  readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 503;
  readonly help: string;
}

export const errorRegistry = {
  VALIDATION_FAILED: { status: 400, help: "The input does not match the expected shape." },
  CLI_UNKNOWN_COMMAND: { status: 400, help: "The command does not exist; see `titrate --help`." },
  CLI_UNKNOWN_OPTION: {
    status: 400,
    help: "The option is not known to this command; see `titrate <command> --help`.",
  },
  CLI_MISSING_OPTION: { status: 400, help: "A required option was not given." },
  CLI_INVALID_OPTION: { status: 400, help: "An option was given in a form that cannot be read." },
  QUANTITY_INVALID: { status: 400, help: "A quantity must be a number followed by a unit." },
  QUANTITY_AMBIGUOUS: {
    status: 400,
    help: "A comma before exactly three digits could be a decimal or a thousands separator.",
  },
  QUANTITY_NOT_POSITIVE: { status: 400, help: "The quantity must be greater than zero." },
  QUANTITY_IMPLAUSIBLE: { status: 422, help: "The value is outside the range Titrate accepts." },
  UNIT_MISSING: { status: 400, help: "A quantity needs its unit, for example `7mg` or `70kg`." },
  UNIT_UNKNOWN: { status: 400, help: "The unit is not one Titrate knows." },
  UNIT_WRONG_KIND: {
    status: 400,
    help: "The unit measures something else (a volume where a mass was expected, say).",
  },
  SUBSTANCE_UNKNOWN: { status: 400, help: "The substance is not in Titrate's catalog." },
  ROUTE_UNKNOWN: { status: 400, help: "The route is not one the substance's catalog entry lists." },
  WEIGHT_REQUIRED: {
    status: 400,
    help: "This substance is dosed by body weight, so the weight is needed.",
  },
  DOSE_ABOVE_CEILING: {
    status: 422,
    help: "The proposed dose is above the substance's microdose ceiling; Titrate never proposes it.",
  },
  MEASUREMENT_TOO_COARSE: {
    status: 422,
    help: "The amount is under 10 steps of the measuring tool, too coarse to measure reliably.",
  },
  SOLUTION_INCOMPLETE: {
    status: 400,
    help: "A solution needs both the mass dissolved and the volume, or neither (to get a proposal).",
  },
  PREPARATION_IMPOSSIBLE: {
    status: 422,
    help: "No preparation with the given tools meets Titrate's measuring rules for this dose.",
  },
  PLAN_INTERVAL_TOO_SHORT: {
    status: 422,
    help: "The plan puts doses closer together than the substance's minimum interval; --accept-risk overrides it.",
  },
  INSTRUMENT_UNKNOWN: {
    status: 400,
    help: "The questionnaire or checklist is not one Titrate has; see `titrate screen list`.",
  },
  ANSWER_COUNT_WRONG: {
    status: 400,
    help: "A questionnaire needs exactly one answer per item, in order.",
  },
  ANSWER_OUT_OF_SCALE: {
    status: 400,
    help: "An answer is not one of the values on the instrument's answer scale.",
  },
  TIME_ZONE_UNKNOWN: {
    status: 400,
    help: "The time zone is not an IANA name Titrate knows, such as Europe/London.",
  },
  TIME_IN_FUTURE: {
    status: 422,
    help: "A journal entry records what has happened, so its time cannot be in the future.",
  },
  TIME_TOO_OLD: {
    status: 422,
    help: "The time is more than 30 years ago, most likely a typo in the year.",
  },
  STORE_NEWER_THAN_PROGRAM: {
    status: 503,
    help: "The journal was written by a newer Titrate; update Titrate or restore an older backup.",
  },
  STORE_MIGRATION_FAILED: {
    status: 503,
    help: "Bringing the journal up to date failed; nothing was changed and a copy was kept.",
  },
  STORE_BUSY: {
    status: 503,
    help: "The journal is busy with another writer for too long; try again.",
  },
  STORE_NOT_WRITABLE: {
    status: 503,
    help: "The journal's file or folder cannot be written (read-only, another user's, or a full disk); nothing was written.",
  },
  STORE_NOT_INITIALISED: {
    status: 409,
    help: "There is no journal here yet; run `titrate init` first.",
  },
  BACKUP_UNREADABLE: {
    status: 422,
    help: "The backup cannot be read: a wrong passphrase, a damaged or changed file, or another format.",
  },
  BATCH_REQUIRED: {
    status: 400,
    help: "A dose given as a volume or sprays needs the batch it came from.",
  },
  BATCH_INCOMPLETE: {
    status: 422,
    help: "The batch lacks the concentration or spray volume needed to turn this into an amount.",
  },
  BATCH_MISMATCH: { status: 422, help: "The batch holds a different substance from the dose." },
  BATCH_TEST_MISMATCH: {
    status: 422,
    help: "A reagent test of the batch did not match its substance; Titrate proposes no dose from it.",
  },
  OTHER_SUBSTANCE_IN_CATALOG: {
    status: 422,
    help: "The name is a substance in Titrate's catalog: log it as a dose, so the dose rules apply.",
  },
  PLAN_OVERLAPS: {
    status: 422,
    help: "Another active plan doses the same or a cross-tolerant substance; end it first.",
  },
  PLAN_ENDED: {
    status: 422,
    help: "The plan has ended; its history stays as it was followed.",
  },
  EXPERIMENT_ADVISED_AGAINST: {
    status: 422,
    help: "An active danger finding advises against taking the substance, so no experiment starts.",
  },
  LABEL_TAKEN: { status: 409, help: "You already have a batch or preset with that name." },
  PLAN_TARGET_REQUIRED: {
    status: 422,
    help: "A stored plan needs its dose: a target, or a weight for the start dose.",
  },
  CONFIRMATION_REQUIRED: {
    status: 400,
    help: "The action cannot be undone: confirm in a terminal, or pass --yes.",
  },
  ALREADY_INITIALISED: { status: 409, help: "A journal already exists in this data directory." },
  USERNAME_TAKEN: { status: 409, help: "That username is already an account on this server." },
  NOT_FOUND: { status: 404, help: "No entry with that id exists in this journal." },
  INVALID_JSON: { status: 400, help: "The request body is not valid JSON." },
  REQUEST_MALFORMED: {
    status: 400,
    help: "The HTTP request itself cannot be read (a bad URL, header or length).",
  },
  UNAUTHENTICATED: {
    status: 401,
    help: "Sign in first: this needs a valid session or API token, and yours is missing, expired or revoked.",
  },
  LOGIN_FAILED: { status: 401, help: "The username or the passphrase is wrong." },
  FORBIDDEN: {
    status: 403,
    help: "This needs a signed-in browser session; an API token cannot do it.",
  },
  ORIGIN_REJECTED: {
    status: 403,
    help: "The request came from another web site (its Origin is not this server's), so it was refused.",
  },
  HOST_REJECTED: {
    status: 403,
    help: "The request named a host this server does not answer to (a defence against DNS rebinding).",
  },
  PASSPHRASE_INCORRECT: { status: 403, help: "The current passphrase given is wrong." },
  ROUTE_NOT_FOUND: { status: 404, help: "There is no API route at that path and method." },
  SETUP_DONE: {
    status: 409,
    help: "This server is already set up; sign in instead. A lost passphrase is reset on the server's machine.",
  },
  PAYLOAD_TOO_LARGE: { status: 413, help: "The request body is larger than this route accepts." },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    help: "The request body must be JSON, sent with `Content-Type: application/json`.",
  },
  RATE_LIMITED: {
    status: 429,
    help: "Too many requests or failed sign-ins; wait the number of seconds in Retry-After.",
  },
  SERVER_LISTEN_FAILED: {
    status: 503,
    help: "The server could not listen on that host and port (in use, or not permitted).",
  },
  FILE_UNREADABLE: {
    status: 400,
    help: "The file cannot be read: it does not exist, is a folder, or you may not read it.",
  },
  FILE_EXISTS: {
    status: 409,
    help: "A file is already at that path; Titrate does not overwrite it unless told to (--force).",
  },
  IMPORT_FORMAT_UNKNOWN: {
    status: 400,
    help: "The file is not a journal export this Titrate can read: not JSON, another format, or a newer version.",
  },
  IMPORT_CONFLICT: {
    status: 409,
    help: "Records in the file belong to another account in this journal; nothing was imported.",
  },
  JOURNAL_NOT_EMPTY: {
    status: 409,
    help: "This data directory already holds a journal; use another --data-dir for demo data.",
  },
  STORE_DAMAGED: {
    status: 503,
    help: "The journal file is damaged (its integrity check failed); keep the data directory as it is and restore a backup.",
  },
  STORE_IN_USE: {
    status: 409,
    help: "Another program has the journal open (is `titrate serve` running?); stop it and try again.",
  },
  STORE_UNREACHABLE: {
    status: 503,
    help: "The PostgreSQL database cannot be reached or refused the sign-in; check the URL, the server and the password.",
  },
  STORE_SQLITE_ONLY: {
    status: 400,
    help: "The command works on a SQLite data directory; on PostgreSQL use pg_dump and pg_restore (docs/deploy.md).",
  },
  STORE_COPY_CONFLICT: {
    status: 409,
    help: "The target already holds an account of the journal being copied; nothing was copied.",
  },
  STORE_COPY_MISMATCH: {
    status: 500,
    help: "A copied table did not match the original (row count or checksum), or the target refused one of its rows; nothing was copied.",
  },
  EXPERIMENT_NOT_FOUND: {
    status: 404,
    help: "You have no blinded experiment yet; start one with `titrate experiment start`.",
  },
  EXPERIMENT_RUNNING: {
    status: 409,
    help: "A blinded experiment is already running; unblind it before starting another.",
  },
  EXPERIMENT_INTERVAL_TOO_SHORT: {
    status: 422,
    help: "The sessions would be closer together than the substance's minimum interval; a placebo session is planned like a dose.",
  },
  EXPERIMENT_NO_SESSION: {
    status: 422,
    help: "The experiment has no session on that date, or the session is still ahead.",
  },
  EXPERIMENT_BLINDED: {
    status: 409,
    help: "The experiment's results stay sealed until it is unblinded.",
  },
  EXPERIMENT_NOT_OVER: {
    status: 409,
    help: "Sessions remain: unblinding now ends the experiment early, which must be asked for (`--early`, or `early: true` in the API) and is recorded.",
  },
  EXPERIMENT_UNBLINDED: {
    status: 409,
    help: "The experiment is already unblinded; its guesses and its unblinding are closed.",
  },
  EXPERIMENT_CODE_UNKNOWN: {
    status: 400,
    help: "The code given is neither of the experiment's two codes.",
  },
  STUDY_INVITATION_INVALID: {
    status: 422,
    help: "The invitation code is unknown, already used, expired or withdrawn; ask the study's coordinator for a new one.",
  },
  STUDY_CONSENT_OUTDATED: {
    status: 409,
    help: "The study's consent changed while it was being read; read the current version and accept that one.",
  },
  STUDY_CONSENT_UNCHANGED: {
    status: 409,
    help: "A new consent version must differ from the latest one in its text or its terms.",
  },
  STUDY_ALREADY_JOINED: {
    status: 409,
    help: "This account has already joined that study (withdrawing does not allow joining again).",
  },
  STUDY_ALREADY_ENROLLED: {
    status: 409,
    help: "This account takes part in another study that has not ended; withdraw from it first (one study at a time).",
  },
  STUDY_OWN_STUDY: {
    status: 422,
    help: "A coordinator cannot take part in their own study; join with another account.",
  },
  STUDY_CLOSED: {
    status: 409,
    help: "The study's end date has passed: nobody can join it or be invited to it.",
  },
  STUDY_NOT_JOINED: {
    status: 404,
    help: "This account is not taking part in a study; join one with an invitation code.",
  },
  STUDY_WITHDRAWN: {
    status: 409,
    help: "The participant has withdrawn from the study (or it has ended); there is nothing left to consent to or withdraw from.",
  },
  STUDY_NO_PROTOCOL: {
    status: 409,
    help: "The study has no dose protocol to start as a plan.",
  },
  STUDY_ENTRY_KEPT: {
    status: 409,
    help: "The entry is part of what a study keeps since the participant withdrew; it stays as it was then. Delete it and log it again to change it (the study then no longer has it).",
  },
  STUDY_DESIGN_WIDENS: {
    status: 409,
    help: "People have joined the study under its design; a change that would share more of their journals (a new check-in item or questionnaire, an earlier start, a later end) is refused. Narrowing is allowed; to collect more, start a new study.",
  },
  STUDY_TABLE_NOT_COLLECTED: {
    status: 404,
    help: "No consent version of the study collects what that export table holds.",
  },
  INTERNAL: { status: 500, help: "Something went wrong inside Titrate; this is a bug." },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof errorRegistry;

/** One field at fault: a dot path such as `target.amount`, and what is wrong with it. */
export interface FieldError {
  readonly path: string;
  readonly message: string;
}

export class TitrateError extends Error {
  override readonly name = "TitrateError";
  readonly code: ErrorCode;
  /** Every field at fault; the first one is also `field`. */
  readonly fields: readonly FieldError[];

  constructor(code: ErrorCode, message: string, fields: string | readonly FieldError[] = []) {
    super(message);
    this.code = code;
    this.fields =
      typeof fields === "string" ? [{ path: fields, message }] : Object.freeze([...fields]);
  }

  /** The dot path of the first field at fault, if any. */
  get field(): string | undefined {
    return this.fields[0]?.path;
  }

  /** The HTTP status this error maps to (the one place codes meet statuses). */
  get status(): number {
    return errorRegistry[this.code].status;
  }
}

/** True when `error` is a TitrateError (also across module copies, by shape). */
export function isTitrateError(error: unknown): error is TitrateError {
  return error instanceof TitrateError;
}
