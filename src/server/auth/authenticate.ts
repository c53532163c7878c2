/**
 * The authentication hook. It runs on every request in `onRequest`, before Fastify reads the
 * body, so a request without a valid session or token is answered 401 without its body ever
 * being parsed. In order:
 *   1. Host check (when the server answers only to some names: loopback against rebinding).
 *   2. Who is asking: `Authorization: Bearer <token>`, else the session cookie.
 *   3. 401 when the route needs an account and there is none; 403 when it needs a browser
 *      session and got a token.
 *   4. Origin check for state-changing requests (see origin.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Temporal } from "temporal-polyfill";
import { TitrateError } from "../../core/errors.ts";
import {
  findApiTokenBySecret,
  findSessionBySecret,
  touchApiToken,
  touchSession,
} from "../../store/repos/auth.ts";
import type { ServerContext } from "../context.ts";
import { isSameOrigin, isStateChanging, requestHostname } from "./origin.ts";
import type { Access, Principal } from "./principal.ts";

export interface AuthenticationOptions {
  /** Hostnames the server answers to; undefined answers to any. */
  readonly allowedHostnames: readonly string[] | undefined;
  /** Origins besides the server's own that may send state-changing requests. */
  readonly allowedOrigins: readonly string[];
}

const BEARER = /^Bearer[ \t]+([\x21-\x7e]{1,200})[ \t]*$/iu;

export function installAuthentication(
  app: FastifyInstance,
  context: ServerContext,
  options: AuthenticationOptions,
): void {
  app.decorateRequest("principal", null);
  app.addHook("onRequest", async (request, reply) => {
    if (options.allowedHostnames && !options.allowedHostnames.includes(requestHostname(request))) {
      throw new TitrateError(
        "HOST_REJECTED",
        `this server does not answer to the host "${request.hostname}"; use its address, such as 127.0.0.1`,
      );
    }
    // Unknown routes need no account: they answer 404 whoever asks.
    const access: Access = request.is404
      ? "public"
      : (request.routeOptions.config.access ?? "signed-in");
    request.principal = await identify(request, reply, context, access);
    if (access !== "public" && !request.principal) {
      throw new TitrateError(
        "UNAUTHENTICATED",
        "sign in first: this needs a session or an API token (yours is missing, expired or revoked)",
      );
    }
    if (access === "session" && request.principal?.via === "token") {
      throw new TitrateError(
        "FORBIDDEN",
        "an API token cannot do this; sign in with your passphrase in a browser session",
      );
    }
    if (isStateChanging(request.method)) checkOrigin(request, options.allowedOrigins);
  });
}

/**
 * The principal of the request, or null. A bad Bearer token is an error on routes that need
 * an account (the script should hear its token is wrong); a stale cookie is just cleared.
 */
async function identify(
  request: FastifyRequest,
  reply: FastifyReply,
  context: ServerContext,
  access: Access,
): Promise<Principal | null> {
  const now = context.now();
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const secret = BEARER.exec(authorization)?.[1];
    const found = secret ? await findApiTokenBySecret(context.store.db, secret) : undefined;
    if (!found) {
      if (access === "public") return null;
      throw new TitrateError(
        "UNAUTHENTICATED",
        "the API token is not valid: it is revoked, mistyped, or not a Titrate token (send `Authorization: Bearer <token>`)",
      );
    }
    const lastUsed = found.record.lastUsedAt;
    if (lastUsed === null || context.cookie.needsTouch(Temporal.Instant.from(lastUsed), now)) {
      await touchApiToken(context.store.db, found.record.id, now);
    }
    return {
      userId: found.user.id,
      username: found.user.username,
      role: found.user.role,
      via: "token",
      tokenId: found.record.id,
    };
  }
  const secret = context.cookie.read(request);
  if (secret === undefined) return null;
  const found = await findSessionBySecret(context.store.db, secret, now);
  if (!found) {
    context.cookie.clear(reply);
    return null;
  }
  const lastSeen = Temporal.Instant.from(found.record.lastSeenAt);
  if (context.cookie.needsTouch(lastSeen, now)) {
    const expiresAt = context.cookie.expiresAt(Temporal.Instant.from(found.record.createdAt), now);
    await touchSession(context.store.db, found.record.id, now, expiresAt);
  }
  return {
    userId: found.user.id,
    username: found.user.username,
    role: found.user.role,
    via: "session",
    sessionId: found.record.id,
  };
}

/**
 * Cookie-signed state changes need this server's Origin (or Referer). Without a session
 * (sign-in, first-run setup) a browser's Origin must still match when it sends one, so
 * another site cannot sign a visitor in to an account of its choosing; scripts that send no
 * Origin may sign in.
 */
function checkOrigin(request: FastifyRequest, allowedOrigins: readonly string[]): void {
  const principal = request.principal;
  if (principal?.via === "token") return;
  const hasClaim = request.headers.origin !== undefined || request.headers.referer !== undefined;
  if (principal?.via === "session" || hasClaim) {
    if (!isSameOrigin(request, allowedOrigins)) {
      throw new TitrateError(
        "ORIGIN_REJECTED",
        "this request did not come from Titrate's own pages (its Origin is missing or another site's)",
      );
    }
  }
}
