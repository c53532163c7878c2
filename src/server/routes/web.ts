/**
 * The web app: the files `npm run build` put in dist/web, served at `/` with @fastify/static.
 * Hashed files under /assets/ never change, so browsers may keep them for a year; everything
 * else (index.html, the service worker, the manifest, icons) is revalidated on every load, so
 * a new build reaches the browser at once. App paths such as /today or /journal/… get
 * index.html (the app routes in the browser); /api/… and paths with a file extension keep
 * their 404. All public: these files hold no one's data; the app asks the API, which checks.
 *
 * When dist/web is missing, `/` says how to build it instead.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyPluginAsync } from "fastify";

export interface WebOptions {
  /** The built app; default dist/web of this checkout. */
  readonly root?: string | undefined;
}

export const WEB_BUILD_COMMAND = "npm run build";

const IMMUTABLE = "public, max-age=31536000, immutable";
const REVALIDATE = "no-cache";

/** dist/web of the checkout this file runs from (src/server/routes or the dist/cli bundle). */
export function defaultWebRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, "package.json"))) return join(dir, "dist", "web");
    dir = dirname(dir);
  }
  return join(process.cwd(), "dist", "web");
}

export const webRoutes: FastifyPluginAsync<WebOptions> = async (app, options) => {
  const root = options.root ?? defaultWebRoot();
  // Every route of this plugin (and of @fastify/static inside it) needs no account.
  app.addHook("onRoute", (route) => {
    route.config = { ...(route.config as object), access: "public" } as typeof route.config;
  });

  if (!existsSync(join(root, "index.html"))) {
    app.log.warn(`the web app is not built (no ${root}); run \`${WEB_BUILD_COMMAND}\``);
    app.get("/", async (_request, reply) => {
      reply.type("text/html; charset=utf-8").header("cache-control", REVALIDATE);
      return missingBuildPage(root);
    });
    return;
  }

  app.addHook("onSend", async (request, reply) => {
    if (reply.statusCode >= 400) return;
    const path = request.url.split("?")[0] ?? "";
    reply.header("cache-control", path.startsWith("/assets/") ? IMMUTABLE : REVALIDATE);
  });
  await app.register(fastifyStatic, {
    root,
    prefix: "/",
    // One route per built file, found at start-up: nothing outside dist/web is reachable.
    wildcard: false,
    index: ["index.html"],
    cacheControl: false,
    dotfiles: "deny",
  });
  app.get("/*", async (request, reply) => {
    const path = request.url.split("?")[0] ?? "";
    if (path.startsWith("/api/") || path === "/api" || /\.[a-z0-9]+$/iu.test(path)) {
      return reply.callNotFound();
    }
    return reply.sendFile("index.html");
  });
};

function missingBuildPage(root: string): string {
  const escaped = root.replaceAll("&", "&amp;").replaceAll("<", "&lt;");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Titrate: the web app is not built</title>
<link rel="stylesheet" href="/assets/titrate.css">
</head>
<body>
<h1>Titrate</h1>
<p>The server is running, but the web app has not been built: there is nothing in <code>${escaped}</code>.</p>
<p>Build it in the Titrate folder with <code>${WEB_BUILD_COMMAND}</code> (or <code>npm install</code>, which builds it too), then restart <code>titrate serve</code>.</p>
<p>The JSON API works meanwhile; its reference is at <a href="/api/docs">/api/docs</a>.</p>
</body>
</html>
`;
}
