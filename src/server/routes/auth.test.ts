import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, test } from "node:test";
import { findOwner, findUserByName } from "../../store/repos/users.ts";
import {
  addAccount,
  type Client,
  setUpOwner,
  signIn,
  startTestServer,
  type TestServer,
} from "../test-server.ts";

const PASSPHRASE = "correct horse battery staple";

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  assert.deepEqual(server.serverErrors, []);
  await server.close();
});

async function usersTable() {
  return server.store.db.selectFrom("users").selectAll().orderBy("id").execute();
}

describe("GET /api/v1/session", () => {
  test("tells a first run from a signed-out and a signed-in client, always with 200", async () => {
    const anonymous = server.client();
    assert.deepEqual((await anonymous.get("/api/v1/session")).body, {
      setupNeeded: true,
      authenticated: false,
      user: null,
    });
    const owner = await setUpOwner(server, "alex", PASSPHRASE);
    assert.deepEqual((await anonymous.get("/api/v1/session")).body, {
      setupNeeded: false,
      authenticated: false,
      user: null,
    });
    const signedIn = (await owner.get("/api/v1/session")).body;
    assert.equal(signedIn.authenticated, true);
    assert.equal(signedIn.user.username, "alex");
    assert.equal(signedIn.user.role, "owner");
    const stale = server.client();
    stale.cookie = "titrate_session=tts_not-a-session";
    const answer = await stale.get("/api/v1/session");
    assert.equal(answer.status, 200);
    assert.equal(answer.body.authenticated, false);
  });
});

describe("POST /api/v1/setup", () => {
  test("creates the owner when there is none, signs in, and stores only a scrypt hash", async () => {
    const client = server.client();
    const answer = await client.post("/api/v1/setup", {
      username: " Alex ",
      passphrase: PASSPHRASE,
    });
    assert.equal(answer.status, 200);
    assert.equal(answer.body.user.username, "alex", "trimmed and lower-cased");
    assert.equal(answer.body.user.role, "owner");
    assert.equal(answer.body.sessionExpiresAt, "2026-04-05T09:00:00Z", "14 days idle");
    assert.match(answer.body.passphraseHint, /^strong/u);
    assert.ok(client.cookie);
    const [row] = await usersTable();
    assert.match(row?.passphrase_hash ?? "", /^scrypt\$10\$8\$1\$/u);
    assert.ok(!JSON.stringify(await usersTable()).includes(PASSPHRASE));
    assert.equal((await client.get("/api/v1/session")).body.authenticated, true);
  });

  test("gives the owner that `titrate init` made a name and passphrase, keeping its id", async () => {
    const init = await server.store.transaction(async (tx) => {
      const { createUser } = await import("../../store/repos/users.ts");
      return createUser(tx, {
        username: "owner",
        role: "owner",
        createdAt: "2026-03-01T08:00:00Z",
      });
    });
    const answer = await server
      .client()
      .post("/api/v1/setup", { username: "sam", passphrase: PASSPHRASE });
    assert.equal(answer.status, 200);
    assert.equal(answer.body.user.id, init.id);
    assert.equal((await findOwner(server.store.db))?.username, "sam");
    assert.equal((await usersTable()).length, 1);
  });

  test("is refused with 409 SETUP_DONE once an account has a passphrase, changing nothing", async () => {
    await setUpOwner(server, "alex", PASSPHRASE);
    const before = await usersTable();
    const answer = await server
      .client()
      .post("/api/v1/setup", { username: "mallory", passphrase: "another long passphrase" });
    assert.equal(answer.status, 409);
    assert.equal(answer.body.error.code, "SETUP_DONE");
    assert.deepEqual(await usersTable(), before);
  });

  test("once set up, refuses before hashing: nobody gets half a second of scrypt for free", async () => {
    let costReads = 0;
    const counted = await startTestServer({
      passphraseCost: {
        get log2N() {
          costReads++;
          return 10;
        },
        r: 8,
        p: 1,
      },
    });
    try {
      await setUpOwner(counted, "alex", PASSPHRASE);
      const before = costReads;
      const answers = await Promise.all(
        [1, 2, 3].map(() =>
          counted
            .client()
            .post("/api/v1/setup", { username: "mallory", passphrase: "another long passphrase" }),
        ),
      );
      assert.deepEqual(
        answers.map((a) => a.body.error.code),
        ["SETUP_DONE", "SETUP_DONE", "SETUP_DONE"],
      );
      assert.equal(costReads, before, "no passphrase was hashed");
      assert.deepEqual(counted.serverErrors, []);
    } finally {
      await counted.close();
    }
  });

  test("refuses a name another account has, and changes nothing", async () => {
    const { createUser } = await import("../../store/repos/users.ts");
    await createUser(server.store.db, {
      username: "owner",
      role: "owner",
      createdAt: "2026-03-01T08:00:00Z",
    });
    await createUser(server.store.db, {
      username: "kim",
      role: "member",
      createdAt: "2026-03-01T08:00:00Z",
    });
    const before = await usersTable();
    const answer = await server
      .client()
      .post("/api/v1/setup", { username: "kim", passphrase: PASSPHRASE });
    assert.equal(answer.status, 409);
    assert.equal(answer.body.error.code, "USERNAME_TAKEN");
    assert.deepEqual(await usersTable(), before);
  });

  test("names each rule a username or passphrase breaks", async () => {
    const answer = await server
      .client()
      .post("/api/v1/setup", { username: "-x!", passphrase: "short" });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error.code, "VALIDATION_FAILED");
    const fields = Object.fromEntries(
      answer.body.error.fields.map((f: { path: string; message: string }) => [f.path, f.message]),
    );
    assert.match(fields.username, /letters a–z, digits/u);
    assert.match(fields.passphrase, /at least 10 characters/u);
    // Five emoji are ten UTF-16 units but five characters.
    const emoji = await server
      .client()
      .post("/api/v1/setup", { username: "alex", passphrase: "🙂🙂🙂🙂🙂" });
    assert.equal(emoji.status, 400);
    assert.deepEqual(await usersTable(), []);
  });
});

describe("signing in and out", () => {
  let owner: Client;
  beforeEach(async () => {
    owner = await setUpOwner(server, "alex", PASSPHRASE);
  });

  test("a wrong passphrase and an unknown account get the same 401 LOGIN_FAILED", async () => {
    const wrong = await server
      .client()
      .post("/api/v1/auth/login", { username: "alex", passphrase: "not it at all" });
    const nobody = await server
      .client()
      .post("/api/v1/auth/login", { username: "nobody", passphrase: PASSPHRASE });
    assert.equal(wrong.status, 401);
    assert.deepEqual(wrong.body, nobody.body);
    assert.equal(wrong.body.error.code, "LOGIN_FAILED");
    assert.equal(wrong.headers.getSetCookie().length, 0);
  });

  test("the decoy an unknown username is checked against is ready before the first sign-in", async () => {
    // Made on first use, it made that one answer twice as slow as a wrong passphrase.
    let costReads = 0;
    const counted = await startTestServer({
      passphraseCost: {
        get log2N() {
          costReads++;
          return 10;
        },
        r: 8,
        p: 1,
      },
    });
    try {
      assert.ok(costReads > 0, "the decoy is being hashed once the server is ready");
      const nobody = await counted
        .client()
        .post("/api/v1/auth/login", { username: "nobody", passphrase: PASSPHRASE });
      assert.equal(nobody.body.error.code, "LOGIN_FAILED");
    } finally {
      await counted.close();
    }
  });

  test("the right passphrase starts a session in an HttpOnly, SameSite=Strict cookie", async () => {
    const client = server.client();
    const answer = await client.post("/api/v1/auth/login", {
      username: "Alex",
      passphrase: PASSPHRASE,
    });
    assert.equal(answer.status, 200);
    assert.equal(answer.body.user.username, "alex");
    const [cookie] = answer.headers.getSetCookie();
    assert.match(cookie ?? "", /^titrate_session=tts_[A-Za-z0-9_-]{43};/u);
    assert.match(cookie ?? "", /HttpOnly/u);
    assert.match(cookie ?? "", /SameSite=Strict/u);
    assert.match(cookie ?? "", /Path=\//u);
    assert.match(cookie ?? "", /Max-Age=7776000/u, "90 days at most");
    assert.doesNotMatch(cookie ?? "", /Secure/u, "plain HTTP cannot keep a Secure cookie");
    assert.equal((await client.get("/api/v1/auth/sessions")).status, 200);
  });

  test("logout ends the session: the old cookie no longer works", async () => {
    const cookie = owner.cookie;
    const answer = await owner.post("/api/v1/auth/logout");
    assert.equal(answer.status, 204);
    assert.equal(owner.cookie, undefined, "the cookie is cleared");
    const replay = server.client();
    replay.cookie = cookie;
    assert.equal((await replay.get("/api/v1/auth/sessions")).status, 401);
    assert.equal((await replay.get("/api/v1/session")).body.authenticated, false);
  });

  test("only the session's hash is stored", async () => {
    const secret = owner.cookie?.split("=")[1] ?? "";
    const rows = await server.store.db.selectFrom("sessions").selectAll().execute();
    assert.equal(rows.length, 1);
    assert.match(rows[0]?.token_hash ?? "", /^[0-9a-f]{64}$/u);
    assert.ok(!JSON.stringify(rows).includes(secret));
  });
});

describe("session lifetime", () => {
  test("slides with use for 14 days at a time", async () => {
    const owner = await setUpOwner(server, "alex", PASSPHRASE);
    for (let i = 0; i < 3; i++) {
      server.advance({ hours: 13 * 24 });
      assert.equal((await owner.get("/api/v1/auth/sessions")).status, 200, `use ${i + 1}`);
    }
    server.advance({ hours: 15 * 24 });
    assert.equal((await owner.get("/api/v1/auth/sessions")).status, 401);
  });

  test("ends 90 days after sign-in however much it is used", async () => {
    const owner = await setUpOwner(server, "alex", PASSPHRASE);
    for (let day = 10; day < 90; day += 10) {
      server.advance({ hours: 10 * 24 });
      assert.equal((await owner.get("/api/v1/auth/sessions")).status, 200, `day ${day}`);
    }
    server.advance({ hours: 10 * 24 });
    assert.equal((await owner.get("/api/v1/auth/sessions")).status, 401);
  });

  test("under TLS the cookie is Secure and __Host- prefixed", async () => {
    const secure = await startTestServer({ secureCookies: true });
    try {
      const answer = await secure
        .client()
        .post("/api/v1/setup", { username: "alex", passphrase: PASSPHRASE });
      const [cookie] = answer.headers.getSetCookie();
      assert.match(cookie ?? "", /^__Host-titrate_session=/u);
      assert.match(cookie ?? "", /; Secure/u);
    } finally {
      await secure.close();
    }
  });
});

describe("POST /api/v1/auth/passphrase", () => {
  test("needs the current passphrase, then ends the other sessions and keeps this one", async () => {
    const owner = await setUpOwner(server, "alex", PASSPHRASE);
    const phone = await signIn(server, "alex", PASSPHRASE);
    const wrong = await owner.post("/api/v1/auth/passphrase", {
      currentPassphrase: "not the passphrase",
      newPassphrase: "a brand new passphrase",
    });
    assert.equal(wrong.status, 403);
    assert.equal(wrong.body.error.code, "PASSPHRASE_INCORRECT");
    assert.equal(wrong.body.error.fields[0].path, "currentPassphrase");

    const answer = await owner.post("/api/v1/auth/passphrase", {
      currentPassphrase: PASSPHRASE,
      newPassphrase: "a brand new passphrase",
    });
    assert.equal(answer.status, 200);
    assert.equal(answer.body.otherSessionsEnded, 1);
    assert.equal((await owner.get("/api/v1/auth/sessions")).status, 200);
    assert.equal((await phone.get("/api/v1/auth/sessions")).status, 401);
    const old = await server
      .client()
      .post("/api/v1/auth/login", { username: "alex", passphrase: PASSPHRASE });
    assert.equal(old.status, 401);
    await signIn(server, "alex", "a brand new passphrase");
  });

  test("refuses a weak new passphrase and an API token", async () => {
    const owner = await setUpOwner(server, "alex", PASSPHRASE);
    const weak = await owner.post("/api/v1/auth/passphrase", {
      currentPassphrase: PASSPHRASE,
      newPassphrase: "short",
    });
    assert.equal(weak.status, 400);
    assert.equal(weak.body.error.fields[0].path, "newPassphrase");
    const { secret } = (await owner.post("/api/v1/auth/tokens", { name: "script" })).body;
    const script = server.client({ bearer: secret });
    const answer = await script.post("/api/v1/auth/passphrase", {
      currentPassphrase: PASSPHRASE,
      newPassphrase: "a brand new passphrase",
    });
    assert.equal(answer.status, 403);
    assert.equal(answer.body.error.code, "FORBIDDEN");
    await signIn(server, "alex", PASSPHRASE);
  });

  test("changes only the signed-in account's passphrase", async () => {
    await setUpOwner(server, "alex", PASSPHRASE);
    await addAccount(server.store, "kim", "kim's own long passphrase");
    const kim = await signIn(server, "kim", "kim's own long passphrase");
    const hashBefore = (await usersTable()).find((u) => u.username === "alex")?.passphrase_hash;
    await kim.post("/api/v1/auth/passphrase", {
      currentPassphrase: "kim's own long passphrase",
      newPassphrase: "kim's newer passphrase",
    });
    assert.equal(
      (await usersTable()).find((u) => u.username === "alex")?.passphrase_hash,
      hashBefore,
    );
    assert.ok(await findUserByName(server.store.db, "kim"));
    await signIn(server, "alex", PASSPHRASE);
  });
});
