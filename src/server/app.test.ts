import assert from "node:assert/strict";
import { request } from "node:http";
import { connect } from "node:net";
import { after, before, describe, test } from "node:test";
import { errorRegistry } from "../core/errors.ts";
import { contentSecurityPolicy } from "./security-headers.ts";
import { type Client, setUpOwner, startTestServer, type TestServer } from "./test-server.ts";

describe("the app's error shape, headers and documents", () => {
  let server: TestServer;
  let owner: Client;
  before(async () => {
    server = await startTestServer();
    owner = await setUpOwner(server);
  });
  after(async () => {
    assert.deepEqual(server.serverErrors, []);
    await server.close();
  });

  function assertErrorShape(body: unknown, code: string): void {
    assert.deepEqual(Object.keys(body as object), ["error"]);
    const error = (body as { error: Record<string, unknown> }).error;
    assert.deepEqual(Object.keys(error).sort(), ["code", "fields", "message"]);
    assert.equal(error.code, code);
    assert.equal(typeof error.message, "string");
    assert.ok(Array.isArray(error.fields));
    assert.ok(!JSON.stringify(body).includes("    at "), "no stack trace");
  }

  test("bad JSON is 400 INVALID_JSON", async () => {
    const answer = await owner.request("POST", "/api/v1/auth/tokens", { raw: '{"name": ' });
    assert.equal(answer.status, 400);
    assertErrorShape(answer.body, "INVALID_JSON");
  });

  test("a __proto__ key is refused as INVALID_JSON, never merged", async () => {
    const answer = await owner.request("POST", "/api/v1/auth/tokens", {
      raw: '{"name":"x","__proto__":{"admin":true}}',
    });
    assert.equal(answer.status, 400);
    assertErrorShape(answer.body, "INVALID_JSON");
  });

  test("a body over 64 KiB is 413 PAYLOAD_TOO_LARGE", async () => {
    const answer = await owner.request("POST", "/api/v1/auth/tokens", {
      raw: JSON.stringify({ name: "x".repeat(70 * 1024) }),
    });
    assert.equal(answer.status, 413);
    assertErrorShape(answer.body, "PAYLOAD_TOO_LARGE");
  });

  test("a body that is not JSON is 415 UNSUPPORTED_MEDIA_TYPE", async () => {
    for (const contentType of [
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
    ]) {
      const answer = await owner.request("POST", "/api/v1/auth/tokens", {
        raw: "name=x",
        contentType,
      });
      assert.equal(answer.status, 415, contentType);
      assertErrorShape(answer.body, "UNSUPPORTED_MEDIA_TYPE");
    }
  });

  test("unknown fields and wrong types are 400 VALIDATION_FAILED naming every field", async () => {
    const answer = await owner.post("/api/v1/auth/tokens", { name: 42, admin: true });
    assert.equal(answer.status, 400);
    assertErrorShape(answer.body, "VALIDATION_FAILED");
    assert.deepEqual(answer.body.error.fields.map((f: { path: string }) => f.path).sort(), [
      "admin",
      "name",
    ]);
    const admin = answer.body.error.fields.find((f: { path: string }) => f.path === "admin");
    assert.equal(admin.message, "is not a known field");
  });

  test("a body that is not an object, and a query a route does not take, are refused", async () => {
    const list = await owner.post("/api/v1/auth/tokens", ["name"]);
    assert.equal(list.status, 400);
    assertErrorShape(list.body, "VALIDATION_FAILED");
    const query = await owner.get("/api/v1/auth/tokens?debug=1");
    assert.equal(query.status, 400);
    assert.deepEqual(query.body.error.fields, [{ path: "debug", message: "is not a known field" }]);
  });

  test("a malformed id in the path is 400, a well-formed unknown one 404", async () => {
    const malformed = await owner.delete("/api/v1/auth/tokens/not-an-id");
    assert.equal(malformed.status, 400);
    assertErrorShape(malformed.body, "VALIDATION_FAILED");
    const unknown = await owner.delete("/api/v1/auth/tokens/tok_0123456789ab");
    assert.equal(unknown.status, 404);
    assertErrorShape(unknown.body, "NOT_FOUND");
  });

  test("an unknown route is 404 ROUTE_NOT_FOUND, signed in or not", async () => {
    for (const client of [owner, server.client()]) {
      const answer = await client.get("/api/v1/nothing-here");
      assert.equal(answer.status, 404);
      assertErrorShape(answer.body, "ROUTE_NOT_FOUND");
    }
  });

  test("a URL that cannot be decoded is 400 REQUEST_MALFORMED with the security headers", async () => {
    const answer = await server.client().get("/api/v1/auth/sessions/%E0%A4%A");
    assert.equal(answer.status, 400);
    assertErrorShape(answer.body, "REQUEST_MALFORMED");
    assert.equal(answer.headers.get("x-content-type-options"), "nosniff");
  });

  test("HTTP that cannot be parsed gets the same error shape", async () => {
    const port = new URL(server.url).port;
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), "127.0.0.1");
      let data = "";
      socket.on("data", (chunk) => {
        data += chunk.toString("utf8");
      });
      socket.on("end", () => resolve(data));
      socket.on("error", reject);
      socket.write("GARBAGE / HTTP/1.1\r\n\r\n");
    });
    assert.match(raw, /^HTTP\/1\.1 400 /u);
    assertErrorShape(JSON.parse(raw.slice(raw.indexOf("\r\n\r\n") + 4)), "REQUEST_MALFORMED");
  });

  test("every answer carries the strict CSP, nosniff, no-referrer and no X-Powered-By", async () => {
    for (const answer of [
      await server.client().get("/"),
      await server.client().get("/api/v1/session"),
      await server.client().get("/api/v1/auth/tokens"),
      await server.client().get("/nowhere"),
    ]) {
      const csp = answer.headers.get("content-security-policy") ?? "";
      for (const [directive, sources] of Object.entries(contentSecurityPolicy)) {
        assert.ok(csp.includes(`${directive} ${sources.join(" ")}`), `${directive} in ${csp}`);
      }
      assert.ok(
        !/unsafe-inline|unsafe-eval|https?:/u.test(csp),
        "no inline script, no other origin",
      );
      assert.equal(answer.headers.get("x-content-type-options"), "nosniff");
      assert.equal(answer.headers.get("referrer-policy"), "no-referrer");
      assert.equal(answer.headers.get("x-frame-options"), "DENY");
      assert.equal(answer.headers.get("x-powered-by"), null);
      // Journal data is never stored; the web app's pages (routes/web.ts) are revalidated.
      const isPage = (answer.headers.get("content-type") ?? "").startsWith("text/html");
      assert.equal(answer.headers.get("cache-control"), isPage ? "no-cache" : "no-store");
      assert.equal(answer.headers.get("strict-transport-security"), null, "no HSTS over HTTP");
    }
  });

  test("GET /api/openapi.json is an OpenAPI 3.1 document with every declared route", async () => {
    const answer = await server.client().get("/api/openapi.json");
    assert.equal(answer.status, 200);
    const document = JSON.parse(answer.text);
    assert.equal(document.openapi, "3.1.0");
    const operations = Object.entries(document.paths as Record<string, object>).flatMap(
      ([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
    );
    assert.deepEqual(
      operations.sort(),
      server.app.declaredRoutes
        .map((r) => `${r.method} ${r.url.replace(/:([a-z]+)/gu, "{$1}")}`)
        .sort(),
    );
    for (const operation of [
      "POST /api/v1/auth/login",
      "GET /api/v1/today",
      "POST /api/v1/doses",
    ]) {
      assert.ok(operations.includes(operation), operation);
    }
    const login = document.paths["/api/v1/auth/login"].post;
    assert.deepEqual(login.security, []);
    const body = login.requestBody.content["application/json"].schema;
    assert.deepEqual(body.required, ["username", "passphrase"]);
    assert.equal(body.additionalProperties, false);
    assert.deepEqual(login.responses["401"]["x-error-codes"], ["LOGIN_FAILED"]);
    const revoke = document.paths["/api/v1/auth/tokens/{id}"].delete;
    assert.deepEqual(
      revoke.parameters.map((p: { name: string; in: string }) => [p.name, p.in]),
      [["id", "path"]],
    );
    assert.ok(revoke.responses["204"]);
    assert.ok(revoke.responses["401"]["x-error-codes"].includes("UNAUTHENTICATED"));
    // Every listed code exists in the registry, under its own status.
    for (const methods of Object.values(
      document.paths as Record<
        string,
        Record<string, { responses: Record<string, { "x-error-codes"?: string[] }> }>
      >,
    )) {
      for (const operation of Object.values(methods)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          for (const code of response["x-error-codes"] ?? []) {
            assert.equal(String(errorRegistry[code as keyof typeof errorRegistry].status), status);
          }
        }
      }
    }
  });

  test("GET /api/docs is a readable page with no script, styled from this server", async () => {
    const answer = await server.client().get("/api/docs");
    assert.equal(answer.status, 200);
    assert.match(answer.headers.get("content-type") ?? "", /^text\/html/u);
    assert.ok(answer.text.includes("POST</span> <code>/api/v1/auth/login</code>"));
    assert.ok(answer.text.includes("LOGIN_FAILED"));
    assert.ok(
      !/<script|style=|https?:\/\/(?!127)/iu.test(answer.text),
      "no script, inline style or other origin",
    );
    const css = await server.client().get("/assets/titrate.css");
    assert.equal(css.status, 200);
    assert.match(css.headers.get("content-type") ?? "", /^text\/css/u);
  });

  test("GET / says the API is running and links the reference", async () => {
    const answer = await server.client().get("/");
    assert.equal(answer.status, 200);
    assert.ok(answer.text.includes('href="/api/docs"'));
  });
});

describe("host names", () => {
  test("a server that answers only to loopback names refuses another Host (DNS rebinding)", async () => {
    const server = await startTestServer({ allowedHostnames: ["127.0.0.1", "localhost", "::1"] });
    try {
      const port = Number(new URL(server.url).port);
      // fetch may not set Host (a forbidden header), so these go through node:http.
      const ok = await getWithHost(port, `localhost:${port}`);
      assert.equal(ok.status, 200);
      const rebound = await getWithHost(port, `evil.example:${port}`);
      assert.equal(rebound.status, 403);
      assert.equal(JSON.parse(rebound.body).error.code, "HOST_REJECTED");
      assert.deepEqual(server.serverErrors, []);
    } finally {
      await server.close();
    }
  });
});

describe("the request log", () => {
  test("one line per request: method, route pattern, status, time — no secret, body or query", async () => {
    const lines: string[] = [];
    const server = await startTestServer({
      logger: { stream: { write: (line) => lines.push(line) } },
    });
    try {
      const owner = await setUpOwner(server, "alex", "a very secret passphrase");
      const token = await owner.post("/api/v1/auth/tokens", { name: "backup script" });
      await owner.get("/api/v1/auth/tokens?secret=hunter2");
      await owner.delete(`/api/v1/auth/tokens/${token.body.token.id}`);
      const requests = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === "request");
      assert.deepEqual(
        requests.map((l) => [l.method, l.route, l.status]),
        [
          ["POST", "/api/v1/setup", 200],
          ["POST", "/api/v1/auth/tokens", 201],
          ["GET", "/api/v1/auth/tokens", 400],
          ["DELETE", "/api/v1/auth/tokens/:id", 204],
        ],
      );
      for (const line of requests) assert.equal(typeof line.ms, "number");
      const all = lines.join("\n");
      const cookieValue = owner.cookie?.split("=")[1] ?? "";
      for (const secret of [
        "a very secret passphrase",
        token.body.secret,
        cookieValue,
        "hunter2",
        "backup script",
        token.body.token.id,
      ]) {
        assert.ok(!all.includes(secret), `the log must not contain ${secret}`);
      }
    } finally {
      await server.close();
    }
  });
});

describe("an unexpected error in the log", () => {
  test("names the error and its stack, never a database error's row (`detail`)", async () => {
    const lines: string[] = [];
    const server = await startTestServer({
      logger: { stream: { write: (line) => lines.push(line) } },
      beforeListen: async (app) => {
        app.get("/api/v1/test-boom", { config: { access: "public" } }, async () => {
          // As PostgreSQL reports a failed check: the row, note included, in `detail`.
          throw Object.assign(new Error('new row for relation "events" violates check'), {
            code: "23514",
            detail: "Failing row contains (chk_1, my private note about the trip).",
          });
        });
      },
    });
    try {
      const answer = await server.client().get("/api/v1/test-boom");
      assert.equal(answer.status, 500);
      assert.ok(!answer.text.includes("private note"));
      const logged = lines.map((l) => JSON.parse(l)).find((l) => l.msg === "unexpected error");
      assert.equal(logged?.err?.code, "23514");
      assert.match(logged?.err?.stack ?? "", /violates check/u);
      assert.ok(!lines.join("\n").includes("private note"), lines.join("\n"));
    } finally {
      server.serverErrors.length = 0;
      await server.close();
    }
  });
});

function getWithHost(port: number, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port, path: "/api/v1/session", headers: { host } },
      (res) => {
        let body = "";
        res.setEncoding("utf8").on("data", (chunk: string) => {
          body += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("error", reject);
    req.end();
  });
}
