import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { setUpOwner, startTestServer } from "../test-server.ts";
import { addressKey, LoginLimiter } from "./login-limiter.ts";

describe("LoginLimiter", () => {
  test("gives an account 5 free failures, then locks for 1 s, 2 s, 4 s …", () => {
    const limiter = new LoginLimiter();
    let now = 0;
    for (let i = 0; i < 5; i++) assert.equal(limiter.begin("1.1.1.1", "alex", now).allowed, true);
    // The 6th attempt is allowed but, if it fails, locks the account for 1 s.
    assert.equal(limiter.begin("1.1.1.1", "alex", now).allowed, true);
    assert.deepEqual(limiter.begin("1.1.1.1", "alex", now), { allowed: false, retryAfterMs: 1000 });
    now += 1000;
    assert.equal(limiter.begin("1.1.1.1", "alex", now).allowed, true);
    assert.deepEqual(limiter.begin("1.1.1.1", "alex", now), { allowed: false, retryAfterMs: 2000 });
    now += 2000;
    assert.equal(limiter.begin("1.1.1.1", "alex", now).allowed, true);
    assert.deepEqual(limiter.begin("1.1.1.1", "alex", now), { allowed: false, retryAfterMs: 4000 });
  });

  test("the lock is capped at 15 minutes", () => {
    const limiter = new LoginLimiter({ addressFreeFailures: 1000 });
    let now = 0;
    let last = 0;
    for (let i = 0; i < 40; i++) {
      const attempt = limiter.begin("1.1.1.1", "alex", now);
      if (!attempt.allowed) {
        last = attempt.retryAfterMs;
        now += attempt.retryAfterMs;
      }
    }
    assert.equal(last, 15 * 60_000);
  });

  test("a success clears its account's count", () => {
    const limiter = new LoginLimiter();
    for (let i = 0; i < 4; i++) limiter.begin("1.1.1.1", "alex", 0);
    const right = limiter.begin("1.1.1.1", "alex", 0);
    assert.equal(right.allowed, true);
    if (right.allowed) limiter.succeeded(right.keys);
    for (let i = 0; i < 5; i++) assert.equal(limiter.begin("1.1.1.1", "alex", 0).allowed, true);
  });

  test("counts per address across accounts: 20 free failures", () => {
    const limiter = new LoginLimiter();
    for (let i = 0; i < 21; i++)
      assert.equal(limiter.begin("6.6.6.6", `user${i}`, 0).allowed, true);
    assert.equal(limiter.begin("6.6.6.6", "fresh", 0).allowed, false);
    assert.equal(
      limiter.begin("7.7.7.7", "fresh", 0).allowed,
      true,
      "other addresses are unaffected",
    );
  });

  test("counts an IPv6 client by its /64 network, and IPv4 inside IPv6 as IPv4", () => {
    assert.equal(addressKey("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
    assert.equal(addressKey("2001:DB8:0001:0002:ffff:1:2:3"), "2001:db8:1:2::/64");
    assert.equal(addressKey("2001:db8::1"), "2001:db8:0:0::/64");
    assert.equal(addressKey("::1"), "0:0:0:0::/64");
    assert.equal(addressKey("fe80::1%eth0"), "fe80:0:0:0::/64");
    assert.equal(addressKey("::ffff:10.0.0.7"), "10.0.0.7");
    assert.equal(addressKey("10.0.0.7"), "10.0.0.7");
    const limiter = new LoginLimiter();
    for (let i = 0; i < 21; i++) {
      const address = `2001:db8:1:2:${(i + 1).toString(16)}::${i}`;
      assert.equal(limiter.begin(address, `user${i}`, 0).allowed, true);
    }
    assert.equal(
      limiter.begin("2001:db8:1:2:ffff::9", "fresh", 0).allowed,
      false,
      "another address of the same /64 is the same guesser",
    );
    assert.equal(limiter.begin("2001:db8:1:3::9", "fresh", 0).allowed, true, "another /64");
  });

  test("forgets a key an hour after its last failure", () => {
    const limiter = new LoginLimiter();
    for (let i = 0; i < 6; i++) limiter.begin("1.1.1.1", "alex", 0);
    assert.equal(limiter.begin("1.1.1.1", "alex", 0).allowed, false);
    for (let i = 0; i < 5; i++) {
      assert.equal(limiter.begin("1.1.1.1", "alex", 60 * 60_000 + i).allowed, true);
    }
  });

  test("remembers a bounded number of keys", () => {
    const limiter = new LoginLimiter({ maxKeys: 50 });
    for (let i = 0; i < 500; i++) limiter.begin(`10.0.${i >> 8}.${i & 255}`, `user${i}`, i);
    assert.ok(limiter.size <= 50);
  });
});

describe("sign-in over HTTP", () => {
  test("the 6th wrong passphrase locks the account with 429 and Retry-After, for everyone", async () => {
    const server = await startTestServer();
    try {
      await setUpOwner(server, "alex", "alex's long passphrase");
      const guess = { username: "alex", passphrase: "wrong guess here" };
      for (let i = 0; i < 6; i++) {
        const answer = await server.client().post("/api/v1/auth/login", guess);
        assert.equal(answer.status, 401, `attempt ${i + 1}`);
      }
      const locked = await server.client().post("/api/v1/auth/login", {
        username: "alex",
        passphrase: "alex's long passphrase",
      });
      assert.equal(locked.status, 429);
      assert.equal(locked.body.error.code, "RATE_LIMITED");
      assert.equal(locked.headers.get("retry-after"), "1");
      server.advance({ seconds: 1 });
      const after = await server.client().post("/api/v1/auth/login", {
        username: "alex",
        passphrase: "alex's long passphrase",
      });
      assert.equal(after.status, 200);
      assert.deepEqual(server.serverErrors, []);
    } finally {
      await server.close();
    }
  });

  test("parallel guesses are counted as they start, so a burst cannot slip past the limit", async () => {
    const server = await startTestServer();
    try {
      await setUpOwner(server, "alex", "alex's long passphrase");
      const answers = await Promise.all(
        Array.from({ length: 12 }, () =>
          server
            .client()
            .post("/api/v1/auth/login", { username: "alex", passphrase: "guess guess guess" }),
        ),
      );
      const statuses = answers.map((a) => a.status);
      assert.equal(statuses.filter((s) => s === 401).length, 6);
      assert.equal(statuses.filter((s) => s === 429).length, 6);
    } finally {
      await server.close();
    }
  });

  test("the request rate limit answers 429 RATE_LIMITED in the error shape", async () => {
    const server = await startTestServer({ rateLimit: { max: 3, timeWindowMs: 60_000 } });
    try {
      const statuses: number[] = [];
      let last: Awaited<ReturnType<ReturnType<typeof server.client>["get"]>> | undefined;
      for (let i = 0; i < 5; i++) {
        last = await server.client().get("/api/v1/session");
        statuses.push(last.status);
      }
      assert.deepEqual(statuses, [200, 200, 200, 429, 429]);
      assert.equal(last?.body.error.code, "RATE_LIMITED");
      assert.ok(Number(last?.headers.get("retry-after")) > 0);
    } finally {
      await server.close();
    }
  });
});
