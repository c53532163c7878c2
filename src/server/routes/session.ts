/**
 * First contact: `GET /api/v1/session` tells a client whether this is the first run, whether
 * it is signed in, and as whom — always 200, so a client never has to provoke an error to
 * find out. `POST /api/v1/setup` gives the owner account a passphrase on the first run (the
 * account `titrate init` made, or a new one) and signs in.
 */
import type { FastifyPluginAsync } from "fastify";
import { TitrateError } from "../../core/errors.ts";
import { hashPassphrase, passphraseHint } from "../../store/passphrase.ts";
import {
  createSession,
  deleteExpiredSessions,
  isSetUp,
  renameUser,
  setPassphraseHash,
} from "../../store/repos/auth.ts";
import { createUser, findOwner, findUserByName } from "../../store/repos/users.ts";
import type { ServerContext } from "../context.ts";
import { defineRoute } from "../route.ts";
import { SessionState, SetUp, SetupBody } from "../schemas/auth.ts";

export const sessionRoutes: FastifyPluginAsync<ServerContext> = async (app, context) => {
  defineRoute(app, {
    method: "GET",
    url: "/api/v1/session",
    operationId: "getSession",
    summary: "Whether setup is needed, and who is signed in",
    description:
      "Always 200. `setupNeeded` is true until an account has a passphrase; then sign in with POST /api/v1/auth/login.",
    tags: ["auth"],
    access: "public",
    response: SessionState,
    handler: async ({ principal }) => ({
      setupNeeded: !(await isSetUp(context.store.db)),
      authenticated: principal !== null,
      user: principal
        ? { id: principal.userId, username: principal.username, role: principal.role }
        : null,
    }),
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/setup",
    operationId: "setUp",
    summary: "First run: give the owner account a passphrase, and sign in",
    description:
      "Allowed only while `setupNeeded` is true (409 SETUP_DONE after). Names and passphrases the owner account `titrate init` made (renaming it to `username`), or creates the owner. A lost passphrase cannot be recovered.",
    tags: ["auth"],
    access: "public",
    body: SetupBody,
    response: SetUp,
    errors: ["SETUP_DONE", "USERNAME_TAKEN"],
    handler: async ({ body, reply, request }) => {
      const { store, now } = context;
      // Refuse before hashing: once set up, this route is open to anyone who can reach the
      // server, and each hash is half a second of work and 128 MiB. The transaction checks
      // again, for two first-run setups racing.
      if (await isSetUp(store.db)) throw setupDone();
      // Hash outside the transaction: it takes a while, and the write lock should not.
      const hash = await hashPassphrase(body.passphrase, context.passphraseCost);
      const at = now();
      const user = await store.transaction(async (tx) => {
        if (await isSetUp(tx)) throw setupDone();
        const owner = await findOwner(tx);
        if (!owner) {
          const created = await createUser(tx, {
            username: body.username,
            role: "owner",
            createdAt: at.toString({ smallestUnit: "second" }),
          });
          await setPassphraseHash(tx, created.id, hash);
          return created;
        }
        if (owner.username !== body.username) {
          if (await findUserByName(tx, body.username)) {
            throw new TitrateError(
              "USERNAME_TAKEN",
              `username: "${body.username}" is already another account here`,
              "username",
            );
          }
          await renameUser(tx, owner.id, body.username);
        }
        await setPassphraseHash(tx, owner.id, hash);
        return { ...owner, username: body.username };
      });
      await deleteExpiredSessions(store.db, at);
      const expiresAt = context.cookie.expiresAt(at, at);
      const { secret } = await createSession(store.db, {
        userId: user.id,
        now: at,
        expiresAt,
        userAgent: request.headers["user-agent"],
      });
      context.cookie.set(reply, secret);
      return {
        user: { id: user.id, username: user.username, role: user.role },
        sessionExpiresAt: expiresAt.toString({ smallestUnit: "second" }),
        passphraseHint: passphraseHint(body.passphrase),
      };
    },
  });
};

function setupDone(): TitrateError {
  return new TitrateError("SETUP_DONE", "this server is already set up; sign in instead");
}
