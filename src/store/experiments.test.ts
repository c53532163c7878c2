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
import { logDose, logSymptoms } from "./journal/log.ts";
import { createStoredPlan, planStatuses } from "./journal/plans.ts";
import { initJournal } from "./journal/profile.ts";
import { latestExperiment } from "./repos/experiments.ts";
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

describe("an experiment meets the safety rules and the plans", () => {
  let journal: Store;
  let person: string;
  before(async () => {
    journal = await openTestStore();
    person = (await initJournal(journal, { profile }, day(-30))).user.id;
  });
  after(async () => {
    await journal.close();
  });

  test("refused while a danger finding for the substance is active, saying why", async () => {
    await logSymptoms(journal, person, { checklist: "bladder", symptoms: ["painful"] }, day(-2));
    await assert.rejects(
      startExperiment(journal, person, { substance: "ketamine" }, start),
      (error: unknown) =>
        refusedWith("EXPERIMENT_ADVISED_AGAINST")(error) &&
        error instanceof TitrateError &&
        /against taking ketamine: "Bladder warning signs.*Stop taking ketamine and see a doctor/u.test(
          error.message,
        ),
    );
    assert.equal(await latestExperiment(journal.db, person), undefined, "nothing was started");
    await logSymptoms(journal, person, { checklist: "bladder", symptoms: [] }, day(-1));
  });

  test("an active plan of the substance is named at start, to be ended", async () => {
    const { plan } = await createStoredPlan(
      journal,
      person,
      {
        substance: "ketamine",
        protocol: { kind: "every-n-days", intervalDays: 7 },
        cycle: null,
        startDate: "2026-02-20",
        localTime: "09:00",
        timeZone: "Europe/London",
        end: { kind: "count", count: 12 },
        acceptRisk: false,
      },
      day(-10),
    );
    // A plan dose two days before the first session.
    await logDose(
      journal,
      person,
      { substance: "ketamine", measured: { kind: "amount", amount: 7, unit: "mg" }, at: day(-2) },
      start,
    );
    const started = await startExperiment(journal, person, { substance: "ketamine" }, start);
    assert.equal(started.warnings.length, 2, started.warnings.join("\n"));
    assert.match(
      started.warnings[0] ?? "",
      new RegExp(
        `^Your plan ${plan.id} \\(ketamine, every 7 days\\) is still active.*titrate plan end ${plan.id}`,
        "u",
      ),
    );
    assert.match(
      started.warnings[1] ?? "",
      /^Your last ketamine dose was 2026-02-28 08:00.*not before 2026-03-05 08:00/u,
    );
  });

  test("today's session two days after a plan's dose says to skip it", async () => {
    const today = await experimentToday(journal, person, start);
    assert.equal(today.session?.number, 1);
    assert.match(
      today.tooSoon?.message ?? "",
      /needs at least 5 days between doses \(FACTS K-DOSE-2, K-TOL-1\)\. Do not take this session's dose today \(not before 2026-03-05 08:00\): skip the session/u,
    );
  });

  test("a session's dose, once logged, pushes the plan's next dose", async () => {
    await logDose(
      journal,
      person,
      { substance: "ketamine", measured: { kind: "amount", amount: 7, unit: "mg" }, at: day(7) },
      day(7),
    );
    const [status] = await planStatuses(journal, person, day(7).add({ hours: 1 }));
    assert.equal(status?.next?.lastDoseAt, "2026-03-09T08:00:00Z");
    assert.ok((status?.next?.at ?? "") >= "2026-03-14T08:00:00Z", status?.next?.at);
    const session2 = await experimentToday(journal, person, day(7).add({ hours: 1 }));
    assert.equal(
      session2.tooSoon,
      null,
      "the session's own dose, today, does not count against it",
    );
  });
});
