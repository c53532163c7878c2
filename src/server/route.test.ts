import assert from "node:assert/strict";
import { test } from "node:test";
import * as z from "zod/mini";
import { defineRoute } from "./route.ts";
import { setUpOwner, startTestServer } from "./test-server.ts";

test("defineRoute refuses request schemas that would let unknown fields through", async () => {
  const server = await startTestServer({
    beforeListen: (app) => {
      assert.throws(
        () =>
          defineRoute(app, {
            method: "POST",
            url: "/api/v1/loose",
            operationId: "loose",
            summary: "loose",
            tags: [],
            body: z.object({ a: z.string() }),
            status: 204,
            handler: () => undefined,
          }),
        /must be a z.strictObject/u,
      );
      assert.throws(
        () =>
          defineRoute(app, {
            method: "GET",
            url: "/api/v1/things/:id",
            operationId: "thing",
            summary: "thing",
            tags: [],
            response: z.strictObject({}),
            handler: () => ({}),
          }),
        /must name exactly the path's parameters \(id\)/u,
      );
    },
  });
  await server.close();
});

test("the handler gets typed, validated input and the signed-in account's id", async () => {
  const seen: unknown[] = [];
  const server = await startTestServer({
    beforeListen: async (app) => {
      await app.register(async (child) => {
        defineRoute(child, {
          method: "POST",
          url: "/api/v1/echo/:n",
          operationId: "echo",
          summary: "echo",
          tags: ["test"],
          params: z.strictObject({ n: z.pipe(z.string(), z.transform(Number)) }),
          query: z.strictObject({ twice: z.optional(z.enum(["yes", "no"])) }),
          body: z.strictObject({ words: z.array(z.string()) }),
          response: z.strictObject({ userId: z.string(), total: z.number() }),
          handler: ({ params, query, body, userId }) => {
            seen.push({ params, query, body });
            return {
              userId,
              total: params.n * body.words.length * (query.twice === "yes" ? 2 : 1),
            };
          },
        });
      });
    },
  });
  try {
    const owner = await setUpOwner(server);
    const answer = await owner.post("/api/v1/echo/3?twice=yes", { words: ["a", "b"] });
    assert.equal(answer.status, 200);
    assert.equal(answer.body.total, 12);
    assert.match(answer.body.userId, /^usr_/u);
    assert.deepEqual(seen, [
      { params: { n: 3 }, query: { twice: "yes" }, body: { words: ["a", "b"] } },
    ]);
    const bad = await owner.post("/api/v1/echo/3?twice=maybe&x=1", { words: [1] });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body.error.fields.map((f: { path: string }) => f.path).sort(), [
      "twice",
      "words.0",
      "x",
    ]);
    assert.deepEqual(server.serverErrors, []);
  } finally {
    await server.close();
  }
});

test("an unexpected error is logged and answered 500 INTERNAL without its details", async () => {
  const lines: string[] = [];
  const server = await startTestServer({
    logger: { stream: { write: (line) => lines.push(line) } },
    beforeListen: async (app) => {
      await app.register(async (child) => {
        defineRoute(child, {
          method: "GET",
          url: "/api/v1/broken",
          operationId: "broken",
          summary: "broken",
          tags: [],
          access: "public",
          response: z.strictObject({}),
          handler: () => {
            throw new Error("secret internals at /home/someone/titrate.db");
          },
        });
        defineRoute(child, {
          method: "GET",
          url: "/api/v1/leaky",
          operationId: "leaky",
          summary: "leaky",
          tags: [],
          access: "public",
          response: z.strictObject({ username: z.string() }),
          // An answer with a field the schema does not list is a bug, not a leak.
          handler: () => ({ username: "alex", passphraseHash: "scrypt$…" }) as { username: string },
        });
      });
    },
  });
  try {
    for (const path of ["/api/v1/broken", "/api/v1/leaky"]) {
      const answer = await server.client().get(path);
      assert.equal(answer.status, 500);
      assert.equal(answer.body.error.code, "INTERNAL");
      assert.ok(!answer.text.includes("secret internals"));
      assert.ok(!answer.text.includes("scrypt"));
      assert.ok(!answer.text.includes("    at "));
    }
    const errors = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === "unexpected error");
    assert.equal(errors.length, 2);
    assert.match(errors[0].err.message, /secret internals/u);
  } finally {
    await server.close();
  }
});
