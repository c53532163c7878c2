/**
 * Property: every state-changing journal route, sent bodies shaped like its own schema but
 * wrong in every way fast-check can think of (and some that are right), with a valid session,
 * answers in time, never with a 5xx, and a refused request leaves the database exactly as it
 * was (src/store/test-store.ts dumpStore). The sign-in routes are fuzzed in fuzz.test.ts.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import fc from "fast-check";
import { dumpStore } from "../store/test-store.ts";
import { jsonSchemaOf } from "./openapi.ts";
import type { DeclaredRoute } from "./route.ts";
import { KETAMINE_PLAN, type SeededJournal, seedJournal } from "./test-journal.ts";
import {
  CHEAP_COST,
  type Client,
  setUpOwner,
  startTestServer,
  type TestServer,
} from "./test-server.ts";

type JsonSchema = {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
};

/** The routes fuzz.test.ts covers (sign-in, tokens, sessions). */
const fuzzedElsewhere = new Set([
  "POST /api/v1/setup",
  "POST /api/v1/auth/login",
  "POST /api/v1/auth/logout",
  "POST /api/v1/auth/passphrase",
  "POST /api/v1/auth/tokens",
  "DELETE /api/v1/auth/sessions/:id",
  "DELETE /api/v1/auth/tokens/:id",
]);

const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "\u202e",
    "e\u0301",
    "🙂".repeat(5),
    "a".repeat(6000),
    "__proto__",
  ),
  fc.integer(),
  fc.double(),
  fc.constantFrom(1e308, -0, -1, 0, Number.MAX_SAFE_INTEGER + 2, 0.1),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer({ min: -3, max: 5 }), { maxLength: 12 }),
  fc.object({ maxDepth: 1 }),
);

/** Strings a request of this API might hold, right or nearly right. */
const plausibleText = fc.constantFrom(
  "2026-03-22T08:00:00Z",
  "2026-03-22T08:00",
  "2026-03-22T10:00:00Z",
  "2026-03-22",
  "2026-02-30",
  "09:00",
  "25:61",
  "Europe/London",
  "Mars/Olympus",
  "ketamine",
  "lsd",
  "usual",
  "bottle A",
  "nasal",
  "mg",
  "µg",
  "phq9",
  "bladder",
  "frequent",
  "orange",
  "erase my",
  "GB",
  "bat_0123456789ab",
  "pre_0123456789ab",
);

/** Values shaped by `schema`: mostly the right type with odd values, sometimes anything at all. */
function arbitraryFor(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  if (depth > 4) return junk;
  return fc.oneof(
    { weight: 4, arbitrary: shapedBy(schema, depth) },
    { weight: 1, arbitrary: junk },
  );
}

function shapedBy(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return fc.oneof(...union.map((s) => arbitraryFor(s, depth + 1)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "string":
      return fc.oneof(plausibleText, fc.string({ maxLength: 30 }));
    case "number":
    case "integer":
      return fc.oneof(
        fc.integer({ min: -5, max: 400 }),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.constantFrom(0, 0.05, 1, 5, 7, 14, 20, 30, 300, 1e9),
      );
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array":
      return fc.array(arbitraryFor(schema.items ?? {}, depth + 1), {
        maxLength: depth > 1 ? 2 : 10,
      });
    case "object": {
      const properties = Object.entries(schema.properties ?? {});
      const record = fc.record(
        Object.fromEntries(properties.map(([name, s]) => [name, arbitraryFor(s, depth + 1)])),
        { requiredKeys: [] },
      );
      // Sometimes a field the route does not know, or a prototype trick.
      return fc.oneof(
        { weight: 5, arbitrary: record },
        {
          weight: 1,
          arbitrary: fc
            .tuple(record, fc.constantFrom("role", "userId", "id", "constructor"), junk)
            .map(([r, key, v]) => ({ ...(r as object), [key]: v })),
        },
      );
    }
    default:
      return junk;
  }
}

/**
 * A valid body changed in one or two places: a field replaced by an odd value of its type or
 * by anything at all, or left out. These get past the schema and reach the domain's refusals.
 */
function mutationOf(example: unknown, schema: JsonSchema): fc.Arbitrary<unknown> {
  if (example === null || typeof example !== "object") return fc.constant(example);
  const properties = schema.properties ?? {};
  const keys = [...new Set([...Object.keys(properties), ...Object.keys(example)])];
  if (keys.length === 0) return fc.constant(example);
  const once = (base: Record<string, unknown>) =>
    fc.constantFrom(...keys).chain((key) =>
      fc.oneof(
        arbitraryFor(properties[key] ?? {}, 1).map((value) => ({ ...base, [key]: value })),
        fc.constant(Object.fromEntries(Object.entries(base).filter(([k]) => k !== key))),
      ),
    );
  const base = example as Record<string, unknown>;
  return fc.oneof(
    fc.constant(example),
    once(base),
    once(base).chain((b) => once(b as Record<string, unknown>)),
  );
}

/** The raw body: JSON shaped by the route's schema, or something that is not a JSON object at all. */
function bodyOf(
  route: DeclaredRoute,
  examples: readonly unknown[],
): fc.Arbitrary<{ raw: string; contentType: string }> {
  const schema = route.body ?? route.file?.schema;
  const json = schema ? (jsonSchemaOf(schema, "input") as JsonSchema) : {};
  const shaped = schema ? arbitraryFor(json, 0) : junk;
  const near =
    examples.length > 0 ? fc.constantFrom(...examples).chain((e) => mutationOf(e, json)) : shaped;
  const asJson = (v: unknown) => ({
    raw: JSON.stringify(v) ?? "",
    contentType: "application/json",
  });
  return fc.oneof(
    { weight: 5, arbitrary: near.map(asJson) },
    { weight: 3, arbitrary: shaped.map(asJson) },
    {
      weight: 1,
      arbitrary: fc.record({
        raw: fc.oneof(
          fc.string({ unit: "binary", maxLength: 100 }),
          fc.constantFrom('{"at":', '{"__proto__":{"userId":"x"}}', "[]", "null", "1e400", ""),
        ),
        contentType: fc.constantFrom(
          "application/json",
          "text/plain",
          "application/x-www-form-urlencoded",
        ),
      }),
    },
  );
}

describe("fuzzed bodies on every state-changing route", () => {
  let server: TestServer;
  let kim: Client;
  let own: SeededJournal;
  let examples: Record<string, readonly unknown[]>;
  before(async () => {
    server = await startTestServer({ backupCost: CHEAP_COST });
    kim = await setUpOwner(server, "kim", "kim's long passphrase");
    own = await seedJournal(kim);
    const amount = { kind: "amount", amount: 7, unit: "mg" };
    examples = {
      "PATCH /api/v1/profile": [{ weightKg: 70, timeZone: "Europe/London", country: "GB" }],
      "POST /api/v1/medications": [{ name: "lithium", addedAt: "2026-03-20T08:00:00Z" }],
      "POST /api/v1/batches": [
        {
          substance: "ketamine",
          label: "b2",
          form: "spray",
          concentrationMgPerMl: 50,
          mlPerSpray: 0.1,
        },
      ],
      "POST /api/v1/batches/:id/tests": [
        { reagent: "mandelin", result: "orange", at: "2026-03-22T08:00" },
      ],
      "POST /api/v1/presets": [
        { name: "p2", measured: { kind: "sprays", sprays: 2 }, batch: "bottle A" },
      ],
      "POST /api/v1/plans/preview": [KETAMINE_PLAN],
      "POST /api/v1/plans": [KETAMINE_PLAN],
      "POST /api/v1/plans/:id/move-zone": [{ timeZone: "Asia/Tokyo" }],
      "POST /api/v1/plans/:id/end": [{}],
      "POST /api/v1/medications/:id/end": [{}],
      "POST /api/v1/doses": [
        { preset: "usual", at: "2026-03-22T08:30:00Z" },
        { substance: "ketamine", measured: amount, route: "nasal", note: "x" },
      ],
      "POST /api/v1/doses/check": [{ substance: "ketamine", measured: amount, batch: own.batchId }],
      "POST /api/v1/other-substances": [{ name: "alcohol", amount: 2, unit: "units" }],
      "POST /api/v1/check-ins": [{ mood: 5, effects: "calm", shulgin: "+" }],
      "POST /api/v1/symptom-reports": [{ checklist: "bladder", symptoms: ["frequent"] }],
      "POST /api/v1/blood-pressures": [{ systolicMmHg: 130, diastolicMmHg: 85, pulseBpm: 70 }],
      "POST /api/v1/screenings": [{ instrument: "phq9", answers: [0, 0, 0, 0, 0, 0, 0, 0, 1] }],
      "PATCH /api/v1/entries/:id": [
        { at: "2026-03-22T08:00:00Z", note: "x" },
        { amount: 6 },
        { mood: 4 },
      ],
      "POST /api/v1/findings/acknowledge": [{ key: own.findingKey }],
      "POST /api/v1/import": [JSON.parse((await kim.get("/api/v1/export")).text)],
      "POST /api/v1/backup": [{ passphrase: "a long enough passphrase" }],
      "POST /api/v1/account/erase": [{ confirm: "erase my data" }],
    };
  });
  after(async () => {
    await server.close();
  });

  /** Path ids: mostly the account's own (so the body is what gets judged), sometimes odd ones. */
  function idFor(url: string): fc.Arbitrary<string> {
    const mine: Record<string, string[]> = {
      "/api/v1/medications/:id/end": [own.medicationId],
      "/api/v1/batches/:id/tests": [own.batchId],
      "/api/v1/presets/:id": [own.presetId],
      "/api/v1/entries/:id": [own.doseId, own.checkInId, own.screeningId, own.bloodPressureId],
    };
    return fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...(mine[url] ?? [own.planId])) },
      {
        weight: 1,
        arbitrary: fc.oneof(
          fc.string({ maxLength: 30 }),
          fc.constantFrom("..", "%00", `dos_${"a".repeat(200)}`, "pln_0123456789ab"),
        ),
      },
    );
  }

  test("no 5xx, no hang, and a refusal changes nothing", async () => {
    const routes = server.app.declaredRoutes.filter(
      (r) => r.method !== "GET" && !fuzzedElsewhere.has(`${r.method} ${r.url}`),
    );
    assert.ok(routes.length >= 24, `${routes.length} routes`);
    for (const route of routes) {
      const query =
        route.url === "/api/v1/import"
          ? fc.constantFrom("", "?dryRun=true", "?from=x")
          : fc.constant("");
      await fc.assert(
        fc.asyncProperty(
          bodyOf(route, examples[`${route.method} ${route.url}`] ?? []),
          idFor(route.url),
          query,
          async (body, id, search) => {
            // A valid confirmation would erase the account under test; erasing is tested elsewhere.
            fc.pre(!body.raw.includes("erase my data"));
            const path = `${route.url.replace(":id", encodeURIComponent(id))}${search}`;
            const before = await dumpStore(server.store);
            const answer = await kim.request(route.method, path, body);
            const where = `${route.method} ${path} ${answer.status} ${body.raw.slice(0, 300)} → ${answer.text.slice(0, 300)}`;
            assert.ok(answer.status < 500, where);
            assert.notEqual(answer.status, 401, `still signed in: ${where}`);
            if (answer.status >= 400) {
              assert.equal(typeof answer.body?.error?.code, "string", where);
              assert.equal(await dumpStore(server.store), before, `refused, yet changed: ${where}`);
            }
          },
        ),
        { numRuns: 40, seed: 20260322 },
      );
    }
    assert.deepEqual(server.serverErrors, []);
    assert.deepEqual(server.undocumentedErrors, []);
  });
});
