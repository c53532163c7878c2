import assert from "node:assert/strict";
import { test } from "node:test";
import { TitrateError } from "../../core/errors.ts";
import { isDatabaseUrl, parseDatabaseUrl } from "./url.ts";

const refused = (pattern: RegExp) => (error: unknown) => {
  assert.ok(error instanceof TitrateError);
  assert.equal(error.code, "CLI_INVALID_OPTION");
  assert.match(error.message, pattern);
  assert.doesNotMatch(error.message, /s3cret/u, "the password is never in a message");
  return true;
};

test("a local URL is taken as it is, and its password never shows", () => {
  const url = parseDatabaseUrl("postgres://titrate:s3cret@localhost:5433/journal");
  assert.equal(url.url, "postgres://titrate:s3cret@localhost:5433/journal");
  assert.equal(url.redacted, "postgres://titrate:***@localhost:5433/journal");
  assert.equal(url.database, "journal");
  assert.equal(parseDatabaseUrl("postgresql:///titrate?host=/run/postgresql").database, "titrate");
  assert.equal(isDatabaseUrl(" postgres://x/y"), true);
  assert.equal(isDatabaseUrl("/home/me/titrate"), false);
});

test("a server on another machine needs a TLS mode named in the URL", () => {
  assert.throws(
    () => parseDatabaseUrl("postgres://titrate:s3cret@db.example.org/titrate"),
    refused(/sslmode=verify-full/u),
  );
  assert.equal(
    parseDatabaseUrl("postgres://titrate:s3cret@db.example.org/titrate?sslmode=verify-full").host,
    "db.example.org",
  );
  // Said outright, unencrypted is allowed: a private network is the operator's call.
  assert.ok(parseDatabaseUrl("postgres://db.internal/titrate?sslmode=disable"));
  assert.throws(
    () => parseDatabaseUrl("postgres://db.example.org/titrate?sslmode=maybe"),
    refused(/not a TLS mode/u),
  );
});

test("refuses what is not a PostgreSQL URL, or names no database", () => {
  assert.throws(() => parseDatabaseUrl("mysql://localhost/titrate"), refused(/--data-dir/u));
  assert.throws(() => parseDatabaseUrl("not a url"), refused(/is not a URL/u));
  assert.throws(
    () => parseDatabaseUrl("postgres://s3cret@localhost"),
    refused(/names no database/u),
  );
  assert.throws(
    () => parseDatabaseUrl("http://localhost/titrate", "to"),
    (error: unknown) => error instanceof TitrateError && error.field === "to",
  );
});
