import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { DeclaredRoute } from "../route.ts";
import { type Client, setUpOwner, startTestServer, type TestServer } from "../test-server.ts";

const PASSPHRASE = "alex's long passphrase";

function pathOf(route: DeclaredRoute): string {
  return route.url.replace(/:([A-Za-z0-9_]+)/gu, "ses_0123456789ab");
}

describe("every route that needs an account", () => {
  let server: TestServer;
  let protectedRoutes: DeclaredRoute[];
  let revokedCookie: string | undefined;
  let revokedToken: string;
  before(async () => {
    server = await startTestServer();
    const owner = await setUpOwner(server, "alex", PASSPHRASE);
    protectedRoutes = server.app.declaredRoutes.filter((r) => r.access !== "public");
    const token = (await owner.post("/api/v1/auth/tokens", { name: "soon revoked" })).body;
    revokedToken = token.secret;
    await owner.delete(`/api/v1/auth/tokens/${token.token.id}`);
    revokedCookie = owner.cookie;
    await owner.post("/api/v1/auth/logout");
  });
  after(async () => {
    assert.deepEqual(server.serverErrors, []);
    await server.close();
  });

  test("there are protected routes, and only session, setup, login and joining a study are public", () => {
    assert.ok(protectedRoutes.length >= 7);
    assert.deepEqual(
      server.app.declaredRoutes
        .filter((r) => r.access === "public")
        .map((r) => r.url)
        .sort(),
      [
        "/api/v1/auth/login",
        "/api/v1/participation/join-new",
        "/api/v1/participation/preview",
        "/api/v1/session",
        "/api/v1/setup",
      ],
    );
  });

  for (const [label, prepare] of [
    ["no credential", (_c: Client) => {}],
    [
      "a forged cookie",
      (c: Client) => {
        c.cookie = "titrate_session=tts_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
      },
    ],
    [
      "a signed-out session's cookie",
      (c: Client) => {
        c.cookie = revokedCookie;
      },
    ],
    [
      "a revoked API token",
      (c: Client) => {
        c.bearer = revokedToken;
      },
    ],
  ] as const) {
    test(`answers 401 UNAUTHENTICATED with ${label}`, async () => {
      for (const route of protectedRoutes) {
        const client = server.client();
        prepare(client);
        const answer = await client.request(
          route.method,
          pathOf(route),
          route.body ? { json: {} } : {},
        );
        assert.equal(answer.status, 401, `${route.method} ${route.url}`);
        assert.equal(answer.body.error.code, "UNAUTHENTICATED");
      }
    });
  }

  test("answers 401 before reading the body: bad JSON, a huge body, or another media type", async () => {
    for (const route of protectedRoutes.filter((r) => r.method !== "GET")) {
      for (const options of [
        { raw: "{not json" },
        { raw: "x".repeat(1024 * 1024) },
        { raw: "a=b", contentType: "application/x-www-form-urlencoded" },
      ]) {
        const answer = await server.client().request(route.method, pathOf(route), options);
        assert.equal(answer.status, 401, `${route.method} ${route.url}`);
      }
    }
  });
});

describe("cross-site requests", () => {
  let server: TestServer;
  let owner: Client;
  let tokenSecret: string;
  before(async () => {
    server = await startTestServer({ allowedOrigins: ["https://journal.example.net"] });
    owner = await setUpOwner(server, "alex", PASSPHRASE);
    tokenSecret = (await owner.post("/api/v1/auth/tokens", { name: "script" })).body.secret;
  });
  after(async () => {
    assert.deepEqual(server.serverErrors, []);
    await server.close();
  });

  async function tokenCount(): Promise<number> {
    return (await server.store.db.selectFrom("api_tokens").select("id").execute()).length;
  }

  test("a cookie-signed state change without this server's Origin is 403 and changes nothing", async () => {
    const before = await tokenCount();
    for (const origin of [null, "https://evil.example", "null", "http://127.0.0.1:1"]) {
      const client = server.client({ origin: origin === "null" ? "null" : origin });
      client.cookie = owner.cookie;
      const answer = await client.post("/api/v1/auth/tokens", { name: "planted" });
      assert.equal(answer.status, 403, String(origin));
      assert.equal(answer.body.error.code, "ORIGIN_REJECTED");
    }
    assert.equal(await tokenCount(), before);
  });

  test("a matching Referer stands in for a missing Origin", async () => {
    const client = server.client({ origin: null });
    client.cookie = owner.cookie;
    const answer = await client.post(
      "/api/v1/auth/tokens",
      { name: "from the page" },
      {
        headers: { referer: `${server.url}/settings` },
      },
    );
    assert.equal(answer.status, 201);
  });

  test("an origin the server is told to trust (a proxy's) may send state changes", async () => {
    const client = server.client({ origin: "https://journal.example.net" });
    client.cookie = owner.cookie;
    assert.equal((await client.post("/api/v1/auth/tokens", { name: "via proxy" })).status, 201);
  });

  test("reading is not a state change: GET needs no Origin", async () => {
    const client = server.client({ origin: null });
    client.cookie = owner.cookie;
    assert.equal(
      (await client.get("/api/v1/auth/tokens", { headers: { origin: "https://evil.example" } }))
        .status,
      200,
    );
  });

  test("a Bearer-token request is exempt: other sites cannot send that header", async () => {
    const script = server.client({ bearer: tokenSecret, origin: null });
    assert.equal((await script.delete("/api/v1/auth/sessions/ses_0123456789ab")).status, 404);
    const evil = server.client({ bearer: tokenSecret, origin: "https://evil.example" });
    assert.equal((await evil.delete("/api/v1/auth/sessions/ses_0123456789ab")).status, 404);
  });

  test("sign-in from another site's page is refused; from a script without Origin it works", async () => {
    const body = { username: "alex", passphrase: PASSPHRASE };
    const evil = await server
      .client({ origin: "https://evil.example" })
      .post("/api/v1/auth/login", body);
    assert.equal(evil.status, 403);
    assert.equal(evil.body.error.code, "ORIGIN_REJECTED");
    assert.equal(
      (await server.client({ origin: null }).post("/api/v1/auth/login", body)).status,
      200,
    );
  });
});
