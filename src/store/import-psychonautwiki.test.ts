import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { Temporal } from "temporal-polyfill";
import { TitrateError } from "../core/errors.ts";
import type { Profile } from "../core/schemas/journal.ts";
import type { Database } from "./database.ts";
import { getImportSource, importJournal } from "./import.ts";
import type { ImportResult } from "./import-review.ts";
import { initJournal } from "./journal/profile.ts";
import type { Store } from "./store.ts";
import { dumpStore, openTestStore } from "./test-store.ts";

const now = Temporal.Instant.from("2026-03-22T12:00:00Z");
const fixture = (name: string) =>
  readFileSync(new URL(`../../test/fixtures/psychonautwiki/${name}.json`, import.meta.url));

const profile: Profile = {
  weightKg: 70,
  units: "metric",
  timeZone: "Europe/London",
  conditions: [],
  country: "GB",
  emergencyNumber: null,
  helpline: null,
};

interface Journal {
  readonly store: Store;
}

async function journal(timeZone = "Europe/London"): Promise<Journal> {
  const store = await openTestStore();
  await initJournal(store, { profile: { ...profile, timeZone } }, now);
  return { store };
}

async function withJournal(
  work: (j: Journal) => Promise<void>,
  timeZone = "Europe/London",
): Promise<void> {
  const j = await journal(timeZone);
  try {
    await work(j);
  } finally {
    await j.store.close();
  }
}

async function importFile(
  store: Store,
  bytes: Uint8Array,
  options: { dryRun?: boolean } = {},
): Promise<ImportResult> {
  return importJournal(store, {
    source: await getImportSource("psychonautwiki"),
    bytes,
    now,
    dryRun: options.dryRun,
  });
}

const json = (value: unknown) => Buffer.from(JSON.stringify(value));

/** London local time → epoch milliseconds. */
const ms = (local: string) =>
  Temporal.PlainDateTime.from(local).toZonedDateTime("Europe/London").epochMilliseconds;

function ingestion(fields: Record<string, unknown>): Record<string, unknown> {
  return {
    substanceName: "Ketamine",
    time: ms("2025-03-01T20:00"),
    administrationRoute: "INSUFFLATED",
    dose: 7,
    isDoseAnEstimate: false,
    units: "mg",
    notes: null,
    ...fields,
  };
}

function doc(...ingestions: Record<string, unknown>[]): Record<string, unknown> {
  return {
    experiences: [
      {
        title: "",
        text: "",
        creationDate: ms("2025-03-01T19:00"),
        sortDate: ms("2025-03-01T20:00"),
        ingestions,
      },
    ],
    substanceCompanions: [],
    customSubstances: [],
  };
}

/** Every row of one event table, oldest first. */
async function rows<T extends "doses" | "other_substances" | "check_ins" | "notes">(
  store: Store,
  table: T,
): Promise<Database[T][]> {
  // Kysely cannot type a query over a table chosen at run time; T is one of the four above.
  // biome-ignore lint/suspicious/noExplicitAny: see above.
  const db = store.db as any;
  return db.selectFrom(table).selectAll().orderBy("at").orderBy("id").execute();
}

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

const added = (r: ImportResult) => Object.values(r.counts).reduce((sum, c) => sum + c.added, 0);

describe("the newer shape", () => {
  test("catalog substances become doses, with the route mapped and the unit kept", async () => {
    await withJournal(async ({ store }) => {
      const result = await importFile(store, fixture("newer"));
      assert.equal(result.source, "psychonautwiki");
      assert.equal(result.summary?.format, "PsychonautWiki Journal export (newer shape)");
      const doses = (await rows(store, "doses")).map((d) => [
        d.at,
        d.substance,
        d.amount,
        d.unit,
        d.route,
        d.is_estimate,
      ]);
      assert.deepEqual(doses, [
        ["2025-01-04T20:00:00Z", "ketamine", 7, "mg", "insufflated", 0],
        ["2025-01-11T20:00:00Z", "ketamine", 10, "mg", "insufflated", 0],
        ["2025-01-13T21:00:00Z", "ketamine", 40, "mg", "insufflated", 1],
        // One "Half tab" custom unit of 12.5 µg, itself an estimate.
        ["2025-01-20T09:00:00Z", "lsd", 12.5, "µg", "sublingual", 1],
        ["2025-01-25T10:00:00Z", "mushrooms", 0.15, "g", "oral", 1],
        // "2 sprays" is not a mass: a dose of unknown amount, the sprays in its note.
        ["2025-02-01T19:00:00Z", "ketamine", null, "mg", "insufflated", 0],
        // No dose in the file: unknown, never guessed.
        ["2025-02-08T20:00:00Z", "ketamine", null, "mg", "insufflated", 0],
      ]);
      const all = await rows(store, "doses");
      assert.ok(all.every((d) => d.source === "psychonautwiki" && d.time_zone === "Europe/London"));
      assert.ok(all.every((d) => d.fingerprint?.startsWith("pwj:ingestion:")));
      assert.equal(all[2]?.note, "Not weighed, eyeballed\nEstimated, give or take 10 mg.");
      assert.match(all[3]?.note ?? "", /Custom unit "Half tab": 1 tab, 12\.5 µg each/u);
      assert.equal(all[5]?.note, "In PsychonautWiki Journal: 2 sprays.");
      assert.equal(all[6]?.note, "Forgot to weigh it");
    });
  });

  test("everything else becomes an other substance, as written", async () => {
    await withJournal(async ({ store }) => {
      await importFile(store, fixture("newer"));
      const others = (await rows(store, "other_substances")).map((o) => [
        o.name,
        o.amount,
        o.unit,
        o.route,
      ]);
      assert.deepEqual(others, [
        ["Tramadol", 50, "mg", "oral"],
        ["Alcohol", 20, "mL EtOH", "oral"],
        ["Cannabis", 0.05, "g", "smoked"],
        ["Lion's mane", 1000, "mg", "oral"],
        // Ketamine by a route Titrate does not record: kept, never dropped.
        ["Ketamine", 15, "mg", "subcutaneous"],
      ]);
      const alcohol = (await rows(store, "other_substances"))[1];
      assert.equal(
        alcohol?.note,
        "Two glasses of wine over the evening\nThe amount is an estimate.\nStomach: half full.\nTaken until 2025-01-20 22:00.",
      );
    });
  });

  test("someone else's ingestion is not imported as the person's dose, and is counted", async () => {
    await withJournal(async ({ store }) => {
      const result = await importFile(store, fixture("newer"));
      const doses = await rows(store, "doses");
      assert.ok(!doses.some((d) => d.amount === 30), "Sam's 30 mg is not in the journal");
      const ketamine = result.summary?.substances.find((s) => s.name === "Ketamine");
      assert.deepEqual(ketamine, {
        name: "Ketamine",
        catalogId: "ketamine",
        ingestions: 7,
        doses: 5,
        otherSubstances: 1,
        alreadyImported: 0,
        skipped: 1,
        reasons: {
          "someone-else": 1,
          "unit-not-a-mass": 1,
          "no-dose": 1,
          "route-not-in-titrate": 1,
        },
      });
      assert.deepEqual(
        result.summary?.entries.find((e) => e.reason === "someone-else"),
        {
          path: "experiences[2].ingestions[1]",
          substance: "Ketamine",
          outcome: "skipped",
          reason: "someone-else",
          message: "logged for Sam, not for you: not imported as your dose",
        },
      );
    });
  });

  test("experience text and timed notes become notes on their day; ratings keep the Shulgin scale", async () => {
    await withJournal(async ({ store }) => {
      const result = await importFile(store, fixture("newer"));
      const notes = (await rows(store, "notes")).map((n) => [n.at, n.text.split("\n")[0]]);
      assert.deepEqual(notes.slice(0, 4), [
        ["2025-01-04T20:00:00Z", "Ketamine, week 1"],
        ["2025-01-04T20:40:00Z", "Mild floaty feeling, gone by ten past nine."],
        ["2025-01-11T18:00:00Z", "Ketamine, week 2"],
        [
          "2025-01-11T21:30:00Z",
          "Much heavier than last week. Dizzy, lay down. Should not have mixed.",
        ],
      ]);
      const first = (await rows(store, "notes"))[0];
      assert.equal(
        first?.text,
        "Ketamine, week 1\n\nStarted at 0.1 mg/kg as planned. Calm evening, read for an hour.\n\nLocation: Home",
      );
      assert.ok(!(await rows(store, "notes")).some((n) => /51\.5|0\.127/u.test(n.text)));
      assert.ok(
        result.summary?.entries.some(
          (e) => e.path === "experiences[1].timedNotes[1]" && e.reason === "empty",
        ),
      );
      const checkIns = (await rows(store, "check_ins")).map((c) => [c.at, c.shulgin, c.mood]);
      assert.deepEqual(checkIns, [
        ["2025-01-04T21:00:00Z", "+", null],
        ["2025-01-11T21:00:00Z", "++", null],
        ["2025-01-13T22:00:00Z", "+++", null],
        // A rating of the whole experience (no time) is put on the experience's date.
        ["2025-01-25T10:00:00Z", "+", null],
      ]);
      assert.match(
        result.summary?.notImported.join("; ") ?? "",
        /map coordinates of 1 experience.*favourite marks.*substance colours/u,
      );
    });
  });
});

describe("the older shape", () => {
  test("imports doses, other substances and notes; a null dose stays unknown", async () => {
    await withJournal(async ({ store }) => {
      const result = await importFile(store, fixture("older"));
      assert.equal(result.summary?.format, "PsychonautWiki Journal export (older shape)");
      const doses = (await rows(store, "doses")).map((d) => [
        d.substance,
        d.amount,
        d.unit,
        d.route,
        d.is_estimate,
      ]);
      assert.deepEqual(doses, [
        ["ketamine", 12, "mg", "insufflated", 0],
        ["ketamine", 12, "mg", "insufflated", 0],
        ["lsd", 10, "µg", "sublingual", 1],
        ["mushrooms", 0.5, "g", "oral", 0],
        ["ketamine", null, "mg", "insufflated", 0],
      ]);
      const others = (await rows(store, "other_substances")).map((o) => [o.name, o.amount, o.unit]);
      assert.deepEqual(others, [
        ["Alcohol", 20, "mL EtOH"],
        ["Cannabis", 5, "mg (THC)"],
      ]);
      assert.equal((await rows(store, "check_ins")).length, 0);
      // sortDate null (as iOS writes it): the note goes on the first ingestion's time.
      const notes = await rows(store, "notes");
      assert.equal(notes.at(-1)?.at, "2023-03-25T18:00:00Z");
      assert.match(notes.at(-1)?.text ?? "", /^Edible and a bit of K/u);
    });
  });

  test("the safety rules list what they find in the imported past, each with its ruleId", async () => {
    await withJournal(async ({ store }) => {
      const result = await importFile(store, fixture("older"));
      const found = result.findings
        .filter((f) => f.severity !== "info")
        .map((f) => [f.ruleId, f.severity, f.at]);
      assert.deepEqual(found, [
        ["combination", "danger", "2023-03-07T21:00:00Z"],
        ["above-ceiling", "warning", "2023-03-18T10:30:00Z"],
        ["min-interval", "warning", "2023-03-07T21:00:00Z"],
        ["above-start", "caution", "2023-03-18T10:30:00Z"],
        ["above-start", "caution", "2023-03-12T09:00:00Z"],
        ["above-start", "caution", "2023-03-04T20:15:00Z"],
      ]);
      const combination = result.findings[0];
      assert.equal(combination?.active, false);
      assert.match(
        combination?.detail ?? "",
        /Alcohol at 2023-03-07 19:30 \(1 h 30 min before it\)/u,
      );
      // One-off findings of doses years ago are not active now (7 days, or the next dose).
      assert.equal(result.findings.find((f) => f.ruleId === "above-ceiling")?.active, false);
      assert.ok(result.findings.filter((f) => f.ruleId === "above-start").every((f) => !f.active));
    });
  });
});

describe("combinations the rules must see", () => {
  test("tramadol two hours before a ketamine dose gives the combination finding", async () => {
    await withJournal(async ({ store }) => {
      const result = await importFile(
        store,
        json(
          doc(
            ingestion({
              substanceName: "Tramadol",
              time: ms("2025-03-01T18:00"),
              administrationRoute: "ORAL",
              dose: 50,
            }),
            ingestion({ time: ms("2025-03-01T20:00"), dose: 7 }),
          ),
        ),
      );
      const finding = result.findings.find((f) => f.ruleId === "combination");
      assert.ok(finding, JSON.stringify(result.findings));
      assert.equal(finding.severity, "danger");
      assert.equal(finding.title, "Dangerous combination: ketamine with tramadol");
      assert.match(finding.detail, /Tramadol at 2025-03-01 18:00 \(2 h before it\)/u);
    });
  });

  test("the findings are those the import brought, not those the journal already had", async () => {
    await withJournal(async ({ store }) => {
      await importFile(store, fixture("older"));
      const second = await importFile(store, fixture("newer"));
      assert.ok(second.findings.some((f) => f.key.startsWith("combination:")));
      assert.ok(
        !second.findings.some((f) => f.at?.startsWith("2023-")),
        "findings of the first import are not repeated",
      );
    });
  });
});

describe("importing the same file twice", () => {
  test("adds nothing the second time, and the journal is unchanged", async () => {
    await withJournal(async ({ store }) => {
      const first = await importFile(store, fixture("newer"));
      assert.equal(added(first), 7 + 5 + 4 + 10);
      const before = await dumpStore(store);
      const second = await importFile(store, fixture("newer"));
      assert.equal(added(second), 0);
      assert.deepEqual(second.conflicts, []);
      assert.deepEqual(second.findings, []);
      assert.equal(second.counts.doses?.skipped, 7);
      assert.equal(
        second.summary?.substances.reduce((sum, s) => sum + s.alreadyImported, 0),
        12,
      );
      assert.equal(await dumpStore(store), before);
    });
  });

  test("an ingestion edited in the app since is not added again; the journal's version is kept and reported", async () => {
    await withJournal(async ({ store }) => {
      const original = JSON.parse(fixture("newer").toString("utf8"));
      await importFile(store, json(original));
      const edited = structuredClone(original);
      edited.experiences[0].ingestions[0].dose = 8;
      const again = await importFile(store, json(edited));
      assert.equal(added(again), 0);
      assert.equal(again.conflicts.length, 1);
      assert.equal(again.conflicts[0]?.table, "doses");
      assert.deepEqual(again.conflicts[0]?.fields, ["amount"]);
      assert.equal(again.counts.doses?.conflicts, 1);
      const doses = await rows(store, "doses");
      assert.equal(doses[0]?.amount, 7);
    });
  });

  test("two ingestions of one substance at the same time are both imported, flagged, and not doubled on re-import", async () => {
    await withJournal(async ({ store }) => {
      const twice = json(
        doc(
          ingestion({
            substanceName: "Alcohol",
            administrationRoute: "ORAL",
            units: "mL EtOH",
            dose: 14,
          }),
          ingestion({
            substanceName: "Alcohol",
            administrationRoute: "ORAL",
            units: "mL EtOH",
            dose: 14,
          }),
        ),
      );
      const first = await importFile(store, twice);
      assert.equal(first.counts.otherSubstances?.added, 2);
      assert.deepEqual(
        first.summary?.entries.filter((e) => e.reason === "same-time").map((e) => e.path),
        ["experiences[0].ingestions[0]", "experiences[0].ingestions[1]"],
      );
      const second = await importFile(store, twice);
      assert.equal(added(second), 0);
      assert.deepEqual(second.summary?.entries, []);
    });
  });
});

describe("a dry run", () => {
  test("says what the import would do and writes nothing", async () => {
    await withJournal(async ({ store }) => {
      const before = await dumpStore(store);
      const dry = await importFile(store, fixture("newer"), { dryRun: true });
      assert.equal(dry.dryRun, true);
      assert.equal(await dumpStore(store), before);
      const real = await importFile(store, fixture("newer"));
      assert.equal(real.dryRun, false);
      assert.deepEqual(dry.counts, real.counts);
      assert.deepEqual(dry.summary, real.summary);
      // Keys name record ids, which a dry run draws afresh: compare rule, time and title.
      const seen = (r: ImportResult) => r.findings.map((f) => [f.ruleId, f.at, f.title, f.active]);
      assert.deepEqual(seen(dry), seen(real));
    });
  });
});

describe("a malformed file", () => {
  test("names the experience, the ingestion and the field, and changes nothing", async () => {
    await withJournal(async ({ store }) => {
      await importFile(store, fixture("older"));
      const before = await dumpStore(store);
      const bad = JSON.parse(fixture("newer").toString("utf8"));
      bad.experiences[2].ingestions[0].time = "2025-01-13 21:00";
      bad.experiences[3].ingestions[1].administrationRoute = "SNORTED";
      bad.experiences[4].ratings[0].option = "fivePlus";
      const error = await refusal(() => importFile(store, json(bad)), "VALIDATION_FAILED");
      assert.deepEqual(
        error.fields.map((f) => f.path),
        [
          "experiences[2].ingestions[0].time",
          "experiences[3].ingestions[1].administrationRoute",
          "experiences[4].ratings[0].option",
        ],
      );
      assert.match(
        error.message,
        /experiences\[2\]\.ingestions\[0\]\.time: must be a time in milliseconds since 1970/u,
      );
      assert.match(error.message, /nothing was imported/u);
      assert.equal(await dumpStore(store), before);
    });
  });

  test("refuses what is not an export the app writes, naming why", async () => {
    await withJournal(async ({ store }) => {
      const before = await dumpStore(store);
      const cases: [Uint8Array, RegExp][] = [
        [Buffer.from("not json"), /not valid JSON/u],
        [json([1, 2]), /not a JSON object/u],
        [json({ hello: 1 }), /has no "experiences"/u],
        [json({ format: "titrate-journal", version: 1 }), /this is a Titrate export/u],
        [json({ ingestions: [], experiences: [] }), /early PsychonautWiki Journal export/u],
      ];
      for (const [bytes, message] of cases) {
        const error = await refusal(() => importFile(store, bytes), "IMPORT_FORMAT_UNKNOWN");
        assert.match(error.message, message);
      }
      assert.equal(await dumpStore(store), before);
    });
  });

  test("a custom unit the file lacks, a negative dose and an experience without a date are refused", async () => {
    await withJournal(async ({ store }) => {
      const negative = await refusal(
        () => importFile(store, json(doc(ingestion({}), ingestion({ dose: -1 })))),
        "VALIDATION_FAILED",
      );
      assert.deepEqual(
        negative.fields.map((f) => `${f.path}: ${f.message}`),
        ["experiences[0].ingestions[1].dose: must not be negative"],
      );
      const dangling = doc(ingestion({ customUnitId: 4 }));
      (dangling.experiences as Record<string, unknown>[]).push({ title: "Undated", text: "" });
      const error = await refusal(() => importFile(store, json(dangling)), "VALIDATION_FAILED");
      assert.deepEqual(
        error.fields.map((f) => `${f.path}: ${f.message}`),
        [
          "experiences[0].ingestions[0].customUnitId: names custom unit 4, which is not in the file's customUnits",
          "experiences[1].sortDate: is missing, and the experience has no other date (creationDate, an ingestion)",
        ],
      );
      assert.equal((await rows(store, "doses")).length, 0);
    });
  });
  test("an ingestion dated in the future or more than 30 years ago is refused, naming its field", async () => {
    await withJournal(async ({ store }) => {
      const error = await refusal(
        () =>
          importFile(
            store,
            json(
              doc(
                ingestion({}),
                ingestion({ time: Date.UTC(2099, 0, 1, 9) }),
                ingestion({ time: Date.UTC(1990, 2, 1, 9) }),
              ),
            ),
          ),
        "VALIDATION_FAILED",
      );
      assert.deepEqual(
        error.fields.map((f) => `${f.path}: ${f.message}`),
        [
          "experiences[0].ingestions[1].time: 2099-01-01T09:00:00Z is in the future; the journal records what has already happened",
          "experiences[0].ingestions[2].time: 1990-03-01T09:00:00Z is more than 30 years ago; check the year (a typo?)",
        ],
      );
      assert.equal((await rows(store, "doses")).length, 0);
    });
  });
});

describe("mapping", () => {
  test("every route: to Titrate's route, else kept as an other substance with the reason", async () => {
    await withJournal(async ({ store }) => {
      const routes = [
        "ORAL",
        "SUBLINGUAL",
        "BUCCAL",
        "INSUFFLATED",
        "INTRAMUSCULAR",
        "INTRAVENOUS",
        "RECTAL",
        "TRANSDERMAL",
        "SUBCUTANEOUS",
        "SMOKED",
        "INHALED",
      ];
      const result = await importFile(
        store,
        json(
          doc(
            ...routes.map((route, i) =>
              ingestion({ administrationRoute: route, time: ms("2025-03-01T20:00") + i * 60_000 }),
            ),
            ingestion({
              substanceName: "LSD",
              administrationRoute: "insufflated",
              units: "µg",
              dose: 10,
              time: ms("2025-03-02T09:00"),
            }),
          ),
        ),
      );
      const doses = (await rows(store, "doses")).map((d) => d.route);
      assert.deepEqual(doses, [
        "oral",
        "sublingual",
        "sublingual",
        "insufflated",
        "intramuscular",
        "intravenous",
      ]);
      const others = (await rows(store, "other_substances")).map((o) => [o.name, o.route]);
      assert.deepEqual(others, [
        ["Ketamine", "rectal"],
        ["Ketamine", "transdermal"],
        ["Ketamine", "subcutaneous"],
        ["Ketamine", "smoked"],
        ["Ketamine", "inhaled"],
        ["LSD", "insufflated"],
      ]);
      assert.deepEqual(result.summary?.substances.find((s) => s.name === "LSD")?.reasons, {
        "route-not-for-substance": 1,
      });
    });
  });

  test("units: mg, µg (either micro sign), ug, mcg and g are kept; anything else leaves the amount unknown", async () => {
    await withJournal(async ({ store }) => {
      const cases: [string, number | null, string][] = [
        ["mg", 7, "mg"],
        ["µg", 7, "µg"],
        ["μg", 7, "µg"],
        ["ug", 7, "µg"],
        ["mcg", 7, "µg"],
        ["g", 7, "g"],
        ["ml", null, "mg"],
        ["", null, "mg"],
        ["mg (base)", null, "mg"],
      ];
      await importFile(
        store,
        json(
          doc(
            ...cases.map(([units], i) =>
              ingestion({ units, time: ms("2025-03-01T20:00") + i * 60_000 }),
            ),
          ),
        ),
      );
      const doses = (await rows(store, "doses")).map((d) => [d.amount, d.unit]);
      assert.deepEqual(
        doses,
        cases.map(([, amount, unit]) => [amount, unit]),
      );
      const notes = (await rows(store, "doses")).map((d) => d.note);
      assert.deepEqual(notes.slice(6), [
        "In PsychonautWiki Journal: 7 ml.",
        "In PsychonautWiki Journal: 7.",
        "In PsychonautWiki Journal: 7 mg (base).",
      ]);
    });
  });

  test("the names people use find the catalog; look-alikes do not", async () => {
    await withJournal(async ({ store }) => {
      const names = [
        ["Ketamine", "INSUFFLATED", "mg"],
        ["ketamine", "INSUFFLATED", "mg"],
        ["Esketamine", "INSUFFLATED", "mg"],
        ["LSD", "SUBLINGUAL", "µg"],
        ["Psilocybin mushrooms", "ORAL", "g"],
        ["Magic truffles", "ORAL", "g"],
        ["Psilocybin", "ORAL", "mg"],
        ["1P-LSD", "SUBLINGUAL", "µg"],
        ["Psilocin", "ORAL", "mg"],
        ["2F-DCK", "INSUFFLATED", "mg"],
      ];
      await importFile(
        store,
        json(
          doc(
            ...names.map(([substanceName, administrationRoute, units], i) =>
              ingestion({
                substanceName,
                administrationRoute,
                units,
                time: ms("2025-03-01T20:00") + i * 86_400_000,
              }),
            ),
          ),
        ),
      );
      assert.deepEqual(
        (await rows(store, "doses")).map((d) => d.substance),
        ["ketamine", "ketamine", "ketamine", "lsd", "mushrooms", "psilocybin"],
      );
      // Truffles are weighed fresh and prodrugs are not LSD: neither is given a catalog ceiling.
      assert.deepEqual(
        (await rows(store, "other_substances")).map((o) => o.name),
        ["Magic truffles", "1P-LSD", "Psilocin", "2F-DCK"],
      );
    });
  });

  test("Shulgin ratings as the app writes them, and stomach fullness in either spelling", async () => {
    await withJournal(async ({ store }) => {
      const options = [
        "minus",
        "plusMinus",
        "plus",
        "twoPlus",
        "threePlus",
        "fourPlus",
        "PLUS_MINUS",
      ];
      const file = doc(
        ingestion({ administrationRoute: "ORAL", stomachFullness: "QUARTERFULL" }),
        ingestion({
          administrationRoute: "ORAL",
          stomachFullness: "VERY_FULL",
          time: ms("2025-03-08T20:00"),
        }),
      );
      (file.experiences as Record<string, unknown>[])[0] = {
        ...(file.experiences as Record<string, unknown>[])[0],
        ratings: options.map((option, i) => ({
          option,
          time: ms("2025-03-01T21:00") + i * 60_000,
        })),
      };
      await importFile(store, json(file));
      assert.deepEqual(
        (await rows(store, "check_ins")).map((c) => c.shulgin),
        ["-", "±", "+", "++", "+++", "++++", "±"],
      );
      assert.deepEqual(
        (await rows(store, "doses")).map((d) => d.note),
        ["Stomach: quarter full.", "Stomach: very full."],
      );
    });
  });

  test("entries get the profile's time zone; without a profile there is nothing to import into", async () => {
    await withJournal(async ({ store }) => {
      await importFile(store, fixture("older"));
      const zones = new Set(
        [...(await rows(store, "doses")), ...(await rows(store, "notes"))].map((r) => r.time_zone),
      );
      assert.deepEqual([...zones], ["America/New_York"]);
    }, "America/New_York");

    const store = await openTestStore();
    try {
      const error = await refusal(
        () => importFile(store, fixture("older")),
        "STORE_NOT_INITIALISED",
      );
      assert.match(error.message, /names no time zone/u);
    } finally {
      await store.close();
    }
  });

  test("a note too long for a dose becomes a note on the day; the file's other fields are reported", async () => {
    await withJournal(async ({ store }) => {
      const long = "A long night. ".repeat(500);
      const file = { ...doc(ingestion({ notes: long })), preferences: { theme: "dark" } };
      const result = await importFile(store, json(file));
      const dose = (await rows(store, "doses"))[0];
      assert.equal(
        dose?.note,
        "Your note on this entry is in this day's notes (too long for here).",
      );
      const note = (await rows(store, "notes"))[0];
      assert.equal(note?.text, `Note on Ketamine (2025-03-01 20:00):\n${long.trim()}`);
      assert.deepEqual(result.summary?.notImported, ["fields Titrate does not read: preferences"]);
      assert.equal(added(await importFile(store, json(file))), 0);
    });
  });
});
