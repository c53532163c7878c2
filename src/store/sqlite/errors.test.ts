import assert from "node:assert/strict";
import { test } from "node:test";
import { TitrateError } from "../../core/errors.ts";
import { storeErrorOf } from "./errors.ts";

function codeOf(error: unknown): string | undefined {
  const translated = storeErrorOf(error, "the data directory /data");
  return translated instanceof TitrateError ? translated.code : undefined;
}

test("a read-only folder or a full disk, from SQLite or the file system, is STORE_NOT_WRITABLE", () => {
  for (const code of ["EACCES", "EPERM", "EROFS", "ENOSPC", "EDQUOT"]) {
    assert.equal(codeOf(Object.assign(new Error(code), { code })), "STORE_NOT_WRITABLE", code);
  }
  for (const errcode of [8, 13, 14, 8 | (1 << 8)]) {
    const error = Object.assign(new Error("x"), { code: "ERR_SQLITE_ERROR", errcode });
    assert.equal(codeOf(error), "STORE_NOT_WRITABLE", String(errcode));
  }
  const full = storeErrorOf(Object.assign(new Error("x"), { code: "ENOSPC" }), "the journal");
  assert.match((full as Error).message, /disk holding the journal is full/u);
});

test("busy and locked are STORE_BUSY; anything else is passed on as it is", () => {
  for (const errcode of [5, 6, 5 | (2 << 8)]) {
    const error = Object.assign(new Error("database is locked"), {
      code: "ERR_SQLITE_ERROR",
      errcode,
    });
    assert.equal(codeOf(error), "STORE_BUSY");
  }
  const constraint = Object.assign(new Error("UNIQUE"), { code: "ERR_SQLITE_ERROR", errcode: 19 });
  assert.equal(storeErrorOf(constraint), constraint);
  const own = new TitrateError("STORE_DAMAGED", "x");
  assert.equal(storeErrorOf(own), own);
});
