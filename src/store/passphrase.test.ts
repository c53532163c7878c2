import assert from "node:assert/strict";
import { test } from "node:test";
import {
  hashPassphrase,
  passphraseHint,
  passphraseProblem,
  verifyPassphrase,
} from "./passphrase.ts";

const cheap = { log2N: 10, r: 8, p: 1 };

test("a hashed passphrase verifies, and a wrong one does not", async () => {
  const stored = await hashPassphrase("correct horse battery staple", cheap);
  assert.match(stored, /^scrypt\$10\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
  assert.equal(await verifyPassphrase("correct horse battery staple", stored), true);
  assert.equal(await verifyPassphrase("correct horse battery stapl", stored), false);
});

test("the same passphrase hashes differently each time (random salt)", async () => {
  assert.notEqual(
    await hashPassphrase("same passphrase", cheap),
    await hashPassphrase("same passphrase", cheap),
  );
});

test("a malformed stored hash never verifies", async () => {
  assert.equal(await verifyPassphrase("x", "plain"), false);
  assert.equal(await verifyPassphrase("x", "scrypt$a$b$c$d$e"), false);
});

test("the default cost is 2^17, r 8, p 1", async () => {
  const { DEFAULT_PASSPHRASE_COST } = await import("./passphrase.ts");
  assert.deepEqual(DEFAULT_PASSPHRASE_COST, { log2N: 17, r: 8, p: 1 });
});

test("passphrases under 10 characters are refused, with a hint on strength", () => {
  assert.match(passphraseProblem("short") ?? "", /at least 10 characters/);
  assert.equal(passphraseProblem("ten chars!"), null);
  assert.match(passphraseHint("ten chars!"), /^weak/);
  assert.match(passphraseHint("four random words here"), /^strong/);
});
