/**
 * Personal API tokens, for scripts: `Authorization: Bearer <token>`. A token is shown once,
 * when it is made; only its hash is kept. Only a browser session may make one (a leaked token
 * cannot mint more); any signed-in client may list or revoke the account's tokens.
 */
import type { FastifyPluginAsync } from "fastify";
import { TitrateError } from "../../core/errors.ts";
import type { ApiTokenRecord } from "../../store/repos/auth.ts";
import { createApiToken, listApiTokens, revokeApiToken } from "../../store/repos/auth.ts";
import type { ServerContext } from "../context.ts";
import { defineRoute } from "../route.ts";
import { CreatedToken, CreateTokenBody, TokenIdParams, TokenList } from "../schemas/auth.ts";

function tokenView(token: ApiTokenRecord) {
  return {
    id: token.id,
    name: token.name,
    createdAt: token.createdAt,
    lastUsedAt: token.lastUsedAt,
  };
}

export const tokensRoutes: FastifyPluginAsync<ServerContext> = async (app, context) => {
  defineRoute(app, {
    method: "POST",
    url: "/api/v1/auth/tokens",
    operationId: "createToken",
    summary: "Make a personal API token (shown once)",
    description:
      "The answer's `secret` is the token; it is not stored and cannot be shown again. Only a browser session may make tokens.",
    tags: ["auth"],
    access: "session",
    body: CreateTokenBody,
    status: 201,
    response: CreatedToken,
    errors: ["FORBIDDEN"],
    handler: async ({ userId, body }) => {
      const { token, secret } = await createApiToken(context.store.db, {
        userId,
        name: body.name,
        now: context.now(),
      });
      return { token: tokenView(token), secret };
    },
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/auth/tokens",
    operationId: "listTokens",
    summary: "List this account's API tokens (never their secrets)",
    tags: ["auth"],
    response: TokenList,
    handler: async ({ userId }) => ({
      tokens: (await listApiTokens(context.store.db, userId)).map(tokenView),
    }),
  });

  defineRoute(app, {
    method: "DELETE",
    url: "/api/v1/auth/tokens/:id",
    operationId: "revokeToken",
    summary: "Revoke one of this account's API tokens",
    tags: ["auth"],
    params: TokenIdParams,
    status: 204,
    errors: ["NOT_FOUND"],
    handler: async ({ userId, params }) => {
      if (!(await revokeApiToken(context.store.db, userId, params.id, context.now()))) {
        throw new TitrateError("NOT_FOUND", `id: you have no API token ${params.id}`, "id");
      }
    },
  });
};
