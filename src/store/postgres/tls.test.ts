/**
 * TLS to the database, as docs/deploy.md prescribes it: `sslmode=verify-full` with the CA in
 * `sslrootcert` connects encrypted; a certificate the client cannot verify is refused. Runs
 * when the test server speaks TLS (scripts/with-postgres.sh gives it a certificate for
 * localhost and its file in TITRATE_TEST_DATABASE_CA).
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { TitrateError } from "../../core/errors.ts";
import { openStore } from "../store.ts";
import { createPostgresDatabase, databaseUrlFor, dropPostgresDatabase } from "../test-store.ts";

const ca = process.env.TITRATE_TEST_DATABASE_CA || undefined;
const canRun = ca !== undefined && Boolean(process.env.TITRATE_TEST_DATABASE_URL);

describe(
  "TLS to the database",
  canRun ? {} : { skip: "needs a test server with TLS (TITRATE_TEST_DATABASE_CA)" },
  () => {
    let name: string;
    let url: URL;
    before(async () => {
      name = await createPostgresDatabase();
      url = new URL(databaseUrlFor(name));
      url.hostname = "localhost";
    });
    after(async () => {
      if (name) await dropPostgresDatabase(name);
    });

    test("verify-full with the server's CA connects, and the connection is encrypted", async () => {
      const tls = new URL(url);
      tls.searchParams.set("sslmode", "verify-full");
      tls.searchParams.set("sslrootcert", ca as string);
      const store = await openStore({ databaseUrl: tls.href, poolSize: 1 });
      try {
        const { rows } = await sql<{ ssl: boolean; version: string }>`
          select ssl, version from pg_stat_ssl where pid = pg_backend_pid()`.execute(store.db);
        assert.equal(rows[0]?.ssl, true);
        assert.match(rows[0]?.version ?? "", /^TLSv1\.[23]$/u);
      } finally {
        await store.close();
      }
    });

    test("a certificate the client cannot verify is refused: STORE_UNREACHABLE", async () => {
      const unverified = new URL(url);
      unverified.searchParams.set("sslmode", "verify-full");
      await assert.rejects(openStore({ databaseUrl: unverified.href, poolSize: 1 }), (error) => {
        assert.ok(error instanceof TitrateError);
        assert.equal(error.code, "STORE_UNREACHABLE");
        assert.match(error.message, /certificate/u);
        return true;
      });
    });
  },
);
