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

async function sessionIds(client: Client): Promise<string[]> {
  const answer = await client.get("/api/v1/auth/sessions");
  assert.equal(answer.status, 200);
  return answer.body.sessions.map((s: { id: string }) => s.id);
}

test("lists the account's own sessions and marks the current one", async () => {
  const phone = await signIn(server, "alex", "alex's long passphrase");
  const answer = await alex.get("/api/v1/auth/sessions");
  assert.equal(answer.body.sessions.length, 2);
  assert.equal(answer.body.sessions.filter((s: { current: boolean }) => s.current).length, 1);
  assert.equal(answer.body.sessions[0].userAgent, "node");
  assert.deepEqual((await sessionIds(phone)).sort(), (await sessionIds(alex)).sort());
  assert.equal((await sessionIds(kim)).length, 1);
});

test("ending another of one's sessions signs that device out", async () => {
  const phone = await signIn(server, "alex", "alex's long passphrase");
  const phoneSession = (await phone.get("/api/v1/auth/sessions")).body.sessions.find(
    (s: { current: boolean }) => s.current,
  ).id;
  assert.equal((await alex.delete(`/api/v1/auth/sessions/${phoneSession}`)).status, 204);
  assert.equal((await phone.get("/api/v1/auth/sessions")).status, 401);
  assert.equal((await alex.get("/api/v1/auth/sessions")).status, 200);
});

test("ending the current session signs this browser out", async () => {
  const [current] = await sessionIds(alex);
  const answer = await alex.delete(`/api/v1/auth/sessions/${current}`);
  assert.equal(answer.status, 204);
  assert.equal(alex.cookie, undefined);
});

test("one account can never end another's session, by cookie or by token", async () => {
  const [alexSession] = await sessionIds(alex);
  const kimToken = (await kim.post("/api/v1/auth/tokens", { name: "kim's" })).body.secret;
  for (const client of [kim, server.client({ bearer: kimToken })]) {
    const answer = await client.delete(`/api/v1/auth/sessions/${alexSession}`);
    assert.equal(answer.status, 404);
    assert.equal(answer.body.error.code, "NOT_FOUND");
  }
  assert.deepEqual(await sessionIds(alex), [alexSession]);
});

test("a revoked session answers 401 even with the cookie still held", async () => {
  const cookie = alex.cookie;
  const [current] = await sessionIds(alex);
  await kim.delete(`/api/v1/auth/sessions/${current}`);
  await alex.delete(`/api/v1/auth/sessions/${current}`);
  const replay = server.client();
  replay.cookie = cookie;
  assert.equal((await replay.get("/api/v1/auth/sessions")).status, 401);
});
