import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { after, before, describe, test } from "node:test";
import { readZip } from "../../../test/helpers/read-zip.ts";
import { JournalExport } from "../../core/schemas/export.ts";
import { decryptBackup } from "../../store/backup-format.ts";
import { dumpStore } from "../../store/test-store.ts";
import { seedJournal, send } from "../test-journal.ts";
import {
  addAccount,
  CHEAP_COST,
  type Client,
  setUpOwner,
  signIn,
  startTestServer,
  type TestServer,
} from "../test-server.ts";

describe("export, import and backup", () => {
  let server: TestServer;
  let alex: Client;
  let kim: Client;
  let exported: string;
  before(async () => {
    server = await startTestServer({ backupCost: CHEAP_COST });
    alex = await setUpOwner(server);
    await seedJournal(alex);
    await addAccount(server.store, "kim", "kim's long passphrase");
    kim = await signIn(server, "kim", "kim's long passphrase");
    await send(kim, "PATCH", "/api/v1/profile", { timeZone: "Europe/Berlin" });
  });
  after(async () => {
    assert.deepEqual(server.serverErrors, []);
    await server.close();
  });

  test("the JSON export downloads your whole journal, and only yours", async () => {
    const answer = await alex.get("/api/v1/export");
    assert.equal(answer.status, 200);
    assert.match(answer.headers.get("content-type") ?? "", /^application\/json/u);
    assert.equal(
      answer.headers.get("content-disposition"),
      'attachment; filename="titrate-alex-20260322T090000Z.json"',
    );
    const doc = JournalExport.parse(JSON.parse(answer.text));
    assert.equal(doc.user.username, "alex");
    assert.equal(doc.doses.length, 1);
    assert.equal(doc.batches[0]?.reagentTests.length, 1);
    assert.equal(doc.exportedBy, "titrate development");
    assert.ok(!answer.text.includes("scrypt$"), "no passphrase hash");
    exported = answer.text;
    const kims = JSON.parse((await kim.get("/api/v1/export?format=json")).text);
    assert.equal(kims.user.username, "kim");
    assert.equal(kims.doses.length, 0);
  });

  test("the CSV export is one ZIP of CSV files in a folder", async () => {
    const answer = await alex.get("/api/v1/export?format=csv");
    assert.equal(answer.status, 200);
    assert.equal(answer.headers.get("content-type"), "application/zip");
    assert.match(
      answer.headers.get("content-disposition") ?? "",
      /titrate-alex-20260322T090000Z\.zip/u,
    );
    const zip = Buffer.from(
      await (
        await fetch(new URL("/api/v1/export?format=csv", server.url), {
          headers: { cookie: alex.cookie ?? "" },
        })
      ).arrayBuffer(),
    );
    const files = readZip(zip);
    const names = files.map((f) => f.name);
    assert.ok(names.includes("titrate-alex-20260322T090000Z/doses.csv"), names.join(", "));
    const doses = files.find((f) => f.name.endsWith("/doses.csv"))?.text ?? "";
    assert.match(doses, /^id,at,at_local,/u);
    assert.equal(doses.trimEnd().split("\r\n").length, 2, "a header and one dose");
    assert.equal((await alex.get("/api/v1/export?format=xml")).status, 400);
  });

  test("an import's dry run reports and writes nothing; the import adds only what is new", async () => {
    const before = await dumpStore(server.store);
    const dry = await alex.request("POST", "/api/v1/import?dryRun=true", { raw: exported });
    assert.equal(dry.status, 200, dry.text);
    assert.equal(dry.body.dryRun, true);
    assert.equal(dry.body.counts.doses.skipped, 1, "alex has these already");
    assert.equal(await dumpStore(server.store), before);

    // Kim imports a file she was given, with fresh ids: everything is added to her account.
    const fresh = exported.replace(
      /"(usr|med|bat|rgt|pln|pre|dos|sub|chk|sym|bpr|scr|wgt)_([0-9a-z]{12})"/gu,
      (_m, p, id) => `"${p}_${[...id].reverse().join("")}"`,
    );
    const dryKim = await kim.request("POST", "/api/v1/import?dryRun=true&from=titrate", {
      raw: fresh,
    });
    assert.equal(dryKim.body.counts.doses.added, 1);
    assert.equal(await dumpStore(server.store), before);
    const imported = await kim.request("POST", "/api/v1/import", { raw: fresh });
    assert.equal(imported.status, 200, imported.text);
    assert.equal(imported.body.dryRun, false);
    assert.equal(imported.body.username, "kim");
    assert.equal(imported.body.profile, "kept-yours");
    assert.equal((await kim.get("/api/v1/journal")).body.entries.length, 6);
    assert.equal(imported.body.source, "titrate");
    assert.equal(imported.body.summary, null);
    assert.ok(Array.isArray(imported.body.findings));
    const again = await kim.request("POST", "/api/v1/import", { raw: fresh });
    assert.equal(again.body.counts.doses.added, 0);
    assert.equal(again.body.counts.doses.skipped, 1);
  });

  test("a PsychonautWiki Journal export is imported with its summary and the findings it brings", async () => {
    const file = readFileSync(
      new URL("../../../test/fixtures/psychonautwiki/newer.json", import.meta.url),
      "utf8",
    );
    const dry = await kim.request("POST", "/api/v1/import?from=psychonautwiki&dryRun=true", {
      raw: file,
    });
    assert.equal(dry.status, 200, dry.text);
    assert.equal(dry.body.source, "psychonautwiki");
    assert.match(dry.body.summary.format, /PsychonautWiki/u);
    assert.ok(dry.body.summary.substances.length > 0);
    assert.ok(dry.body.findings.length > 0, "the imported history shows something");
  });

  test("a file that cannot be imported changes nothing and says why", async () => {
    const before = await dumpStore(server.store);
    const doc = JSON.parse(exported);
    doc.doses[0].amount = -1;
    const invalid = await kim.request("POST", "/api/v1/import", { raw: JSON.stringify(doc) });
    assert.equal(invalid.status, 400);
    assert.ok(
      invalid.body.error.fields.some((f: { path: string }) => f.path === "doses[0].amount"),
      invalid.text,
    );
    const other = await kim.request("POST", "/api/v1/import", { raw: '{"hello":"world"}' });
    assert.equal(other.status, 400);
    assert.equal(other.body.error.code, "IMPORT_FORMAT_UNKNOWN");
    const empty = await kim.request("POST", "/api/v1/import", { raw: "" });
    assert.equal(empty.status, 400);
    const source = await kim.request("POST", "/api/v1/import?from=nothing", { raw: exported });
    assert.equal(source.status, 400);
    assert.equal(source.body.error.fields[0].path, "from");
    // Alex's own ids belong to alex: kim cannot import them into her account.
    const theirs = await kim.request("POST", "/api/v1/import", { raw: exported });
    assert.equal(theirs.status, 409);
    assert.equal(theirs.body.error.code, "IMPORT_CONFLICT");
    const huge = await kim.request("POST", "/api/v1/import", {
      raw: JSON.stringify({ format: "titrate-journal", padding: "x".repeat(21 * 1024 * 1024) }),
    });
    assert.equal(huge.status, 413);
    assert.equal(await dumpStore(server.store), before);
  });

  test("a backup download holds your account only, encrypted with your passphrase", async () => {
    const answer = await fetch(new URL("/api/v1/backup", server.url), {
      method: "POST",
      headers: {
        cookie: alex.cookie ?? "",
        origin: server.url,
        "content-type": "application/json",
      },
      body: JSON.stringify({ passphrase: "backup passphrase here" }),
    });
    assert.equal(answer.status, 200);
    assert.equal(answer.headers.get("content-type"), "application/octet-stream");
    assert.match(
      answer.headers.get("content-disposition") ?? "",
      /filename="titrate-backup-alex-20260322T090000Z\.tbk"/u,
    );
    const plain = decryptBackup(Buffer.from(await answer.arrayBuffer()), "backup passphrase here");
    const dir = mkdtempSync(join(tmpdir(), "titrate-backup-check-"));
    try {
      writeFileSync(join(dir, "copy.db"), plain);
      const db = new DatabaseSync(join(dir, "copy.db"), { readOnly: true });
      const users = db.prepare("select username from users").all();
      const doses = db.prepare("select count(*) as n from doses").get() as { n: number };
      const others = db
        .prepare("select count(*) as n from profiles where time_zone = 'Europe/Berlin'")
        .get() as { n: number };
      db.close();
      assert.deepEqual(
        users.map((u) => u.username),
        ["alex"],
      );
      assert.equal(doses.n, 1);
      assert.equal(others.n, 0, "nothing of kim's");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const plainBackup = await alex.post("/api/v1/backup");
    assert.equal(plainBackup.status, 200);
    assert.match(plainBackup.headers.get("content-disposition") ?? "", /\.db"$/u);
    const weak = await alex.post("/api/v1/backup", { passphrase: "short" });
    assert.equal(weak.status, 400);
  });
});

describe("POST /api/v1/account/erase", () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    assert.deepEqual(server.serverErrors, []);
    await server.close();
  });

  test("erases the account and everything in it, signs out, and leaves other accounts alone", async () => {
    const alex = await setUpOwner(server);
    await seedJournal(alex);
    await addAccount(server.store, "kim", "kim's long passphrase");
    const kim = await signIn(server, "kim", "kim's long passphrase");
    await seedJournal(kim);
    const kimBefore = (await kim.get("/api/v1/export")).text;
    const token = await send(alex, "POST", "/api/v1/auth/tokens", { name: "script" });
    const script = server.client({ bearer: token.secret });

    const byToken = await script.post("/api/v1/account/erase", { confirm: "erase my data" });
    assert.equal(byToken.status, 403, "an API token cannot erase an account");
    const unconfirmed = await alex.post("/api/v1/account/erase", { confirm: "yes" });
    assert.equal(unconfirmed.status, 400);
    assert.match(unconfirmed.body.error.fields[0].message, /erase my data/u);

    const erased = await alex.post("/api/v1/account/erase", { confirm: "erase my data" });
    assert.equal(erased.status, 200, erased.text);
    assert.equal(erased.body.username, "alex");
    assert.equal(erased.body.removed.users, 1);
    assert.equal(erased.body.removed.doses, 1);
    assert.equal(erased.body.removed.sessions, 1);
    assert.equal(erased.body.removed.api_tokens, 1);
    assert.equal(erased.body.newOwner, "kim");
    assert.ok(erased.body.notes.some((n: string) => /downloaded/u.test(n)));
    assert.equal(alex.cookie, undefined, "the cookie is cleared");
    assert.equal((await alex.get("/api/v1/today")).status, 401);
    assert.equal((await script.get("/api/v1/today")).status, 401);

    const dump = await dumpStore(server.store);
    assert.ok(!dump.includes('"alex"'), "nothing of alex is left");
    const kimAfter = (await kim.get("/api/v1/export")).text;
    assert.equal(
      kimAfter,
      kimBefore.replace('"role": "member"', '"role": "owner"'),
      "kim's journal is as it was; she is the owner now",
    );
    assert.equal((await kim.get("/api/v1/session")).body.user.role, "owner");
  });
});
