/**
 * Sign-in records: passphrase hashes, browser sessions and personal API tokens.
 *
 * Session and token secrets are 256 random bits. Only their SHA-256 is stored, so a copy of
 * the database (a backup, a stolen laptop's disk) does not let anyone in. A plain hash is
 * enough for secrets this long — nobody can guess 2^256 values; scrypt is for passphrases,
 * which people choose. Every query that reads or deletes a person's records is scoped by
 * their user id, so one account can never list or revoke another's.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Temporal } from "temporal-polyfill";
import type { Db } from "../database.ts";
import { newId } from "../ids.ts";
import type { User } from "./users.ts";

/** What the person sees of one of their sessions (never the secret or its hash). */
export interface SessionRecord {
  readonly id: string;
  readonly userId: string;
  readonly createdAt: string;
  readonly lastSeenAt: string;
  readonly expiresAt: string;
  readonly userAgent: string | null;
}

/** What the person sees of one of their API tokens (never the secret or its hash). */
export interface ApiTokenRecord {
  readonly id: string;
  readonly userId: string;
  readonly name: string;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
}

/** The account a secret belongs to, as the server needs it to authenticate a request. */
export interface SignedIn<R> {
  readonly record: R;
  readonly user: Pick<User, "id" | "username" | "role">;
}

/** Session secrets in cookies, and API tokens, start with these, so a leaked one is recognisable. */
export const SESSION_SECRET_PREFIX = "tts_";
export const API_TOKEN_PREFIX = "titrate_pat_";
const USER_AGENT_MAX = 200;

/** An instant as the database stores it: ISO 8601 UTC at whole seconds. */
export function instantText(instant: Temporal.Instant): string {
  return instant.toString({ smallestUnit: "second" });
}

/** The stored form of a session or token secret: lowercase hex SHA-256. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

function newSecret(prefix: string): string {
  return `${prefix}${randomBytes(32).toString("base64url")}`;
}

// ---- passphrases -------------------------------------------------------------------------

/** The account named `username` with its stored passphrase hash (null when it has none). */
export async function findCredentials(
  db: Db,
  username: string,
): Promise<(SignedIn<null>["user"] & { readonly passphraseHash: string | null }) | undefined> {
  const row = await db
    .selectFrom("users")
    .select(["id", "username", "role", "passphrase_hash"])
    .where("username", "=", username)
    .executeTakeFirst();
  return row ? { ...toSignedInUser(row.id, row), passphraseHash: row.passphrase_hash } : undefined;
}

/** The stored passphrase hash of an account, or null. */
export async function passphraseHashOf(db: Db, userId: string): Promise<string | null> {
  const row = await db
    .selectFrom("users")
    .select("passphrase_hash")
    .where("id", "=", userId)
    .executeTakeFirst();
  return row?.passphrase_hash ?? null;
}

export async function setPassphraseHash(db: Db, userId: string, hash: string): Promise<void> {
  await db.updateTable("users").set({ passphrase_hash: hash }).where("id", "=", userId).execute();
}

/** True when at least one account can sign in, i.e. first-run setup is over. */
export async function isSetUp(db: Db): Promise<boolean> {
  const row = await db
    .selectFrom("users")
    .select("id")
    .where("passphrase_hash", "is not", null)
    .executeTakeFirst();
  return row !== undefined;
}

/** Renames an account (first-run setup lets the owner choose their name). */
export async function renameUser(db: Db, userId: string, username: string): Promise<void> {
  await db.updateTable("users").set({ username }).where("id", "=", userId).execute();
}

// ---- sessions ----------------------------------------------------------------------------

/** Starts a session; returns it and its secret, which is never stored and never shown again. */
export async function createSession(
  db: Db,
  input: {
    readonly userId: string;
    readonly now: Temporal.Instant;
    readonly expiresAt: Temporal.Instant;
    readonly userAgent?: string | undefined;
  },
): Promise<{ readonly session: SessionRecord; readonly secret: string }> {
  const secret = newSecret(SESSION_SECRET_PREFIX);
  const now = instantText(input.now);
  const row = {
    id: newId("sessions"),
    token_hash: hashSecret(secret),
    user_id: input.userId,
    created_at: now,
    last_seen_at: now,
    expires_at: instantText(input.expiresAt),
    user_agent: input.userAgent ? input.userAgent.slice(0, USER_AGENT_MAX) : null,
  };
  await db.insertInto("sessions").values(row).execute();
  return { session: toSession(row), secret };
}

/** The unexpired session whose secret this is, with its account; undefined otherwise. */
export async function findSessionBySecret(
  db: Db,
  secret: string,
  now: Temporal.Instant,
): Promise<SignedIn<SessionRecord> | undefined> {
  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .selectAll("sessions")
    .select(["users.username", "users.role"])
    .where("sessions.token_hash", "=", hashSecret(secret))
    .where("sessions.expires_at", ">", instantText(now))
    .executeTakeFirst();
  if (!row) return undefined;
  return { record: toSession(row), user: toSignedInUser(row.user_id, row) };
}

/** Records activity on a session and moves its expiry (the sliding lifetime). */
export async function touchSession(
  db: Db,
  sessionId: string,
  now: Temporal.Instant,
  expiresAt: Temporal.Instant,
): Promise<void> {
  await db
    .updateTable("sessions")
    .set({ last_seen_at: instantText(now), expires_at: instantText(expiresAt) })
    .where("id", "=", sessionId)
    .execute();
}

/** An account's unexpired sessions, most recently used first. */
export async function listSessions(
  db: Db,
  userId: string,
  now: Temporal.Instant,
): Promise<SessionRecord[]> {
  const rows = await db
    .selectFrom("sessions")
    .selectAll()
    .where("user_id", "=", userId)
    .where("expires_at", ">", instantText(now))
    .orderBy("last_seen_at", "desc")
    .orderBy("id")
    .execute();
  return rows.map(toSession);
}

/** Ends one of `userId`'s sessions; false when they have no session with that id. */
export async function deleteSession(db: Db, userId: string, sessionId: string): Promise<boolean> {
  const result = await db
    .deleteFrom("sessions")
    .where("id", "=", sessionId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Ends every session of `userId` except `keepId` (after a passphrase change). */
export async function deleteOtherSessions(
  db: Db,
  userId: string,
  keepId: string | undefined,
): Promise<number> {
  let query = db.deleteFrom("sessions").where("user_id", "=", userId);
  if (keepId !== undefined) query = query.where("id", "!=", keepId);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Forgets sessions that have expired, for everyone. */
export async function deleteExpiredSessions(db: Db, now: Temporal.Instant): Promise<void> {
  await db.deleteFrom("sessions").where("expires_at", "<=", instantText(now)).execute();
}

// ---- API tokens --------------------------------------------------------------------------

/** Issues a personal API token; the secret is returned once and only its hash is kept. */
export async function createApiToken(
  db: Db,
  input: { readonly userId: string; readonly name: string; readonly now: Temporal.Instant },
): Promise<{ readonly token: ApiTokenRecord; readonly secret: string }> {
  const secret = newSecret(API_TOKEN_PREFIX);
  const row = {
    id: newId("api_tokens"),
    token_hash: hashSecret(secret),
    user_id: input.userId,
    name: input.name,
    created_at: instantText(input.now),
    last_used_at: null,
    revoked_at: null,
  };
  await db.insertInto("api_tokens").values(row).execute();
  return { token: toToken(row), secret };
}

/** The unrevoked token whose secret this is, with its account; undefined otherwise. */
export async function findApiTokenBySecret(
  db: Db,
  secret: string,
): Promise<SignedIn<ApiTokenRecord> | undefined> {
  const row = await db
    .selectFrom("api_tokens")
    .innerJoin("users", "users.id", "api_tokens.user_id")
    .selectAll("api_tokens")
    .select(["users.username", "users.role"])
    .where("api_tokens.token_hash", "=", hashSecret(secret))
    .where("api_tokens.revoked_at", "is", null)
    .executeTakeFirst();
  if (!row) return undefined;
  return { record: toToken(row), user: toSignedInUser(row.user_id, row) };
}

export async function touchApiToken(db: Db, tokenId: string, now: Temporal.Instant): Promise<void> {
  await db
    .updateTable("api_tokens")
    .set({ last_used_at: instantText(now) })
    .where("id", "=", tokenId)
    .execute();
}

/** An account's tokens that still work, newest first. */
export async function listApiTokens(db: Db, userId: string): Promise<ApiTokenRecord[]> {
  const rows = await db
    .selectFrom("api_tokens")
    .selectAll()
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .orderBy("created_at", "desc")
    .orderBy("id")
    .execute();
  return rows.map(toToken);
}

/** Revokes one of `userId`'s tokens; false when they have no working token with that id. */
export async function revokeApiToken(
  db: Db,
  userId: string,
  tokenId: string,
  now: Temporal.Instant,
): Promise<boolean> {
  const result = await db
    .updateTable("api_tokens")
    .set({ revoked_at: instantText(now) })
    .where("id", "=", tokenId)
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

// ---- rows to records ---------------------------------------------------------------------

function toSession(row: {
  id: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  user_agent: string | null;
}): SessionRecord {
  return {
    id: row.id,
    userId: row.user_id,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    userAgent: row.user_agent,
  };
}

function toToken(row: {
  id: string;
  user_id: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
}): ApiTokenRecord {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
  };
}

function toSignedInUser(
  id: string,
  row: { username: string; role: string },
): SignedIn<unknown>["user"] {
  return { id, username: row.username, role: row.role === "owner" ? "owner" : "member" };
}
