/**
 * Accounts. `titrate init` makes the owner; a server may hold several (a household, a
 * practice). Every other table is keyed by user id.
 */
import { TitrateError } from "../../core/errors.ts";
import type { Db } from "../database.ts";
import { newId } from "../ids.ts";

export interface User {
  readonly id: string;
  readonly username: string;
  readonly role: "owner" | "member";
  readonly hasPassphrase: boolean;
  readonly createdAt: string;
}

export const OWNER_USERNAME = "owner";

function toUser(row: {
  id: string;
  username: string;
  role: string;
  passphrase_hash: string | null;
  created_at: string;
}): User {
  return {
    id: row.id,
    username: row.username,
    role: row.role === "owner" ? "owner" : "member",
    hasPassphrase: row.passphrase_hash !== null,
    createdAt: row.created_at,
  };
}

export async function listUsers(db: Db): Promise<User[]> {
  const rows = await db.selectFrom("users").selectAll().orderBy("created_at").execute();
  return rows.map(toUser);
}

export async function findUserByName(db: Db, username: string): Promise<User | undefined> {
  const row = await db
    .selectFrom("users")
    .selectAll()
    .where("username", "=", username)
    .executeTakeFirst();
  return row ? toUser(row) : undefined;
}

export async function findOwner(db: Db): Promise<User | undefined> {
  const row = await db
    .selectFrom("users")
    .selectAll()
    .where("role", "=", "owner")
    .orderBy("created_at")
    .executeTakeFirst();
  return row ? toUser(row) : undefined;
}

/** Creates an account; USERNAME_TAKEN when the name is in use. */
export async function createUser(
  db: Db,
  input: { username: string; role: "owner" | "member"; createdAt: string },
): Promise<User> {
  if (await findUserByName(db, input.username)) {
    throw new TitrateError(
      "USERNAME_TAKEN",
      `username: "${input.username}" is already an account here`,
      "username",
    );
  }
  const row = {
    id: newId("users"),
    username: input.username,
    role: input.role,
    passphrase_hash: null,
    created_at: input.createdAt,
  };
  await db.insertInto("users").values(row).execute();
  return toUser(row);
}

/**
 * The account commands act as: the named one (`--user NAME`), else the owner.
 * STORE_NOT_INITIALISED when there is none yet.
 */
export async function resolveUser(db: Db, username: string | undefined): Promise<User> {
  const user = username === undefined ? await findOwner(db) : await findUserByName(db, username);
  if (!user) {
    if (username === undefined) {
      throw new TitrateError(
        "STORE_NOT_INITIALISED",
        "there is no journal here yet; start one with `titrate init --weight 70kg --tz Europe/London`",
      );
    }
    throw new TitrateError("NOT_FOUND", `user: no account named "${username}"`, "user");
  }
  return user;
}
