/**
 * Cross-site request checks.
 *
 * A state-changing request signed in by cookie must come from this server's own pages: its
 * Origin (or, failing that, its Referer) must be the server's origin, else 403. SameSite=Strict
 * already keeps other sites from sending the cookie; this is the second lock. Requests signed
 * in with a Bearer token are exempt: a page on another site cannot attach that header without
 * a CORS preflight, which this server never grants.
 *
 * The Host check defends a server on loopback against DNS rebinding: a page at evil.example
 * whose name is made to resolve to 127.0.0.1 reaches the server with `Host: evil.example`,
 * so a loopback server answers only to loopback names.
 */
import type { FastifyRequest } from "fastify";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isStateChanging(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/** The origin this request was addressed to, e.g. `http://127.0.0.1:7420`. */
export function ownOrigin(request: FastifyRequest): string | undefined {
  return originOf(`${request.protocol}://${request.host}`);
}

/** `scheme://host[:port]` of a URL, normalised (lower case, default port dropped). */
export function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return undefined;
    return parsed.origin;
  } catch {
    return undefined;
  }
}

/** Where a browser says the request comes from: Origin, else the Referer's origin. */
export function claimedOrigin(request: FastifyRequest): string | null | undefined {
  const origin = request.headers.origin;
  if (typeof origin === "string") return origin === "null" ? null : (originOf(origin) ?? null);
  const referer = request.headers.referer;
  if (typeof referer === "string") return originOf(referer) ?? null;
  return undefined;
}

/**
 * True when the request's claimed origin is this server's own (or one of `allowed`).
 * `undefined` (no Origin and no Referer) is not a match.
 */
export function isSameOrigin(request: FastifyRequest, allowed: readonly string[]): boolean {
  const claimed = claimedOrigin(request);
  if (!claimed) return false;
  const own = ownOrigin(request);
  return claimed === own || allowed.includes(claimed);
}

/** The hostname of the Host header without port or IPv6 brackets, lower case. */
export function requestHostname(request: FastifyRequest): string {
  return request.hostname.replace(/^\[|\]$/gu, "").toLowerCase();
}

/** The names a loopback server answers to. */
export const LOOPBACK_HOSTNAMES: readonly string[] = ["127.0.0.1", "localhost", "::1"];

/** True for addresses that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/gu, "").toLowerCase();
  return bare === "localhost" || bare === "::1" || /^127(?:\.\d{1,3}){3}$/u.test(bare);
}
