import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { allocateSessions } from "../../core/insights/experiment-design.ts";
import { seededRandom } from "../../core/insights/random.ts";
import { unsealSeed } from "../../store/experiment-seal.ts";
import { saveProfile } from "../../store/repos/profile.ts";
import {
  addAccount,
  type Client,
  START,
  setUpOwner,
  signIn,
  startTestServer,
  type TestServer,
} from "../test-server.ts";

let server: TestServer;
let alex: Client;
let kim: Client;

const profile = {
  weightKg: 70,
  units: "metric" as const,
  timeZone: "Europe/London",
  conditions: [],
  country: "GB",
  emergencyNumber: null,
  helpline: null,
};

before(async () => {
  server = await startTestServer();
  alex = await setUpOwner(server, "alex", "alex's long passphrase");
  const kimUser = await addAccount(server.store, "kim", "kim's long passphrase");
  kim = await signIn(server, "kim", "kim's long passphrase");
  const alexId = (
    await server.store.db
      .selectFrom("users")
      .select("id")
      .where("username", "=", "alex")
      .executeTakeFirstOrThrow()
  ).id;
  await saveProfile(server.store.db, alexId, profile, START.toString());
  await saveProfile(server.store.db, kimUser.id, profile, START.toString());
});
after(async () => {
  const errors = [...server.serverErrors];
  await server.close();
  assert.deepEqual(errors, []);
});

/** What alex's first session day would show, from the sealed row (as only a test may read it). */
async function sealedCodeOf(session: number): Promise<string> {
  const row = await server.store.db
    .selectFrom("experiments")
    .selectAll()
    .orderBy("created_at")
    .executeTakeFirstOrThrow();
  const seed = unsealSeed(row.id, { sealed: row.sealed_allocation, secret: row.seal_secret });
  return allocateSessions(row.sessions, seededRandom(seed))[session - 1] === "A"
    ? row.code_a
    : row.code_b;
}

test("an experiment runs start to report over HTTP, and the order never leaks before unblinding", async () => {
  const started = await alex.post("/api/v1/experiments", {
    substance: "ketamine",
    outcome: "mood",
  });
  assert.equal(started.status, 201);
  const view = started.body;
  assert.equal(view.sessions, 12);
  assert.equal(view.startDate, "2026-03-22");
  assert.equal(view.state, "running");
  assert.equal(view.unblinding, null);

  const today = await alex.get("/api/v1/experiments/current/today");
  assert.equal(today.status, 200);
  assert.equal(today.body.session.number, 1);
  assert.equal(today.body.session.code, await sealedCodeOf(1));
  assert.deepEqual(today.body.nextSession, { number: 2, date: "2026-03-29" });

  // Nothing answered before unblinding names a later session's code.
  const current = await alex.get("/api/v1/experiments/current");
  for (const answer of [current, today]) {
    assert.doesNotMatch(answer.text, /slot|allocation|seed|sealed|secret/iu);
  }
  assert.deepEqual(Object.keys(current.body.schedule[1]), ["number", "date", "guessed"]);

  const guessed = await alex.post("/api/v1/experiments/current/guess", { guess: "active" });
  assert.equal(guessed.status, 200);
  assert.equal(guessed.body.guesses, 1);

  const blinded = await alex.get("/api/v1/experiments/current/report");
  assert.equal(blinded.status, 409);
  assert.equal(blinded.body.error.code, "EXPERIMENT_BLINDED");

  const notOver = await alex.post("/api/v1/experiments/current/unblind", {
    activeCode: view.codes[0],
  });
  assert.equal(notOver.status, 409);
  assert.equal(notOver.body.error.code, "EXPERIMENT_NOT_OVER");

  server.advance({ hours: 8 * 24 });
  const noSession = await alex.post("/api/v1/experiments/current/guess", { guess: "placebo" });
  assert.equal(noSession.status, 422);
  assert.equal(noSession.body.error.code, "EXPERIMENT_NO_SESSION");
  const late = await alex.post("/api/v1/experiments/current/guess", {
    guess: "placebo",
    date: "2026-03-29",
  });
  assert.equal(late.status, 200, "a guess for a past session day");

  const unblinded = await alex.post("/api/v1/experiments/current/unblind", {
    activeCode: view.codes[1],
    early: true,
    reason: "testing",
  });
  assert.equal(unblinded.status, 200);
  assert.equal(unblinded.body.unblinding.early, true);
  assert.equal(unblinded.body.unblinding.activeCode, view.codes[1]);

  const report = await alex.get("/api/v1/experiments/current/report");
  assert.equal(report.status, 200);
  assert.equal(report.body.results.sessions.length, 12);
  assert.equal(report.body.results.sessions[0].code, await sealedCodeOf(1));
  assert.equal(report.body.results.primary.enoughData, false);
  assert.equal(report.body.results.guessing.verdict, "not-enough-guesses");

  const again = await alex.post("/api/v1/experiments/current/unblind", {
    activeCode: view.codes[1],
    early: true,
  });
  assert.equal(again.status, 409);
  assert.equal(again.body.error.code, "EXPERIMENT_UNBLINDED");
});

test("another account has no experiment, and cannot act on alex's", async () => {
  const none = await kim.get("/api/v1/experiments");
  assert.equal(none.status, 200, "asking for the latest experiment is never an error");
  assert.deepEqual(none.body, { current: null });
  for (const path of [
    "/api/v1/experiments/current",
    "/api/v1/experiments/current/today",
    "/api/v1/experiments/current/report",
  ]) {
    const answer = await kim.get(path);
    assert.equal(answer.status, 404, path);
    assert.equal(answer.body.error.code, "EXPERIMENT_NOT_FOUND");
  }
  const guess = await kim.post("/api/v1/experiments/current/guess", { guess: "active" });
  assert.equal(guess.status, 404);
  const mine = await kim.post("/api/v1/experiments", { substance: "lsd", sessions: 16 });
  assert.equal(mine.status, 201);
  assert.equal(mine.body.intervalDays, 3);
  const alexCurrent = (await alex.get("/api/v1/experiments/current")).body;
  assert.notEqual(mine.body.id, alexCurrent.id);
  assert.equal((await kim.get("/api/v1/experiments")).body.current.id, mine.body.id);
  for (const path of ["/api/v1/experiments/current", "/api/v1/experiments/current/today"]) {
    const text = (await kim.get(path)).text;
    for (const secret of [alexCurrent.id, ...alexCurrent.codes]) {
      assert.ok(
        !text.includes(secret) || mine.body.codes.includes(secret),
        `${path} holds ${secret}`,
      );
    }
  }
});

test("bad input names the field; a design Titrate will not run is refused", async () => {
  const tooClose = await alex.post("/api/v1/experiments", {
    substance: "ketamine",
    intervalDays: 2,
  });
  assert.equal(tooClose.status, 422);
  assert.equal(tooClose.body.error.code, "EXPERIMENT_INTERVAL_TOO_SHORT");
  assert.equal(tooClose.body.error.fields[0].path, "intervalDays");
  const badSessions = await alex.post("/api/v1/experiments", {
    substance: "ketamine",
    sessions: 14,
  });
  assert.equal(badSessions.status, 400);
  assert.equal(badSessions.body.error.fields[0].path, "sessions");
  const unknownField = await alex.post("/api/v1/experiments", {
    substance: "ketamine",
    blind: true,
  });
  assert.equal(unknownField.status, 400);
  assert.equal(unknownField.body.error.fields[0].path, "blind");
  const badGuess = await kim.post("/api/v1/experiments/current/guess", { guess: "maybe" });
  assert.equal(badGuess.status, 400);
  assert.equal(badGuess.body.error.fields[0].path, "guess");
  const badCode = await kim.post("/api/v1/experiments/current/unblind", {
    activeCode: "C-123",
    early: true,
  });
  assert.equal(badCode.status, 400);
  assert.equal(badCode.body.error.fields[0].path, "activeCode");
});
