/**
 * The API's own description: `GET /api/openapi.json` (OpenAPI 3.1), `GET /api/docs` (a
 * readable reference page, no script) and its stylesheet (the page at `/` is the web app,
 * routes/web.ts). All public: they
 * hold no one's data. Built on first request, once every route has been declared.
 */
import type { FastifyPluginAsync } from "fastify";
import { renderDocsPage, STYLESHEET_PATH, stylesheet } from "../docs-page.ts";
import { buildOpenApiDocument, type OpenApiDocument } from "../openapi.ts";

export interface DocsOptions {
  readonly version: string;
  readonly sessionCookieName: string;
}

export const docsRoutes: FastifyPluginAsync<DocsOptions> = async (app, options) => {
  let document: OpenApiDocument | undefined;
  let html: string | undefined;
  const openApi = () => {
    document ??= buildOpenApiDocument(app.declaredRoutes, options);
    return document;
  };
  const publicRoute = { config: { access: "public" as const } };

  app.get("/api/openapi.json", publicRoute, async (_request, reply) => {
    reply.type("application/json; charset=utf-8");
    return openApi();
  });
  app.get("/api/docs", publicRoute, async (_request, reply) => {
    html ??= renderDocsPage(openApi());
    reply.type("text/html; charset=utf-8");
    return html;
  });
  app.get(STYLESHEET_PATH, publicRoute, async (_request, reply) => {
    reply.type("text/css; charset=utf-8");
    return stylesheet;
  });
};
