/**
 * Study mode over HTTP: a coordinator makes a study and codes; one person joins as a new
 * account, another with the account they have; they log entries; the coordinator reads the
 * dashboard and the export; the consent changes; one participant withdraws.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { testBackend } from "../../store/test-store.ts";
import { send } from "../test-journal.ts";
import {
  addAccount,
  type Client,
  setUpOwner,
  signIn,
  startTestServer,
  type TestServer,
} from "../test-server.ts";
import { CONSENT, joinWith, type SeededStudy, seedStudy } from "../test-study.ts";

const NEW_PASSPHRASE = "plum orchard candle river";

describe(`study mode over HTTP (${testBackend})`, () => {
  let server: TestServer;
  let lee: Client;
  let ana: Client;
  let ben: Client;
  let study: SeededStudy;

  before(async () => {
    server = await startTestServer();
    lee = await setUpOwner(server, "lee");
    study = await seedStudy(lee);
    await addAccount(server.store, "ben", "ben's long passphrase");
    ben = await signIn(server, "ben", "ben's long passphrase");
    await send(ben, "PATCH", "/api/v1/profile", { timeZone: "Europe/Paris", weightKg: 64 });
  });
  after(async () => {
    assert.deepEqual(server.serverErrors, []);
    await server.close();
  });

  test("the coordinator sees the study with its consent version 1 and its codes", async () => {
    const view = (await lee.get(`/api/v1/studies/${study.studyId}`)).body;
    assert.equal(view.title, "Microdosing and mood");
    assert.equal(view.consent.version, 1);
    assert.equal(view.invitations.unused, 3);
    assert.equal(view.state, "running");
    const list = (await lee.get("/api/v1/studies")).body.studies;
    assert.deepEqual(
      list.map((s: { id: string }) => s.id),
      [study.studyId],
    );
    const invitations = (await lee.get(`/api/v1/studies/${study.studyId}/invitations`)).body
      .invitations;
    assert.equal(invitations.length, 3);
    assert.ok(
      invitations.every((i: { code?: string }) => i.code === undefined),
      "codes once",
    );
  });

  test("anyone with a code reads the study and its consent before joining; a wrong code is refused", async () => {
    const anonymous = server.client();
    const preview = await anonymous.post("/api/v1/participation/preview", {
      code: study.codes[0],
    });
    assert.equal(preview.status, 200, preview.text);
    assert.equal(preview.body.consent.text, CONSENT.text);
    assert.equal(preview.body.shares.length, 3);
    const wrong = await anonymous.post("/api/v1/participation/preview", {
      code: "AAAA-BBBB-CCCC",
    });
    assert.equal(wrong.status, 422);
    assert.equal(wrong.body.error.code, "STUDY_INVITATION_INVALID");
  });

  test("a new person joins as a new account, signed in at once, with the consent recorded", async () => {
    ana = server.client();
    const joined = await ana.post("/api/v1/participation/join-new", {
      code: study.codes[0],
      consentVersion: 1,
      username: "Ana",
      passphrase: NEW_PASSPHRASE,
      timeZone: "Europe/London",
    });
    assert.equal(joined.status, 201, joined.text);
    assert.equal(joined.body.user.username, "ana");
    assert.equal(joined.body.participation.consent.version, 1);
    assert.equal(joined.body.participation.consent.acceptedAt, "2026-03-22T09:00:00Z");
    const session = (await ana.get("/api/v1/session")).body;
    assert.equal(session.user.username, "ana");
    // The code is used up: joining again with it, as anyone, is refused.
    const again = await server.client().post("/api/v1/participation/join-new", {
      code: study.codes[0],
      consentVersion: 1,
      username: "eve",
      passphrase: NEW_PASSPHRASE,
    });
    assert.equal(again.status, 422);
    assert.equal(
      (
        await server
          .client()
          .post("/api/v1/auth/login", { username: "eve", passphrase: NEW_PASSPHRASE })
      ).status,
      401,
      "no account was made",
    );
    await send(ana, "PATCH", "/api/v1/profile", { timeZone: "Europe/London", weightKg: 70 });
  });

  test("an existing account joins with its own code; the coordinator cannot join their own study", async () => {
    const own = await lee.post("/api/v1/participation/join", {
      code: study.codes[1],
      consentVersion: 1,
    });
    assert.equal(own.status, 422);
    assert.equal(own.body.error.code, "STUDY_OWN_STUDY");
    const outdated = await ben.post("/api/v1/participation/join", {
      code: study.codes[1],
      consentVersion: 2,
    });
    assert.equal(outdated.body.error.code, "STUDY_CONSENT_OUTDATED");
    // A time zone that is not one is refused by name, even though ben's profile has one.
    const zone = await ben.post("/api/v1/participation/join", {
      code: study.codes[1],
      consentVersion: 1,
      timeZone: "Mars/Olympus_Mons",
    });
    assert.equal(zone.status, 400, zone.text);
    assert.equal(zone.body.error.fields[0]?.path, "timeZone");
    assert.equal((await ben.get("/api/v1/participation")).body.current, null, "not joined");
    await joinWith(ben, study.codes[1] ?? "");
    const mine = (await ben.get("/api/v1/participation")).body.current;
    assert.equal(mine.status, "active");
    assert.equal(mine.firstDay, "2026-03-22");
    assert.deepEqual(mine.questionnaires, [
      { instrument: "phq9", everyDays: 14, lastDay: null, due: true },
    ]);
  });

  test("before anyone joins the design may change freely; after, only narrow", async () => {
    const fresh = await seedStudy(lee, {}, 1);
    const url = `/api/v1/studies/${fresh.studyId}`;
    const wider = {
      checkInItems: ["mood", "anxiety", "sleep"],
      endDate: "2026-06-30",
    };
    const early = await send(lee, "PATCH", url, wider);
    assert.deepEqual(early.checkInItems, ["mood", "anxiety", "sleep"], "nobody has joined yet");
    await send(lee, "PATCH", url, { checkInItems: ["mood", "anxiety"], endDate: "2026-05-31" });

    const cam = server.client();
    await cam.post("/api/v1/participation/join-new", {
      code: fresh.codes[0],
      consentVersion: 1,
      username: "cam",
      passphrase: "cam's long enough passphrase",
      timeZone: "Europe/London",
    });
    const before = (await lee.get(url)).body;
    for (const [body, field] of [
      [{ checkInItems: ["mood", "anxiety", "sleep"] }, "checkInItems"],
      [{ questionnaires: [{ instrument: "gad7", everyDays: 14 }] }, "questionnaires"],
      [{ endDate: "2026-06-30" }, "endDate"],
      [{ startDate: "2026-03-01" }, "startDate"],
    ] as const) {
      const refused = await lee.request("PATCH", url, { json: body });
      assert.equal(refused.status, 409, JSON.stringify(body));
      assert.equal(refused.body.error.code, "STUDY_DESIGN_WIDENS");
      assert.equal(refused.body.error.fields[0].path, field);
      assert.match(refused.body.error.message, /start a new study/u);
    }
    assert.deepEqual((await lee.get(url)).body, before, "a refused change changes nothing");
    const narrower = await send(lee, "PATCH", url, {
      checkInItems: ["mood"],
      endDate: "2026-05-15",
      title: "Renamed",
    });
    assert.deepEqual(narrower.checkInItems, ["mood"]);
    assert.equal(narrower.endDate, "2026-05-15");
  });

  test("a participant starts the study's protocol as their own plan", async () => {
    const plan = await send(ben, "POST", "/api/v1/participation/plan", {
      startDate: "2026-03-23",
      localTime: "09:00",
    });
    assert.equal(plan.plan.substance, "ketamine");
    assert.deepEqual(plan.plan.target, { amount: 5, unit: "mg" });
    assert.equal(plan.plan.timeZone, "Europe/Paris");
    assert.deepEqual(plan.plan.end, { kind: "until", date: "2026-05-31" });
  });

  test("the dashboard and the export are pseudonymous and hold only consented fields", async () => {
    await send(ana, "POST", "/api/v1/check-ins", {
      mood: 6,
      anxiety: 3,
      focus: 8,
      note: "slept at my sister's",
    });
    await send(ben, "POST", "/api/v1/check-ins", { mood: 8, anxiety: 2 });
    await send(ben, "POST", "/api/v1/screenings", {
      instrument: "phq9",
      answers: [0, 1, 0, 0, 0, 1, 0, 0, 0],
    });
    const dashboard = await lee.get(`/api/v1/studies/${study.studyId}/dashboard`);
    assert.equal(dashboard.status, 200, dashboard.text);
    assert.equal(dashboard.body.participants.active, 2);
    assert.deepEqual(dashboard.body.weeks[0].items.mood, { n: 2, mean: 7, sd: 1.41 });
    assert.equal(dashboard.body.questionnaires[0].weeks[0].total.mean, 2);
    const checkIns = await lee.get(`/api/v1/studies/${study.studyId}/export?table=check_ins`);
    assert.equal(checkIns.status, 200);
    assert.match(checkIns.headers.get("content-type") ?? "", /^text\/csv/u);
    assert.match(
      checkIns.headers.get("content-disposition") ?? "",
      /attachment; filename="titrate-study-microdosing-and-mood-check_ins\.csv"/u,
    );
    const lines = checkIns.text.trim().split("\r\n");
    assert.equal(lines[0], "participant,day,time,mood,anxiety");
    assert.equal(lines.length, 3);
    const json = await lee.get(
      `/api/v1/studies/${study.studyId}/export?table=participants&format=json`,
    );
    assert.equal(json.body.length, 2);
    const codebook = await lee.get(`/api/v1/studies/${study.studyId}/codebook`);
    assert.equal(codebook.body.format, "titrate-study-codebook");
    const everything = [dashboard.text, checkIns.text, json.text, codebook.text].join("\n");
    for (const secret of ["ana", "ben", "sister", "Europe/Paris", "2026-03-22"]) {
      assert.ok(!everything.includes(secret), `the coordinator sees ${secret}`);
    }
    const notCollected = await lee.get(`/api/v1/studies/${study.studyId}/export?table=notes`);
    assert.equal(notCollected.status, 404);
    assert.equal(notCollected.body.error.code, "STUDY_TABLE_NOT_COLLECTED");
  });

  test("a new consent version is offered to participants, who accept it or not", async () => {
    const published = await send(lee, "POST", `/api/v1/studies/${study.studyId}/consent`, {
      ...CONSENT,
      text: `${CONSENT.text} Now your notes too.`,
      collects: [...CONSENT.collects, "notes"],
    });
    assert.equal(published.consent.version, 2);
    const offered = (await ana.get("/api/v1/participation")).body.current;
    assert.equal(offered.consent.version, 1);
    assert.equal(offered.newerConsent.version, 2);
    let notes = await lee.get(`/api/v1/studies/${study.studyId}/export?table=check_ins`);
    assert.ok(!notes.text.includes("sister"));
    const accepted = await send(
      ana,
      "POST",
      "/api/v1/participation/consent",
      { consentVersion: 2 },
      200,
    );
    assert.equal(accepted.consent.version, 2);
    notes = await lee.get(`/api/v1/studies/${study.studyId}/export?table=check_ins`);
    assert.ok(notes.text.includes("slept at my sister's"), "accepted: notes are shared");
  });

  test("withdrawing says what happened to the data, as the consent said", async () => {
    const refused = await ben.post("/api/v1/participation/withdraw", { confirm: "yes" });
    assert.equal(refused.status, 400);
    const left = await send(
      ben,
      "POST",
      "/api/v1/participation/withdraw",
      { confirm: "withdraw" },
      200,
    );
    assert.equal(left.status, "withdrawn");
    assert.deepEqual(left.withdrawal, {
      at: "2026-03-22T09:00:00Z",
      choice: "keep",
      deleted: null,
    });
    const again = await ben.post("/api/v1/participation/withdraw", { confirm: "withdraw" });
    assert.equal(again.body.error.code, "STUDY_WITHDRAWN");
    const view = (await lee.get(`/api/v1/studies/${study.studyId}`)).body;
    assert.equal(view.participants.withdrawnKept, 1);
    const nobody = server.client();
    await addAccount(server.store, "cy", "cy's long passphrase");
    const cy = await signIn(server, "cy", "cy's long passphrase");
    assert.deepEqual((await cy.get("/api/v1/participation")).body, { current: null });
    const notJoined = await cy.post("/api/v1/participation/withdraw", { confirm: "withdraw" });
    assert.equal(notJoined.status, 404);
    assert.equal(notJoined.body.error.code, "STUDY_NOT_JOINED");
    assert.equal((await nobody.get("/api/v1/participation")).status, 401);
  });

  test("wrong codes are limited per address, like failed sign-ins", async () => {
    const guesser = server.client();
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      statuses.push(
        (await guesser.post("/api/v1/participation/preview", { code: `ZZZZ-ZZZZ-ZZ${i}0` })).status,
      );
    }
    assert.ok(statuses.includes(429), statuses.join());
  });
});
