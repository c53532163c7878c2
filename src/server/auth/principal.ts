/**
 * Who a request acts for. The authentication hook sets `request.principal` before any body
 * is read; routes get the account id only through `userIdOf` (or the route context's
 * `userId`), and pass it to every repository call, so a handler has no way to name another
 * account's records.
 */
import type { FastifyRequest } from "fastify";
import { TitrateError } from "../../core/errors.ts";

interface PrincipalBase {
  readonly userId: string;
  readonly username: string;
  readonly role: "owner" | "member";
}

/** A signed-in browser (cookie session) or a script (personal API token). */
export type Principal =
  | (PrincipalBase & { readonly via: "session"; readonly sessionId: string })
  | (PrincipalBase & { readonly via: "token"; readonly tokenId: string });

/**
 * Who may call a route: anyone (`public`), any signed-in account (`signed-in`, the default),
 * or only a browser session (`session`: an API token may not mint tokens or change the
 * passphrase).
 */
export type Access = "public" | "signed-in" | "session";

declare module "fastify" {
  interface FastifyRequest {
    /** Set by the authentication hook; null when the request carries no valid credential. */
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** Who may call the route; routes without it are `signed-in` (secure by default). */
    access?: Access;
  }
}

/** The signed-in account's id; UNAUTHENTICATED when the request has none. */
export function userIdOf(request: FastifyRequest): string {
  const principal = request.principal;
  if (!principal) {
    throw new TitrateError("UNAUTHENTICATED", "sign in first: this needs a session or API token");
  }
  return principal.userId;
}
