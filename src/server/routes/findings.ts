/**
 * Safety findings: every one active now (danger first), those acknowledged, and the whole
 * history. Acknowledging quiets a finding in lists; a danger is never hidden: it stays among
 * the active ones, marked acknowledged.
 */
import type { FastifyPluginAsync } from "fastify";
import { acknowledgeFinding, currentFindings } from "../../store/journal/findings.ts";
import type { ServerContext } from "../context.ts";
import { defineRoute } from "../route.ts";
import { AcknowledgeBody, Acknowledged, Findings, FindingsQuery } from "../schemas/findings.ts";

export const findingsRoutes: FastifyPluginAsync<ServerContext> = async (app, context) => {
  defineRoute(app, {
    method: "GET",
    url: "/api/v1/findings",
    operationId: "listFindings",
    summary: "Safety findings active now, danger first, and those you acknowledged",
    tags: ["findings"],
    query: FindingsQuery,
    response: Findings,
    errors: ["STORE_NOT_INITIALISED"],
    handler: async ({ userId, query }) => {
      const { active, acknowledged, history } = await currentFindings(
        context.store,
        userId,
        context.now(),
      );
      return { active, acknowledged, ...(query.history === "true" ? { history } : {}) };
    },
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/findings/acknowledge",
    operationId: "acknowledgeFinding",
    summary: "Acknowledge an active finding by its key (a danger stays at the top)",
    tags: ["findings"],
    body: AcknowledgeBody,
    response: Acknowledged,
    errors: ["NOT_FOUND", "STORE_NOT_INITIALISED"],
    handler: async ({ userId, body }) => ({
      finding: await acknowledgeFinding(context.store, userId, body.key, context.now()),
    }),
  });
};
