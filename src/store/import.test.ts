import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Temporal } from "temporal-polyfill";
import { TitrateError } from "../core/errors.ts";
import type { JournalExport } from "../core/schemas/export.ts";
import { writeDemoJournal } from "./demo.ts";
import { buildJournalExport } from "./export.ts";
import { getImportSource, importJournal } from "./import.ts";
import type { ImportReport } from "./import-merge.ts";
import { bracketPath, parseJournalExport } from "./import-titrate.ts";
import { initJournal } from "./journal/profile.ts";
import { findOwner } from "./repos/users.ts";
import type { Store } from "./store.ts";
import { openTestStore } from "./test-store.ts";

const now = Temporal.Instant.from("2026-03-22T12:00:00Z");

/** A new, empty journal (SQLite, or PostgreSQL when the run asks); closing it removes it. */
function freshStore(): Promise<Store> {
  return openTestStore();
}

async function demoExport(seed = 1, days = 30): Promise<JournalExport> {
  const store = await freshStore();
  try {
    await writeDemoJournal(store, { seed, days, endDate: "2026-03-22", now });
    return await exportOwner(store);
  } finally {
    await store.close();
  }
}

async function exportOwner(store: Store): Promise<JournalExport> {
  const owner = await findOwner(store.db);
  assert.ok(owner);
  return buildJournalExport(store, owner.id, { now });
}

async function importDoc(store: Store, doc: unknown, username?: string): Promise<ImportReport> {
  return importJournal(store, {
    source: await getImportSource("titrate"),
    bytes: Buffer.from(JSON.stringify(doc)),
    username,
    now,
  });
}

const clone = <T>(value: T): T => structuredClone(value);
const added = (report: ImportReport) =>
  Object.values(report.counts).reduce((sum, c) => sum + c.added, 0);

async function refusal(work: () => Promise<unknown>, code: string): Promise<TitrateError> {
  try {
    await work();
  } catch (error) {
    assert.ok(error instanceof TitrateError, String(error));
    assert.equal(error.code, code, error.message);
    return error;
  }
  assert.fail(`expected ${code}`);
}

describe("import into an empty journal", () => {
  test("export → import → export gives the same document, account and all", async () => {
    const doc = await demoExport();
    const store = await freshStore();
    try {
      const report = await importDoc(store, doc);
      assert.equal(report.createdAccount, true);
      assert.equal(report.profile, "added");
      assert.deepEqual(await exportOwner(store), doc);
    } finally {
      await store.close();
    }
  });

  test("importing the same file twice adds nothing the second time", async () => {
    const doc = await demoExport();
    const store = await freshStore();
    try {
      await importDoc(store, doc);
      const again = await importDoc(store, doc);
      assert.equal(added(again), 0);
      assert.deepEqual(again.conflicts, []);
      assert.equal(again.profile, "unchanged");
      assert.deepEqual(await exportOwner(store), doc);
    } finally {
      await store.close();
    }
  });
});

describe("import into a journal with entries", () => {
  test("adds what is new, keeps what is there, and keeps the journal's version of a changed record", async () => {
    const doc = await demoExport();
    const store = await freshStore();
    try {
      const firstHalf = clone(doc);
      firstHalf.checkIns = doc.checkIns.slice(0, 10);
      await importDoc(store, firstHalf);

      const later = clone(doc);
      const changed = later.checkIns[0];
      assert.ok(changed);
      changed.mood = changed.mood === 9 ? 8 : 9;
      changed.note = "edited on another device";
      const report = await importDoc(store, later);
      assert.equal(report.counts.checkIns?.added, doc.checkIns.length - 10);
      assert.equal(report.counts.checkIns?.skipped, 9);
      assert.deepEqual(report.conflicts, [
        { table: "checkIns", id: changed.id, fields: ["mood", "note"] },
      ]);
      const after = await exportOwner(store);
      assert.deepEqual(after.checkIns[0], doc.checkIns[0], "the journal's version is kept");
      assert.equal(after.checkIns.length, doc.checkIns.length);
    } finally {
      await store.close();
    }
  });

  test("imports into the owner's account made by init, and renames a batch whose label is taken", async () => {
    const doc = await demoExport();
    const store = await freshStore();
    try {
      const { user } = await initJournal(
        store,
        {
          profile: {
            weightKg: 80,
            units: "metric",
            timeZone: "Europe/Berlin",
            conditions: [],
            country: null,
            emergencyNumber: null,
            helpline: null,
          },
        },
        now,
      );
      await store.db
        .insertInto("batches")
        .values({
          id: "bat_mine00000000",
          user_id: user.id,
          substance: "ketamine",
          label: "spray 1",
          form: "spray",
          concentration_mg_per_ml: 20,
          ml_per_spray: 0.1,
          purity_percent: null,
          created_at: "2026-01-01T00:00:00Z",
          archived_at: null,
        })
        .execute();
      const report = await importDoc(store, doc);
      assert.equal(report.username, "owner");
      assert.equal(report.createdAccount, false);
      assert.equal(report.profile, "kept-yours");
      assert.deepEqual(report.renamed, [
        {
          table: "batches",
          id: doc.batches[0]?.id,
          from: "spray 1",
          to: "spray 1 (imported)",
        },
      ]);
      const after = await exportOwner(store);
      assert.equal(after.user.id, user.id);
      assert.equal(after.profile?.timeZone, "Europe/Berlin");
      assert.equal(after.doses.length, doc.doses.length);
      // A second import is quiet: the renamed batch is recognised as the same one.
      const again = await importDoc(store, doc);
      assert.equal(added(again), 0);
      assert.deepEqual(
        again.conflicts.filter((c) => c.table !== "profile"),
        [],
      );
    } finally {
      await store.close();
    }
  });

  test("an event whose import fingerprint is already there is not added again", async () => {
    const doc = await demoExport(1, 5);
    doc.notes = [
      {
        id: "not_aaaaaaaaaaaa",
        at: "2026-03-20T10:00:00Z",
        timeZone: "Europe/London",
        text: "from another app",
        source: "psychonautwiki",
        fingerprint: "pw:123",
        createdAt: "2026-03-20T10:00:00Z",
      },
    ];
    const store = await freshStore();
    try {
      await importDoc(store, doc);
      const other = clone(doc);
      const note = other.notes[0];
      assert.ok(note);
      note.id = "not_bbbbbbbbbbbb";
      const report = await importDoc(store, other);
      assert.equal(report.counts.notes?.added, 0);
      assert.equal(report.counts.notes?.skipped, 1);
      assert.equal((await exportOwner(store)).notes.length, 1);
    } finally {
      await store.close();
    }
  });

  test("records that belong to another account here refuse the whole import", async () => {
    const doc = await demoExport(1, 5);
    const store = await freshStore();
    try {
      await importDoc(store, doc);
      await store.db
        .insertInto("users")
        .values({
          id: "usr_other0000000",
          username: "alex",
          passphrase_hash: null,
          role: "member",
          created_at: "2026-01-01T00:00:00Z",
        })
        .execute();
      const before = await exportOwner(store);
      const error = await refusal(() => importDoc(store, doc, "alex"), "IMPORT_CONFLICT");
      assert.match(error.message, /another account/u);
      assert.deepEqual(await exportOwner(store), before);
      const alex = await store.db
        .selectFrom("doses")
        .select("id")
        .where("user_id", "=", "usr_other0000000")
        .execute();
      assert.deepEqual(alex, []);
    } finally {
      await store.close();
    }
  });
});

describe("a bad file changes nothing and names the record and field", () => {
  const cases: [string, (doc: JournalExport) => unknown, string, RegExp][] = [
    [
      "a dose amount of zero",
      (d) => {
        (d.doses[3] as { amount: number }).amount = 0;
        return d;
      },
      "VALIDATION_FAILED",
      /^doses\[3\]\.amount: must be more than 0/u,
    ],
    [
      "an unknown field",
      (d) => {
        Object.assign(d.checkIns[2] ?? {}, { colour: "blue" });
        return d;
      },
      "VALIDATION_FAILED",
      /^checkIns\[2\]\.colour: is not a known field/u,
    ],
    [
      "an id used twice",
      (d) => {
        const first = d.doses[0];
        const second = d.doses[1];
        if (first && second) second.id = first.id;
        return d;
      },
      "VALIDATION_FAILED",
      /^doses\[1\]\.id: is used twice in the file \(also doses\[0\]\)/u,
    ],
    [
      "an id of the wrong kind",
      (d) => {
        const dose = d.doses[0];
        if (dose) dose.id = "chk_000000000000";
        return d;
      },
      "VALIDATION_FAILED",
      /^doses\[0\]\.id: must start with "dos_"/u,
    ],
    [
      "a dose dated in the future (2099)",
      (d) => {
        const dose = d.doses[2];
        if (dose) dose.at = "2099-01-01T09:00:00Z";
        return d;
      },
      "VALIDATION_FAILED",
      /^doses\[2\]\.at: 2099-01-01T09:00:00Z is in the future/u,
    ],
    [
      "a check-in dated more than 30 years ago (a typo in the year)",
      (d) => {
        const checkIn = d.checkIns[1];
        if (checkIn) checkIn.at = "1926-03-01T09:00:00Z";
        return d;
      },
      "VALIDATION_FAILED",
      /^checkIns\[1\]\.at: 1926-03-01T09:00:00Z is more than 30 years ago/u,
    ],
    [
      "a dose naming a batch that is nowhere",
      (d) => {
        const dose = d.doses[2];
        if (dose) dose.batchId = "bat_nowhere00000";
        return d;
      },
      "VALIDATION_FAILED",
      /^doses\[2\]\.batchId: names batch bat_nowhere00000, which is neither in the file nor in this journal/u,
    ],
    [
      "a screening whose total does not match its answers",
      (d) => {
        const s = d.screenings[1];
        if (s) s.total += 1;
        return d;
      },
      "VALIDATION_FAILED",
      /^screenings\[1\]\.total:/u,
    ],
    ["not JSON", () => "{ nope", "IMPORT_FORMAT_UNKNOWN", /not valid JSON/u],
    [
      "another format",
      () => ({ experiences: [] }),
      "IMPORT_FORMAT_UNKNOWN",
      /not a Titrate journal export/u,
    ],
    [
      "a newer version",
      (d) => ({ ...d, version: 2 }),
      "IMPORT_FORMAT_UNKNOWN",
      /newer Titrate \(format version 2/u,
    ],
  ];
  for (const [name, spoil, code, message] of cases) {
    test(name, async () => {
      const doc = await demoExport(1, 90);
      const store = await freshStore();
      try {
        await importDoc(store, { ...clone(doc), doses: doc.doses.slice(0, 2) });
        const before = await exportOwner(store);
        const bad = spoil(clone(doc));
        const error = await refusal(
          async () =>
            importJournal(store, {
              source: await getImportSource("titrate"),
              bytes: Buffer.from(typeof bad === "string" ? bad : JSON.stringify(bad)),
              now,
            }),
          code,
        );
        assert.match(error.message, message);
        assert.deepEqual(await exportOwner(store), before);
      } finally {
        await store.close();
      }
    });
  }

  test("every problem is listed, each with its own path", () => {
    const doc = {
      format: "titrate-journal",
      version: 1,
      exportedAt: "2026-03-22T12:00:00Z",
      user: { id: "usr_a", username: "x", role: "owner", createdAt: "nope" },
      profile: null,
      weights: [],
      medications: [],
      batches: [],
      presets: [],
      plans: [],
      doses: [],
      otherSubstances: [],
      checkIns: [],
      symptomReports: [],
      bloodPressures: [{ nonsense: true }],
      screenings: [],
      notes: [],
      findingAcknowledgements: [],
    };
    try {
      parseJournalExport(Buffer.from(JSON.stringify(doc)));
      assert.fail("expected a refusal");
    } catch (error) {
      assert.ok(error instanceof TitrateError);
      const paths = error.fields.map((f) => f.path);
      assert.ok(paths.includes("user.createdAt"), paths.join(", "));
      assert.ok(paths.includes("bloodPressures[0].nonsense"), paths.join(", "));
      assert.ok(paths.includes("bloodPressures[0].systolicMmHg"), paths.join(", "));
      assert.match(error.message, /problems in the file, nothing was imported/u);
    }
  });

  test("a backup given to import says to restore it", () => {
    assert.throws(
      () => parseJournalExport(Buffer.from("SQLite format 3\0........")),
      (e: unknown) =>
        e instanceof TitrateError &&
        e.code === "IMPORT_FORMAT_UNKNOWN" &&
        /restore/u.test(e.message),
    );
  });
});

test("bracketPath writes list positions in brackets", () => {
  assert.equal(bracketPath("doses.3.amount"), "doses[3].amount");
  assert.equal(bracketPath("batches.0.reagentTests.2.at"), "batches[0].reagentTests[2].at");
  assert.equal(bracketPath("user.id"), "user.id");
});

test("an unknown --from source is refused with the known ones", async () => {
  await refusal(() => getImportSource("nope"), "CLI_INVALID_OPTION");
});
