import assert from "node:assert/strict";
import { afterEach, beforeEach, test } from "node:test";
import {
  addAccount,
  type Client,
  setUpOwner,
  signIn,
  startTestServer,
  type TestServer,
} from "../test-server.ts";

let server: TestServer;
let alex: Client;
let kim: Client;
beforeEach(async () => {
  server = await startTestServer();
  alex = await setUpOwner(server, "alex", "alex's long passphrase");
  await addAccount(server.store, "kim", "kim's long passphrase");
  kim = await signIn(server, "kim", "kim's long passphrase");
});
afterEach(async () => {
  assert.deepEqual(server.serverErrors, []);
  await server.close();
});

test("a token is shown once, stored as a hash, and works as a Bearer credential", async () => {
  const made = await alex.post("/api/v1/auth/tokens", { name: " backup script " });
  assert.equal(made.status, 201);
  assert.equal(made.body.token.name, "backup script");
  assert.match(made.body.secret, /^titrate_pat_[A-Za-z0-9_-]{43}$/u);
  const rows = await server.store.db.selectFrom("api_tokens").selectAll().execute();
  assert.ok(!JSON.stringify(rows).includes(made.body.secret));

  const listed = await alex.get("/api/v1/auth/tokens");
  assert.deepEqual(listed.body.tokens, [made.body.token]);
  assert.ok(!listed.text.includes(made.body.secret));

  const script = server.client({ bearer: made.body.secret });
  const session = await script.get("/api/v1/session");
  assert.equal(session.body.user.username, "alex");
  const tokens = await script.get("/api/v1/auth/tokens");
  assert.equal(tokens.status, 200);
  assert.equal(tokens.body.tokens[0].lastUsedAt, "2026-03-22T09:00:00Z");
});

test("a revoked token answers 401 on every route that needs an account", async () => {
  const made = await alex.post("/api/v1/auth/tokens", { name: "script" });
  const script = server.client({ bearer: made.body.secret });
  assert.equal((await alex.delete(`/api/v1/auth/tokens/${made.body.token.id}`)).status, 204);
  const answer = await script.get("/api/v1/auth/tokens");
  assert.equal(answer.status, 401);
  assert.equal(answer.body.error.code, "UNAUTHENTICATED");
  assert.deepEqual((await alex.get("/api/v1/auth/tokens")).body.tokens, []);
  assert.equal((await alex.delete(`/api/v1/auth/tokens/${made.body.token.id}`)).status, 404);
});

test("a token cannot make more tokens", async () => {
  const made = await alex.post("/api/v1/auth/tokens", { name: "script" });
  const script = server.client({ bearer: made.body.secret });
  const answer = await script.post("/api/v1/auth/tokens", { name: "another" });
  assert.equal(answer.status, 403);
  assert.equal(answer.body.error.code, "FORBIDDEN");
  assert.equal((await alex.get("/api/v1/auth/tokens")).body.tokens.length, 1);
});

test("one account never sees or revokes another's tokens", async () => {
  const alexToken = (await alex.post("/api/v1/auth/tokens", { name: "alex's" })).body;
  const kimToken = (await kim.post("/api/v1/auth/tokens", { name: "kim's" })).body;
  assert.deepEqual(
    (await kim.get("/api/v1/auth/tokens")).body.tokens.map((t: { name: string }) => t.name),
    ["kim's"],
  );
  for (const client of [kim, server.client({ bearer: kimToken.secret })]) {
    const answer = await client.delete(`/api/v1/auth/tokens/${alexToken.token.id}`);
    assert.equal(answer.status, 404, "someone else's token is not found, not revoked");
  }
  const alexScript = server.client({ bearer: alexToken.secret });
  assert.equal((await alexScript.get("/api/v1/session")).body.user.username, "alex");
  assert.equal((await alex.get("/api/v1/auth/tokens")).body.tokens.length, 1);
});

test("a malformed Authorization header is 401, not a fall-back to the cookie", async () => {
  for (const header of ["Basic YWxleDpwYXNz", "Bearer", "Bearer titrate_pat_wrong", "Bearer a b"]) {
    const answer = await alex.get("/api/v1/auth/tokens", { headers: { authorization: header } });
    assert.equal(answer.status, 401, header);
  }
});
