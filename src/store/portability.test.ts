/**
 * What could differ between SQLite and PostgreSQL and must not: the order of text, ranges
 * of instants, and transactions that check and then write while others do the same (SQLite
 * runs them one at a time; PostgreSQL runs them SERIALIZABLE and retries the loser).
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { Temporal } from "temporal-polyfill";
import { TitrateError } from "../core/errors.ts";
import type { Profile } from "../core/schemas/journal.ts";
import { logCheckIn } from "./journal/log.ts";
import { initJournal } from "./journal/profile.ts";
import { createBatch } from "./journal/supplies.ts";
import { serializationRetries } from "./postgres/transaction.ts";
import { checkIns, insertEvent, listEvents, notes } from "./repos/events.ts";
import { addPreset, listPresets } from "./repos/presets.ts";
import { saveProfile } from "./repos/profile.ts";
import { createUser, listUsers } from "./repos/users.ts";
import type { Store } from "./store.ts";
import { openTestStore, testBackend } from "./test-store.ts";

const now = Temporal.Instant.from("2026-03-22T12:00:00Z");
const profile: Profile = {
  weightKg: 70,
  units: "metric",
  timeZone: "Europe/London",
  conditions: [],
  country: "GB",
  emergencyNumber: null,
  helpline: null,
};
/** UTF-8 byte order, SQLite's BINARY collation. */
const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

describe(`text, instants and concurrent writers (${testBackend})`, () => {
  let store: Store;
  let userId: string;
  before(async () => {
    store = await openTestStore();
    userId = (await initJournal(store, { profile }, now)).user.id;
  });
  after(() => store?.close());

  test("text sorts by bytes: capitals first, punctuation by its code, accents last", async () => {
    const names = ["morning", "Zeta", "ab", "a_b", "a-b", "Évening", "evening", "10 mg", "9 mg"];
    for (const name of names) {
      await addPreset(
        store.db,
        userId,
        {
          name,
          substance: "ketamine",
          amount: 5,
          unit: "mg",
          route: "nasal",
          batchId: null,
          volumeMl: null,
          sprays: null,
        },
        now.toString(),
      );
    }
    const listed = (await listPresets(store.db, userId)).map((p) => p.name);
    assert.deepEqual(listed, [...names].sort(byBytes));
    assert.deepEqual(listed.slice(0, 3), ["10 mg", "9 mg", "Zeta"]);
  });

  test("entries at the same instant keep their id order, and ranges of instants agree", async () => {
    const ids = ["not_b0", "not_B1", "not_a2", "not_a_", "not_a-"];
    for (const [i, id] of ids.entries()) {
      await insertEvent(
        store.db,
        notes,
        userId,
        { id, at: `2026-03-0${1 + (i % 2)}T10:00:00Z`, timeZone: "UTC", text: id },
        { source: "manual", fingerprint: null, createdAt: now.toString() },
      );
    }
    const all = await listEvents(store.db, notes, userId);
    assert.deepEqual(
      all.map((n) => n.id),
      [
        ...ids.filter((_, i) => i % 2 === 0).sort(byBytes),
        ...ids.filter((_, i) => i % 2 === 1).sort(byBytes),
      ],
    );
    const secondDay = await listEvents(store.db, notes, userId, {
      since: "2026-03-02T00:00:00Z",
      until: "2026-03-02T10:00:01Z",
    });
    assert.deepEqual(secondDay.map((n) => n.id).sort(byBytes), ["not_B1", "not_a_"]);
  });

  test("a failed transaction writes nothing", async () => {
    await assert.rejects(
      store.transaction(async (tx) => {
        await insertEvent(
          tx,
          notes,
          userId,
          { id: "not_rolledback", at: "2026-03-03T10:00:00Z", timeZone: "UTC", text: "x" },
          { source: "manual", fingerprint: null, createdAt: now.toString() },
        );
        throw new TitrateError("VALIDATION_FAILED", "something after the write failed");
      }),
      TitrateError,
    );
    const ids = (await listEvents(store.db, notes, userId)).map((n) => n.id);
    assert.ok(!ids.includes("not_rolledback"));
  });

  test("twenty writers checking and adding the same label: one batch, nineteen refusals", async () => {
    // Three rounds: a race that is lost only sometimes is still caught.
    for (const label of ["bottle 1", "bottle 2", "bottle 3"]) {
      const outcomes = await Promise.allSettled(
        Array.from({ length: 20 }, () =>
          createBatch(
            store,
            userId,
            {
              substance: "ketamine",
              label,
              form: "powder",
              concentrationMgPerMl: null,
              mlPerSpray: null,
              purityPercent: null,
            },
            now,
          ),
        ),
      );
      const refused = outcomes.filter((o) => o.status === "rejected");
      assert.equal(outcomes.length - refused.length, 1, label);
      for (const o of refused) {
        assert.ok(o.reason instanceof TitrateError, `${label}: ${String(o.reason)}`);
        assert.equal(o.reason.code, "LABEL_TAKEN");
      }
    }
  });

  test("ten first runs at once make one owner; the others are told a journal exists", async () => {
    const fresh = await openTestStore();
    try {
      const outcomes = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) =>
          initJournal(fresh, { username: `owner${i}`, profile }, now),
        ),
      );
      assert.equal(outcomes.filter((o) => o.status === "fulfilled").length, 1);
      for (const o of outcomes) {
        if (o.status === "rejected") assert.equal(o.reason.code, "ALREADY_INITIALISED");
      }
      assert.equal((await listUsers(fresh.db)).length, 1);
    } finally {
      await fresh.close();
    }
  });

  test("eight accounts writing at once: every write lands, none is refused busy or run twice", async () => {
    const accounts: string[] = [];
    for (let i = 0; i < 8; i++) {
      const user = await createUser(store.db, {
        username: `writer${i}`,
        role: "member",
        createdAt: now.toString(),
      });
      await saveProfile(store.db, user.id, profile, now.toString());
      // Some history, so each write reads a journal, as a real one does.
      for (let day = 1; day <= 5; day++) {
        await logCheckIn(store, user.id, { at: `2026-03-0${day}T20:00:00Z`, mood: 5 }, now);
      }
      accounts.push(user.id);
    }
    const retriesBefore = serializationRetries();
    const outcomes = await Promise.allSettled(
      accounts.flatMap((id) =>
        [10, 11, 12, 13].map((day) =>
          logCheckIn(store, id, { at: `2026-03-${day}T20:00:00Z`, mood: 6 }, now),
        ),
      ),
    );
    const failed = outcomes.filter((o) => o.status === "rejected").map((o) => String(o.reason));
    assert.deepEqual(failed, []);
    for (const id of accounts) {
      assert.equal((await listEvents(store.db, checkIns, id)).length, 9);
    }
    // PostgreSQL: the writer lock runs them one after another, so serializable never has to
    // refuse one (without it, these writers conflicted and were run again).
    assert.equal(serializationRetries() - retriesBefore, 0);
  });

  test("PostgreSQL's test database would sort like a language, so the checks above mean something", {
    skip: testBackend !== "postgres" && "on SQLite, bytes are the only order",
  }, async () => {
    const { rows } = await sql<{ first: string }>`
      select x as first from (values ('Zeta'), ('morning')) as v(x)
      order by x collate "default" limit 1`.execute(store.db);
    assert.equal(rows[0]?.first, "morning", "the database's own collation is not byte order");
  });
});
