/**
 * The browser session cookie and its lifetime.
 *
 * A session lasts 14 days from its last use (sliding) and never more than 90 days from sign-in
 * (absolute): a journal opened weekly stays signed in, and a forgotten phone's session still
 * ends. The cookie is HttpOnly (no script can read it), SameSite=Strict (no other site's page
 * can send it) and, under TLS, Secure with the `__Host-` prefix (bound to this host and path).
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { Temporal } from "temporal-polyfill";

export interface SessionLifetime {
  /** A session unused for this long ends. */
  readonly idleDays: number;
  /** A session ends this long after sign-in, however much it is used. */
  readonly maxDays: number;
  /** Activity is written at most this often, so reading the journal is not a stream of writes. */
  readonly touchEverySeconds: number;
}

export const DEFAULT_SESSION_LIFETIME: SessionLifetime = {
  idleDays: 14,
  maxDays: 90,
  touchEverySeconds: 60,
};

const PLAIN_NAME = "titrate_session";
// Browsers accept a `__Host-` cookie only with Secure, Path=/ and no Domain: it cannot be set
// by a sibling subdomain or over plain HTTP.
const SECURE_NAME = "__Host-titrate_session";

export class SessionCookie {
  readonly name: string;
  readonly secure: boolean;
  readonly lifetime: SessionLifetime;

  constructor(secure: boolean, lifetime: SessionLifetime) {
    this.secure = secure;
    this.name = secure ? SECURE_NAME : PLAIN_NAME;
    this.lifetime = lifetime;
  }

  /** When a session used at `now` (and started at `createdAt`) ends. */
  expiresAt(createdAt: Temporal.Instant, now: Temporal.Instant): Temporal.Instant {
    const idle = now.add({ hours: this.lifetime.idleDays * 24 });
    const max = createdAt.add({ hours: this.lifetime.maxDays * 24 });
    return Temporal.Instant.compare(idle, max) < 0 ? idle : max;
  }

  /** True when a session last written at `lastSeenAt` should be written again at `now`. */
  needsTouch(lastSeenAt: Temporal.Instant, now: Temporal.Instant): boolean {
    return now.since(lastSeenAt).total("seconds") >= this.lifetime.touchEverySeconds;
  }

  /** The session secret the request carries, if any. */
  read(request: FastifyRequest): string | undefined {
    const value = request.cookies[this.name];
    return typeof value === "string" && value !== "" ? value : undefined;
  }

  /** Sets the cookie; it lives as long as the session's absolute maximum. */
  set(reply: FastifyReply, secret: string): void {
    reply.setCookie(this.name, secret, {
      httpOnly: true,
      sameSite: "strict",
      secure: this.secure,
      path: "/",
      maxAge: this.lifetime.maxDays * 24 * 60 * 60,
    });
  }

  clear(reply: FastifyReply): void {
    reply.clearCookie(this.name, {
      httpOnly: true,
      sameSite: "strict",
      secure: this.secure,
      path: "/",
    });
  }
}
