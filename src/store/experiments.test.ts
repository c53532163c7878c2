import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Temporal } from "temporal-polyfill";
import { TitrateError } from "../core/errors.ts";
import { allocateSessions } from "../core/insights/experiment-design.ts";
import { seededRandom } from "../core/insights/random.ts";
import type { Profile } from "../core/schemas/journal.ts";
import { sealSeed, unsealSeed } from "./experiment-seal.ts";
import {
  currentExperiment,
  experimentReport,
  experimentToday,
  recordGuess,
  startExperiment,
  unblindExperiment,
} from "./journal/experiments.ts";
import { initJournal } from "./journal/profile.ts";
import { saveProfile } from "./repos/profile.ts";
import { createUser } from "./repos/users.ts";
import type { Store } from "./store.ts";
import { openTestStore } from "./test-store.ts";

const profile: Profile = {
  weightKg: 70,
  units: "metric",
  timeZone: "Europe/London",
  conditions: [],
  country: "GB",
  emergencyNumber: null,
  helpline: null,
};
// 2026-03-02 is a Monday; London is on UTC until 29 March.
const start = Temporal.Instant.from("2026-03-02T08:00:00Z");
const day = (n: number) => start.add({ hours: 24 * n });

let store: Store;
let owner: string;
let other: string;
before(async () => {
  store = await openTestStore();
  owner = (await initJournal(store, { profile }, start)).user.id;
  other = (
    await createUser(store.db, { username: "kim", role: "member", createdAt: start.toString() })
  ).id;
  await saveProfile(store.db, other, profile, start.toString());
});
after(async () => {
  await store.close();
});

function refusedWith(code: string) {
  return (error: unknown) => error instanceof TitrateError && error.code === code;
}

describe("a blinded experiment from start to report", () => {
  test("starts with two codes and dates only; the allocation is not in the row in plain", async () => {
    const view = await startExperiment(store, owner, { substance: "ketamine" }, start);
    assert.equal(view.sessions, 12);
    assert.equal(view.intervalDays, 7);
    assert.equal(view.startDate, "2026-03-02");
    assert.equal(view.endDate, "2026-05-18");
    assert.equal(view.state, "running");
    assert.equal(view.blockSize, 4);
    assert.match(view.codes[0], /^A-[2-9A-Z]{3}$/u);
    assert.match(view.codes[1], /^B-[2-9A-Z]{3}$/u);
    assert.deepEqual(Object.keys(view.schedule[0] ?? {}), ["number", "date", "guessed"]);
    const row = await store.db.selectFrom("experiments").selectAll().executeTakeFirstOrThrow();
    assert.doesNotMatch(row.sealed_allocation, /seed|\[/u);
    assert.equal(row.active_code, null, "which code is active is not known until unblinding");
  });

  test("a second experiment is refused while the first is blinded", async () => {
    await assert.rejects(
      startExperiment(store, owner, { substance: "ketamine" }, start),
      refusedWith("EXPERIMENT_RUNNING"),
    );
  });

  test("today shows the session's one code, which is the sealed allocation's", async () => {
    const today = await experimentToday(store, owner, start);
    assert.equal(today.date, "2026-03-02");
    assert.equal(today.session?.number, 1);
    const row = await store.db.selectFrom("experiments").selectAll().executeTakeFirstOrThrow();
    const seed = unsealSeed(row.id, { sealed: row.sealed_allocation, secret: row.seal_secret });
    const first = allocateSessions(12, seededRandom(seed))[0];
    assert.equal(today.session?.code, first === "A" ? row.code_a : row.code_b);
    const between = await experimentToday(store, owner, day(3));
    assert.equal(between.session, null);
    assert.deepEqual(between.nextSession, { number: 2, date: "2026-03-09" });
  });

  test("a guess belongs to a session day that has come; a later guess replaces it", async () => {
    await recordGuess(store, owner, { guess: "active" }, start);
    const view = await recordGuess(store, owner, { guess: "placebo" }, start.add({ hours: 2 }));
    assert.equal(view.guesses, 1);
    await assert.rejects(
      recordGuess(store, owner, { guess: "active" }, day(1)),
      refusedWith("EXPERIMENT_NO_SESSION"),
    );
    await assert.rejects(
      recordGuess(store, owner, { guess: "active", date: "2026-03-09" }, day(1)),
      refusedWith("EXPERIMENT_NO_SESSION"),
    );
    assert.equal((await experimentToday(store, owner, start)).session?.guess, "placebo");
  });

  test("the results stay sealed before unblinding", async () => {
    await assert.rejects(experimentReport(store, owner, start), refusedWith("EXPERIMENT_BLINDED"));
  });

  test("unblinding before the end must be asked for as early, and is recorded so", async () => {
    const { codes } = await currentExperiment(store, owner, start);
    await assert.rejects(
      unblindExperiment(store, owner, { activeCode: codes[0] }, day(8)),
      refusedWith("EXPERIMENT_NOT_OVER"),
    );
    await assert.rejects(
      unblindExperiment(
        store,
        owner,
        { activeCode: codes[0] === "A-222" ? "A-333" : "A-222", early: true },
        day(8),
      ),
      refusedWith("EXPERIMENT_CODE_UNKNOWN"),
    );
    const view = await unblindExperiment(
      store,
      owner,
      { activeCode: ` ${codes[1].toLowerCase()} `, early: true, reason: "felt unwell" },
      day(8),
    );
    assert.equal(view.state, "unblinded");
    assert.deepEqual(view.unblinding, {
      at: "2026-03-10T08:00:00Z",
      early: true,
      reason: "felt unwell",
      activeCode: codes[1],
      placeboCode: codes[0],
    });
    await assert.rejects(
      recordGuess(store, owner, { guess: "active", date: "2026-03-09" }, day(8)),
      refusedWith("EXPERIMENT_UNBLINDED"),
    );
    const report = await experimentReport(store, owner, day(8));
    assert.equal(report.results.sessions.length, 12);
    assert.equal(report.results.primary.enoughData, false);
    assert.equal(report.results.guessing.verdict, "not-enough-guesses");
  });

  test("another account sees none of it", async () => {
    await assert.rejects(
      currentExperiment(store, other, start),
      refusedWith("EXPERIMENT_NOT_FOUND"),
    );
    await assert.rejects(experimentToday(store, other, start), refusedWith("EXPERIMENT_NOT_FOUND"));
    const theirs = await startExperiment(
      store,
      other,
      { substance: "psilocybin", sessions: 16 },
      start,
    );
    assert.equal(theirs.intervalDays, 3);
    assert.notEqual((await currentExperiment(store, owner, start)).id, theirs.id);
  });
});

test("ketamine sessions 3 days apart and a start in the past are refused", async () => {
  await assert.rejects(
    startExperiment(store, owner, { substance: "ketamine", intervalDays: 3 }, start),
    refusedWith("EXPERIMENT_INTERVAL_TOO_SHORT"),
  );
  await assert.rejects(
    startExperiment(store, owner, { substance: "ketamine", startDate: "2026-03-01" }, start),
    refusedWith("VALIDATION_FAILED"),
  );
  await assert.rejects(
    startExperiment(store, owner, { substance: "ketamine", sessions: 10 }, start),
    refusedWith("VALIDATION_FAILED"),
  );
});

test("a sealed seed opens only with its secret, for its own experiment, unchanged", () => {
  const sealed = sealSeed("exp_aaaaaaaaaaaa", [1, 2, 3, 4]);
  assert.deepEqual(unsealSeed("exp_aaaaaaaaaaaa", sealed), [1, 2, 3, 4]);
  assert.throws(() => unsealSeed("exp_bbbbbbbbbbbb", sealed));
  const bytes = Buffer.from(sealed.sealed, "base64");
  bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
  assert.throws(() =>
    unsealSeed("exp_aaaaaaaaaaaa", { ...sealed, sealed: bytes.toString("base64") }),
  );
});
