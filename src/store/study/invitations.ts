/**
 * Invitations to a study: a coordinator makes single-use codes (shown once, stored hashed,
 * expiring), lists them by their last four characters and status, and withdraws unused ones.
 * A used code records when, never by whom.
 */
import type { Temporal } from "temporal-polyfill";
import { TitrateError } from "../../core/errors.ts";
import {
  type InvitationRequest,
  InvitationRequest as InvitationRequestSchema,
} from "../../core/schemas/study.ts";
import { parseWith } from "../../core/schemas/validate.ts";
import { formatInstant } from "../../core/time.ts";
import type { Db } from "../database.ts";
import { newId } from "../ids.ts";
import type { Store } from "../store.ts";
import { stateOf } from "./coordinate.ts";
import { hashInvitationCode, invitationHint, newInvitationCode } from "./invitation-code.ts";
import { getOwnStudy } from "./records.ts";

export const DEFAULT_INVITATION_DAYS = 14;

export type InvitationStatus = "unused" | "used" | "expired" | "revoked";

export interface InvitationView {
  readonly id: string;
  /** The code's last four characters. */
  readonly hint: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly status: InvitationStatus;
}

export interface NewInvitation extends InvitationView {
  /** The code itself: shown this once. */
  readonly code: string;
}

/** Makes `count` codes for the study, valid for `expiresInDays` days. */
export async function createInvitations(
  store: Store,
  userId: string,
  studyId: string,
  request: InvitationRequest,
  now: Temporal.Instant,
): Promise<NewInvitation[]> {
  const checked = parseWith(InvitationRequestSchema, request);
  const createdAt = formatInstant(now);
  const expiresAt = formatInstant(
    now.add({ hours: 24 * (checked.expiresInDays ?? DEFAULT_INVITATION_DAYS) }),
  );
  return store.transaction(async (tx) => {
    const study = await getOwnStudy(tx, userId, studyId);
    if (stateOf(study, now) === "ended") {
      throw new TitrateError(
        "STUDY_CLOSED",
        `study: ${study.title} ended on ${study.endDate}; change its end date to invite anyone else`,
        "id",
      );
    }
    const made: NewInvitation[] = [];
    for (let i = 0; i < checked.count; i++) {
      const code = newInvitationCode();
      const row = {
        id: newId("study_invitations"),
        user_id: userId,
        study_id: studyId,
        code_hash: hashInvitationCode(code),
        hint: invitationHint(code),
        created_at: createdAt,
        expires_at: expiresAt,
        used_at: null,
        revoked_at: null,
      };
      await tx.insertInto("study_invitations").values(row).execute();
      made.push({ id: row.id, hint: row.hint, createdAt, expiresAt, status: "unused", code });
    }
    return made;
  });
}

function statusOf(
  row: { used_at: string | null; revoked_at: string | null; expires_at: string },
  at: string,
): InvitationStatus {
  if (row.used_at !== null) return "used";
  if (row.revoked_at !== null) return "revoked";
  return row.expires_at <= at ? "expired" : "unused";
}

/** The study's invitations, newest first. */
export async function listInvitations(
  db: Db,
  userId: string,
  studyId: string,
  now: Temporal.Instant,
): Promise<InvitationView[]> {
  await getOwnStudy(db, userId, studyId);
  const rows = await db
    .selectFrom("study_invitations")
    .select(["id", "hint", "created_at", "expires_at", "used_at", "revoked_at"])
    .where("study_id", "=", studyId)
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .orderBy("id")
    .execute();
  const at = formatInstant(now);
  return rows.map((r) => ({
    id: r.id,
    hint: r.hint,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    status: statusOf(r, at),
  }));
}

/** Withdraws an unused invitation; a used, expired or withdrawn one is left as it is. */
export async function revokeInvitation(
  store: Store,
  userId: string,
  invitationId: string,
  now: Temporal.Instant,
): Promise<InvitationView> {
  const at = formatInstant(now);
  return store.transaction(async (tx) => {
    const row = await tx
      .selectFrom("study_invitations")
      .select(["id", "hint", "created_at", "expires_at", "used_at", "revoked_at"])
      .where("id", "=", invitationId)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    if (!row) {
      throw new TitrateError(
        "NOT_FOUND",
        `invitation: there is no invitation ${invitationId} of yours`,
        "id",
      );
    }
    let revoked = row.revoked_at;
    if (statusOf(row, at) === "unused") {
      revoked = at;
      await tx
        .updateTable("study_invitations")
        .set({ revoked_at: at })
        .where("id", "=", invitationId)
        .where("user_id", "=", userId)
        .execute();
    }
    const updated = { ...row, revoked_at: revoked };
    return {
      id: row.id,
      hint: row.hint,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      status: statusOf(updated, at),
    };
  });
}

/** The usable invitation with this code (any study), or STUDY_INVITATION_INVALID. */
export async function usableInvitation(
  db: Db,
  code: string,
  now: Temporal.Instant,
): Promise<{ id: string; studyId: string }> {
  const row = await db
    .selectFrom("study_invitations")
    .select(["id", "study_id", "used_at", "revoked_at", "expires_at"])
    .where("code_hash", "=", hashInvitationCode(code))
    .executeTakeFirst();
  const status = row ? statusOf(row, formatInstant(now)) : undefined;
  if (!row || status !== "unused") {
    const why =
      status === "used"
        ? "has already been used (each code lets one person join)"
        : status === "expired"
          ? "has expired"
          : status === "revoked"
            ? "was withdrawn by the study's coordinator"
            : "is not a code of any study here: check it letter by letter";
    throw new TitrateError(
      "STUDY_INVITATION_INVALID",
      `code: this invitation code ${why}; ask the study's coordinator for a new one`,
      "code",
    );
  }
  return { id: row.id, studyId: row.study_id };
}
