/**
 * Property: whatever body is sent to the state-changing auth routes — wrong types, unknown
 * fields, odd Unicode, absurd numbers, broken JSON, other media types — the answer comes in
 * time, is never a 5xx, and a refused request leaves the database exactly as it was.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import fc from "fast-check";
import * as z from "zod/mini";
import { ChangePassphraseBody, CreateTokenBody, LoginBody, SetupBody } from "./schemas/auth.ts";
import { type Client, setUpOwner, startTestServer, type TestServer } from "./test-server.ts";

const value = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 60 }),
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.stringMatching(/^[A-Za-z0-9._-]{1,40}$/u),
  fc.string({ minLength: 10, maxLength: 40 }),
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "\u202e",
    "ｓａｍ",
    "e\u0301",
    "🙂".repeat(6),
    "a".repeat(5000),
  ),
  fc.integer(),
  fc.double(),
  fc.constantFrom(1e308, -0, Number.MAX_SAFE_INTEGER + 2),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.object({ maxDepth: 2 }),
);

const fieldNames = [
  "username",
  "passphrase",
  "name",
  "currentPassphrase",
  "newPassphrase",
  "__proto__",
  "constructor",
  "role",
  "userId",
];

/** A body as raw text: mostly objects with the routes' field names, some not JSON at all. */
const rawBody = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .dictionary(fc.constantFrom(...fieldNames), value, { maxKeys: 4 })
      .map((o) => JSON.stringify(o)),
  },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? "null") },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 200 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '{"username":',
      '{"__proto__":{"role":"owner"}}',
      '{"constructor":{"prototype":{"x":1}}}',
      '{"username":"alex","username":"root","passphrase":"0123456789"}',
      "1e400",
      '"\\ud800"',
      "[]",
      "null",
      `{"name":"${"x".repeat(80_000)}"}`,
    ),
  },
);

const contentType = fc.constantFrom(
  "application/json",
  "application/json; charset=utf-8",
  "APPLICATION/JSON",
  "text/plain",
  "application/x-www-form-urlencoded",
);

/** Every row of every table, to compare before and after a refused request. */
async function snapshot(server: TestServer): Promise<string> {
  const tables = await server.store.db.introspection.getTables();
  const rows: Record<string, unknown[]> = {};
  for (const table of tables.map((t) => t.name).sort()) {
    rows[table] = await server.store.db
      .selectFrom(table as "users")
      .selectAll()
      .execute();
  }
  return JSON.stringify(rows);
}

/** True when `raw`, read as JSON, is a body `schema` accepts (those are not refusals). */
function wouldBeAccepted(schema: z.ZodMiniType, raw: string, type: string): boolean {
  if (!type.toLowerCase().startsWith("application/json")) return false;
  try {
    // The server reads an empty body as no body at all.
    return schema.safeParse(raw.trim() === "" ? undefined : JSON.parse(raw)).success;
  } catch {
    return false;
  }
}

async function refusedWithoutChange(
  server: TestServer,
  client: Client,
  path: string,
  schema: z.ZodMiniType,
): Promise<void> {
  await fc.assert(
    fc.asyncProperty(rawBody, contentType, async (raw, type) => {
      fc.pre(!wouldBeAccepted(schema, raw, type));
      const before = await snapshot(server);
      const answer = await client.request("POST", path, { raw, contentType: type });
      assert.ok(
        answer.status >= 400 && answer.status < 500,
        `${answer.status} for ${raw.slice(0, 200)}`,
      );
      assert.equal(typeof answer.body?.error?.code, "string");
      assert.equal(await snapshot(server), before);
    }),
    { numRuns: 120, seed: 20260322 },
  );
  assert.deepEqual(server.serverErrors, []);
  assert.deepEqual(server.undocumentedErrors, []);
}

describe("fuzzed request bodies", () => {
  let fresh: TestServer;
  let server: TestServer;
  let owner: Client;
  before(async () => {
    fresh = await startTestServer();
    server = await startTestServer({
      loginLimits: { accountFreeFailures: 1e6, addressFreeFailures: 1e6 },
    });
    owner = await setUpOwner(server, "alex", "alex's long passphrase");
  });
  after(async () => {
    await fresh.close();
    await server.close();
  });

  test("POST /api/v1/setup on a first run", async () => {
    await refusedWithoutChange(fresh, fresh.client(), "/api/v1/setup", SetupBody);
  });

  test("POST /api/v1/setup once set up", async () => {
    await refusedWithoutChange(server, server.client(), "/api/v1/setup", SetupBody);
  });

  test("POST /api/v1/auth/login", async () => {
    await refusedWithoutChange(server, server.client(), "/api/v1/auth/login", LoginBody);
  });

  test("POST /api/v1/auth/tokens, signed in", async () => {
    await refusedWithoutChange(server, owner, "/api/v1/auth/tokens", CreateTokenBody);
  });

  test("POST /api/v1/auth/passphrase, signed in", async () => {
    await refusedWithoutChange(server, owner, "/api/v1/auth/passphrase", ChangePassphraseBody);
  });

  test("POST /api/v1/auth/logout with a body, signed in", async () => {
    await refusedWithoutChange(
      server,
      owner,
      "/api/v1/auth/logout",
      z.optional(z.strictObject({})),
    );
  });

  test("DELETE a session or token by a fuzzed id, signed in", async () => {
    const id = fc.oneof(
      fc.string({ unit: "binary", maxLength: 120 }),
      fc.stringMatching(/^(ses|tok)_[0-9a-z]{12}$/u),
      fc.constantFrom("..", "%2e%2e", "ses_0123456789ab%00", `tok_${"a".repeat(500)}`),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("sessions", "tokens"), id, async (kind, raw) => {
        const before = await snapshot(server);
        const answer = await owner.delete(`/api/v1/auth/${kind}/${encodeURIComponent(raw)}`);
        assert.notEqual(answer.status, 401, "still signed in");
        assert.ok(answer.status >= 400 && answer.status < 500, `${answer.status} for ${raw}`);
        assert.equal(await snapshot(server), before);
      }),
      { numRuns: 120, seed: 20260322 },
    );
    assert.deepEqual(server.serverErrors, []);
    assert.deepEqual(server.undocumentedErrors, []);
  });
});
