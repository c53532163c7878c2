import assert from "node:assert/strict";
import { test } from "node:test";
import { TitrateError } from "../core/errors.ts";
import { backupKind, decryptBackup, encryptBackup } from "./backup-format.ts";

const cheap = { log2N: 10, r: 8, p: 1 }; // tests only: the default costs half a second
const plain = Buffer.concat([Buffer.from("SQLite format 3\0", "binary"), Buffer.alloc(4080, 7)]);

function unreadable(fn: () => unknown): boolean {
  assert.throws(fn, (e: unknown) => e instanceof TitrateError && e.code === "BACKUP_UNREADABLE");
  return true;
}

test("an encrypted backup decrypts with its passphrase to the same bytes", () => {
  const file = encryptBackup(plain, "correct horse battery staple", cheap);
  assert.equal(backupKind(file), "encrypted");
  assert.equal(backupKind(plain), "sqlite");
  assert.ok(!file.includes(plain.subarray(16, 64)), "the body is not in the clear");
  assert.deepEqual(decryptBackup(file, "correct horse battery staple"), plain);
});

test("a wrong passphrase is refused", () => {
  const file = encryptBackup(plain, "right", cheap);
  unreadable(() => decryptBackup(file, "wrong"));
});

test("changing any byte, header or body, is refused", () => {
  const file = encryptBackup(plain, "pass", cheap);
  for (const index of [16, 18, 22, 40, 60, 100, file.length - 1]) {
    const tampered = Buffer.from(file);
    tampered[index] = (tampered[index] ?? 0) ^ 1;
    unreadable(() => decryptBackup(tampered, "pass"));
  }
});

test("an unknown format version and a file that is not a backup are refused", () => {
  const file = encryptBackup(plain, "pass", cheap);
  file[15] = 9;
  unreadable(() => decryptBackup(file, "pass"));
  unreadable(() => decryptBackup(Buffer.from("hello"), "pass"));
  assert.equal(backupKind(Buffer.from("hello")), "unknown");
});

test("each encryption uses a new salt and nonce", () => {
  assert.notDeepEqual(encryptBackup(plain, "p", cheap), encryptBackup(plain, "p", cheap));
});
