/**
 * An account's browser sessions: list them (where am I signed in?) and end any of them. Every
 * query is scoped by the signed-in account, so another account's session id is simply not
 * found (404), never ended.
 */
import type { FastifyPluginAsync } from "fastify";
import { TitrateError } from "../../core/errors.ts";
import { deleteSession, listSessions } from "../../store/repos/auth.ts";
import type { ServerContext } from "../context.ts";
import { defineRoute } from "../route.ts";
import { SessionIdParams, SessionList } from "../schemas/auth.ts";

export const sessionsRoutes: FastifyPluginAsync<ServerContext> = async (app, context) => {
  defineRoute(app, {
    method: "GET",
    url: "/api/v1/auth/sessions",
    operationId: "listSessions",
    summary: "List this account's signed-in sessions",
    tags: ["auth"],
    response: SessionList,
    handler: async ({ userId, principal }) => {
      const sessions = await listSessions(context.store.db, userId, context.now());
      return {
        sessions: sessions.map((s) => ({
          id: s.id,
          createdAt: s.createdAt,
          lastSeenAt: s.lastSeenAt,
          expiresAt: s.expiresAt,
          userAgent: s.userAgent,
          current: principal.via === "session" && principal.sessionId === s.id,
        })),
      };
    },
  });

  defineRoute(app, {
    method: "DELETE",
    url: "/api/v1/auth/sessions/:id",
    operationId: "endSession",
    summary: "End one of this account's sessions (sign a device out)",
    description: "Ending the current session signs this browser out and clears its cookie.",
    tags: ["auth"],
    params: SessionIdParams,
    status: 204,
    errors: ["NOT_FOUND"],
    handler: async ({ userId, params, principal, reply }) => {
      if (!(await deleteSession(context.store.db, userId, params.id))) {
        throw new TitrateError("NOT_FOUND", `id: you have no session ${params.id}`, "id");
      }
      if (principal.via === "session" && principal.sessionId === params.id) {
        context.cookie.clear(reply);
      }
    },
  });
};
