/**
 * Signing in and out, and changing the passphrase. Guesses are limited per client address and
 * per account with a growing back-off (auth/login-limiter.ts); a wrong username and a wrong
 * passphrase get the same answer in the same time.
 */
import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import { TitrateError } from "../../core/errors.ts";
import { hashPassphrase, passphraseHint, verifyPassphrase } from "../../store/passphrase.ts";
import {
  createSession,
  deleteExpiredSessions,
  deleteOtherSessions,
  deleteSession,
  findCredentials,
  passphraseHashOf,
  setPassphraseHash,
} from "../../store/repos/auth.ts";
import type { AttemptKeys } from "../auth/login-limiter.ts";
import type { ServerContext } from "../context.ts";
import { RateLimitedError } from "../error-replies.ts";
import { defineRoute } from "../route.ts";
import { ChangePassphraseBody, LoginBody, PassphraseChanged, SignedIn } from "../schemas/auth.ts";

export const authRoutes: FastifyPluginAsync<ServerContext> = async (app, context) => {
  /** Starts a guess, or refuses it with 429 while the address or the account is locked. */
  function beginAttempt(request: FastifyRequest, account: string): AttemptKeys {
    const attempt = context.loginLimiter.begin(
      request.ip,
      account,
      context.now().epochMilliseconds,
    );
    if (!attempt.allowed) {
      const seconds = Math.ceil(attempt.retryAfterMs / 1000);
      throw new RateLimitedError(
        `too many failed attempts; wait ${seconds} second${seconds === 1 ? "" : "s"} and try again`,
        seconds,
      );
    }
    return attempt.keys;
  }

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/auth/login",
    operationId: "login",
    summary: "Sign in with a username and passphrase",
    description:
      "Starts a browser session (an HttpOnly, SameSite=Strict cookie). Failed attempts are limited per address and per account with a growing wait (429 with Retry-After).",
    tags: ["auth"],
    access: "public",
    body: LoginBody,
    response: SignedIn,
    errors: ["LOGIN_FAILED", "RATE_LIMITED"],
    handler: async ({ body, request, reply }) => {
      const { store } = context;
      const keys = beginAttempt(request, body.username.toLowerCase());
      const account =
        (await findCredentials(store.db, body.username)) ??
        (await findCredentials(store.db, body.username.toLowerCase()));
      const stored = account?.passphraseHash ?? (await context.decoyHash());
      const matches = await verifyPassphrase(body.passphrase, stored);
      if (!account?.passphraseHash || !matches) {
        throw new TitrateError("LOGIN_FAILED", "the username or the passphrase is wrong");
      }
      context.loginLimiter.succeeded(keys);
      const now = context.now();
      await deleteExpiredSessions(store.db, now);
      // A session presented with the sign-in is replaced, never reused.
      const previous = request.principal;
      if (previous?.via === "session") {
        await deleteSession(store.db, previous.userId, previous.sessionId);
      }
      const expiresAt = context.cookie.expiresAt(now, now);
      const { secret } = await createSession(store.db, {
        userId: account.id,
        now,
        expiresAt,
        userAgent: request.headers["user-agent"],
      });
      context.cookie.set(reply, secret);
      return {
        user: { id: account.id, username: account.username, role: account.role },
        sessionExpiresAt: expiresAt.toString({ smallestUnit: "second" }),
      };
    },
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/auth/logout",
    operationId: "logout",
    summary: "Sign out: end this browser session",
    description:
      "Ends the session of the cookie and clears it. With an API token it does nothing (revoke the token instead).",
    tags: ["auth"],
    status: 204,
    handler: async ({ principal, reply }) => {
      if (principal.via === "session") {
        await deleteSession(context.store.db, principal.userId, principal.sessionId);
      }
      context.cookie.clear(reply);
    },
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/auth/passphrase",
    operationId: "changePassphrase",
    summary: "Change the passphrase (needs the current one)",
    description:
      "Ends every other session of the account; this one stays signed in. API tokens keep working: revoke them separately if one may have leaked. Only a browser session may do this.",
    tags: ["auth"],
    access: "session",
    body: ChangePassphraseBody,
    response: PassphraseChanged,
    errors: ["PASSPHRASE_INCORRECT", "FORBIDDEN", "RATE_LIMITED"],
    handler: async ({ body, principal, request }) => {
      const { store } = context;
      // A stolen session must not become an unlimited passphrase oracle.
      const keys = beginAttempt(request, principal.username.toLowerCase());
      const stored = await passphraseHashOf(store.db, principal.userId);
      if (!stored || !(await verifyPassphrase(body.currentPassphrase, stored))) {
        throw new TitrateError(
          "PASSPHRASE_INCORRECT",
          "currentPassphrase: is not this account's passphrase",
          "currentPassphrase",
        );
      }
      context.loginLimiter.succeeded(keys);
      const hash = await hashPassphrase(body.newPassphrase, context.passphraseCost);
      const keep = principal.via === "session" ? principal.sessionId : undefined;
      const ended = await store.transaction(async (tx) => {
        await setPassphraseHash(tx, principal.userId, hash);
        return deleteOtherSessions(tx, principal.userId, keep);
      });
      return { otherSessionsEnded: ended, passphraseHint: passphraseHint(body.newPassphrase) };
    },
  });
};
