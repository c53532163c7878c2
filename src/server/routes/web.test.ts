import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import Fastify, { type FastifyInstance } from "fastify";
import { startTestServer, type TestServer } from "../test-server.ts";
import { defaultWebRoot, WEB_BUILD_COMMAND, webRoutes } from "./web.ts";

/** A bare app with only the web plugin and a JSON 404, over a fake build in a temp folder. */
async function webOnly(root: string): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  app.setNotFoundHandler((_request, reply) => {
    reply.code(404).send({ error: { code: "ROUTE_NOT_FOUND", message: "no route", fields: [] } });
  });
  await app.register(webRoutes, { root });
  await app.ready();
  return app;
}

describe("the built web app", () => {
  let root: string;
  let app: FastifyInstance;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), "titrate-web-"));
    mkdirSync(join(root, "assets"));
    writeFileSync(join(root, "index.html"), "<!doctype html><title>app</title>");
    writeFileSync(join(root, "assets", "index-abc123.js"), "console.log(1)");
    writeFileSync(join(root, "sw.js"), "self.x = 1");
    app = await webOnly(root);
  });
  after(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });

  test("serves index.html at / and revalidates it on every load", async () => {
    const answer = await app.inject({ method: "GET", url: "/" });
    assert.equal(answer.statusCode, 200);
    assert.match(answer.headers["content-type"] as string, /^text\/html/u);
    assert.equal(answer.headers["cache-control"], "no-cache");
    assert.match(answer.body, /<title>app<\/title>/u);
  });

  test("hashed assets may be kept for a year; the service worker may not", async () => {
    const asset = await app.inject({ method: "GET", url: "/assets/index-abc123.js" });
    assert.equal(asset.statusCode, 200);
    assert.equal(asset.headers["cache-control"], "public, max-age=31536000, immutable");
    const worker = await app.inject({ method: "GET", url: "/sw.js" });
    assert.equal(worker.statusCode, 200);
    assert.equal(worker.headers["cache-control"], "no-cache");
  });

  test("an app path gets index.html, so a reload on /journal works", async () => {
    for (const url of ["/today", "/journal", "/plan?month=2026-03", "/settings/sessions"]) {
      const answer = await app.inject({ method: "GET", url });
      assert.equal(answer.statusCode, 200, url);
      assert.match(answer.body, /<title>app<\/title>/u, url);
    }
  });

  test("unknown API paths and missing files keep their 404", async () => {
    for (const url of ["/api/v1/nothing", "/api", "/assets/missing-1.js", "/favicon.ico"]) {
      const answer = await app.inject({ method: "GET", url });
      assert.equal(answer.statusCode, 404, url);
      assert.equal(answer.json().error.code, "ROUTE_NOT_FOUND", url);
    }
  });

  test("nothing outside the build is reachable", async () => {
    for (const url of ["/..%2f..%2fetc%2fpasswd", "/../../etc/hostname", "/%2e%2e/package.json"]) {
      const answer = await app.inject({ method: "GET", url });
      assert.doesNotMatch(answer.body, /root:|"name"/u, url);
      // At most the app's own index.html, as for any app path.
      if (answer.statusCode === 200) assert.match(answer.body, /<title>app<\/title>/u, url);
    }
  });
});

test("without a build, / says how to build the web app", async () => {
  const root = join(mkdtempSync(join(tmpdir(), "titrate-web-missing-")), "web");
  const app = await webOnly(root);
  try {
    const answer = await app.inject({ method: "GET", url: "/" });
    assert.equal(answer.statusCode, 200);
    assert.ok(answer.body.includes(WEB_BUILD_COMMAND));
    assert.ok(answer.body.includes('href="/api/docs"'));
    assert.doesNotMatch(answer.body, /<script|style=/iu);
  } finally {
    await app.close();
  }
});

test("the default build folder is dist/web of this checkout", () => {
  assert.match(defaultWebRoot(), /\/dist\/web$/u);
});

describe("in the real server", { skip: !existsSync(join(defaultWebRoot(), "index.html")) }, () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server.close();
  });

  test("the app's pages need no account and carry the strict CSP", async () => {
    for (const path of ["/", "/today", "/manifest.webmanifest", "/sw.js"]) {
      const answer = await server.client().get(path);
      assert.equal(answer.status, 200, path);
      assert.match(answer.headers.get("content-security-policy") ?? "", /script-src 'self'/u);
    }
    const missing = await server.client().get("/api/v1/nowhere");
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, "ROUTE_NOT_FOUND");
    assert.deepEqual(server.serverErrors, []);
  });

  test("journal data still must not be cached", async () => {
    const answer = await server.client().get("/api/v1/session");
    assert.equal(answer.headers.get("cache-control"), "no-store");
  });
});
