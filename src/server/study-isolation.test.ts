/**
 * Study mode's isolation, route by route, across accounts and across studies: lee coordinates
 * study A, mia study B; ana takes part in A, bo in B. No coordinator reaches another's study;
 * a participant reaches no study's coordinator side, not even their own study's, and sees
 * nobody else's data; a coordinator's dashboard and export hold only their own participants,
 * only what each consent covers, and nothing of a participant who withdrew with deletion.
 * Every study and participation route must have its cases here.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { dumpStore } from "../store/test-store.ts";
import { send } from "./test-journal.ts";
import {
  addAccount,
  type Client,
  setUpOwner,
  signIn,
  startTestServer,
  type TestServer,
} from "./test-server.ts";
import { CONSENT, joinWith, type SeededStudy, seedStudy } from "./test-study.ts";

const PASS = "a long enough passphrase";

type Who = "lee" | "mia" | "ana" | "bo";
interface Attempt {
  readonly as: Who;
  readonly path: string;
  readonly body?: unknown;
  /** Refused with this status, nothing changed; or `own`: allowed, and it leaks nothing. */
  readonly expect: number | "own";
}

describe("study isolation: every study route, across accounts and studies", () => {
  let server: TestServer;
  const clients = {} as Record<Who, Client>;
  let a: SeededStudy;
  let b: SeededStudy;

  before(async () => {
    server = await startTestServer();
    clients.lee = await setUpOwner(server, "lee", PASS);
    for (const name of ["mia", "ana", "bo"] as const) {
      await addAccount(server.store, name, PASS);
      clients[name] = await signIn(server, name, PASS);
      await send(clients[name], "PATCH", "/api/v1/profile", {
        timeZone: "Europe/London",
        weightKg: 70,
      });
    }
    a = await seedStudy(clients.lee, {
      title: "Study A",
      consent: { ...CONSENT, onWithdrawal: "delete" },
    });
    b = await seedStudy(clients.mia, {
      title: "Study B",
      protocol: {
        substance: "lsd",
        target: { amount: 8, unit: "µg" },
        protocol: { kind: "fadiman" },
        cycle: null,
      },
      consent: { ...CONSENT, collects: [...CONSENT.collects, "notes"] },
    });
    await joinWith(clients.ana, a.codes[0] ?? "");
    await joinWith(clients.bo, b.codes[0] ?? "");
    await send(clients.ana, "POST", "/api/v1/check-ins", { mood: 3, anxiety: 7, note: "ana-note" });
    await send(clients.bo, "POST", "/api/v1/check-ins", { mood: 9, anxiety: 1, note: "bo-note" });
  });
  after(async () => {
    assert.deepEqual(server.serverErrors, []);
    await server.close();
  });

  function attempts(): Record<string, readonly Attempt[]> {
    const A = `/api/v1/studies/${a.studyId}`;
    const B = `/api/v1/studies/${b.studyId}`;
    /** Both coordinators on the other's study, and both participants on their own study. */
    const coordinatorOnly = (suffix: string, body?: unknown): Attempt[] => [
      { as: "mia", path: `${A}${suffix}`, body, expect: 404 },
      { as: "lee", path: `${B}${suffix}`, body, expect: 404 },
      { as: "ana", path: `${A}${suffix}`, body, expect: 404 },
      { as: "bo", path: `${B}${suffix}`, body, expect: 404 },
    ];
    const newConsent = {
      ...CONSENT,
      text: "A new consent that shares everything you write, with exact dates.",
      collects: ["notes"],
      dates: "exact",
    };
    return {
      "POST /api/v1/studies": [
        {
          as: "ana",
          path: "/api/v1/studies",
          body: { ...STUDY_OF("ana's own"), consent: CONSENT },
          expect: "own",
        },
      ],
      "GET /api/v1/studies": [
        { as: "mia", path: "/api/v1/studies", expect: "own" },
        { as: "ana", path: "/api/v1/studies", expect: "own" },
      ],
      "GET /api/v1/studies/:id": coordinatorOnly(""),
      "PATCH /api/v1/studies/:id": coordinatorOnly("", { endDate: "2026-12-31" }),
      "POST /api/v1/studies/:id/consent": coordinatorOnly("/consent", newConsent),
      "POST /api/v1/studies/:id/invitations": coordinatorOnly("/invitations", { count: 2 }),
      "GET /api/v1/studies/:id/invitations": coordinatorOnly("/invitations"),
      "POST /api/v1/study-invitations/:id/revoke": [
        { as: "mia", path: `/api/v1/study-invitations/${a.invitationIds[1]}/revoke`, expect: 404 },
        { as: "ana", path: `/api/v1/study-invitations/${a.invitationIds[1]}/revoke`, expect: 404 },
        { as: "lee", path: `/api/v1/study-invitations/${b.invitationIds[1]}/revoke`, expect: 404 },
      ],
      "GET /api/v1/studies/:id/dashboard": coordinatorOnly("/dashboard"),
      "GET /api/v1/studies/:id/export": [
        ...coordinatorOnly("/export?table=participants"),
        ...coordinatorOnly("/export?table=check_ins&format=json"),
      ],
      "GET /api/v1/studies/:id/codebook": coordinatorOnly("/codebook?format=csv"),
      "POST /api/v1/participation/preview": [
        {
          as: "ana",
          path: "/api/v1/participation/preview",
          body: { code: b.codes[1] },
          expect: "own",
        },
      ],
      "POST /api/v1/participation/join": [
        // ana is in A: a code of B is refused (one study at a time), and changes nothing.
        {
          as: "ana",
          path: "/api/v1/participation/join",
          body: { code: b.codes[1], consentVersion: 1 },
          expect: 409,
        },
        // A coordinator cannot take part in their own study.
        {
          as: "lee",
          path: "/api/v1/participation/join",
          body: { code: a.codes[1], consentVersion: 1 },
          expect: 422,
        },
      ],
      // Checked on its own below: it makes an account.
      "POST /api/v1/participation/join-new": [],
      "GET /api/v1/participation": [
        { as: "ana", path: "/api/v1/participation", expect: "own" },
        { as: "lee", path: "/api/v1/participation", expect: "own" },
      ],
      "POST /api/v1/participation/consent": [
        // B has a version 2 (published below); ana's study A has not.
        {
          as: "ana",
          path: "/api/v1/participation/consent",
          body: { consentVersion: 2 },
          expect: 409,
        },
        {
          as: "lee",
          path: "/api/v1/participation/consent",
          body: { consentVersion: 1 },
          expect: 404,
        },
      ],
      "POST /api/v1/participation/plan": [
        {
          as: "ana",
          path: "/api/v1/participation/plan",
          body: { startDate: "2026-03-23", localTime: "09:00" },
          expect: "own",
        },
        {
          as: "mia",
          path: "/api/v1/participation/plan",
          body: { startDate: "2026-03-23", localTime: "09:00" },
          expect: 404,
        },
      ],
      // Checked on its own below: it ends ana's part in A.
      "POST /api/v1/participation/withdraw": [
        {
          as: "lee",
          path: "/api/v1/participation/withdraw",
          body: { confirm: "withdraw" },
          expect: 404,
        },
      ],
    };
  }

  test("every study route has its cases, and each is refused or leaks nothing", async () => {
    await send(clients.mia, "POST", `/api/v1/studies/${b.studyId}/consent`, {
      ...CONSENT,
      text: `${CONSENT.text} Version 2.`,
    });
    const table = attempts();
    const declared = server.app.declaredRoutes
      .filter((r) => r.tags.includes("studies") || r.tags.includes("participation"))
      .map((r) => `${r.method} ${r.url}`);
    assert.deepEqual(
      declared.filter((key) => !(key in table)),
      [],
      "every study route has its isolation cases",
    );
    const secretsOf = (who: Who): string[] => {
      const all: Record<Who, string[]> = {
        lee: [a.studyId, ...a.invitationIds, "Study A", '"lee"'],
        mia: [b.studyId, ...b.invitationIds, "Study B", '"mia"'],
        ana: ["ana-note", '"ana"'],
        bo: ["bo-note", '"bo"'],
      };
      // What each may legitimately see: their own, and (participants) their own study's design.
      const allowed: Record<Who, Who[]> = {
        lee: ["lee"],
        mia: ["mia"],
        ana: ["ana"],
        bo: ["bo"],
      };
      const own = new Set(allowed[who].flatMap((w) => all[w]));
      const inStudy =
        who === "ana" ? [a.studyId, "Study A"] : who === "bo" ? [b.studyId, "Study B"] : [];
      return (Object.keys(all) as Who[])
        .flatMap((w) => all[w])
        .filter((s) => !own.has(s) && !inStudy.includes(s));
    };
    let checked = 0;
    for (const key of declared) {
      const method = key.split(" ")[0] as string;
      for (const attempt of table[key] ?? []) {
        const before = await dumpStore(server.store);
        const answer = await clients[attempt.as].request(
          method,
          attempt.path,
          attempt.body === undefined ? {} : { json: attempt.body },
        );
        const where = `${attempt.as} ${method} ${attempt.path}: ${answer.status} ${answer.text.slice(0, 300)}`;
        if (attempt.expect === "own") {
          assert.ok(answer.status >= 200 && answer.status < 300, where);
          // A preview shows B's study to whoever holds its code: that is what a code is for.
          const secrets = secretsOf(attempt.as).filter(
            (s) => !(key.endsWith("/preview") && (s === "Study B" || s === b.studyId)),
          );
          for (const secret of secrets) {
            assert.ok(!answer.text.includes(secret), `${where} holds ${secret}`);
          }
        } else {
          assert.equal(answer.status, attempt.expect, where);
          assert.equal(await dumpStore(server.store), before, `${where}: nothing changes`);
        }
        checked++;
      }
    }
    assert.ok(checked >= 40, `${checked} cases`);
  });

  test("a new account made by joining is in that study only", async () => {
    const carl = server.client();
    const joined = await carl.post("/api/v1/participation/join-new", {
      code: a.codes[2],
      consentVersion: 1,
      username: "carl",
      passphrase: PASS,
    });
    assert.equal(joined.status, 201, joined.text);
    assert.equal(joined.body.participation.study.title, "Study A");
    for (const secret of ["ana-note", "bo-note", "Study B", '"ana"', '"bo"']) {
      assert.ok(!joined.text.includes(secret), secret);
    }
    assert.equal((await carl.get(`/api/v1/studies/${a.studyId}`)).status, 404);
  });

  test("each coordinator's dashboard and export hold their own participants, as consented", async () => {
    const texts = async (who: Who, study: SeededStudy) => {
      const base = `/api/v1/studies/${study.studyId}`;
      return [
        (await clients[who].get(`${base}/dashboard`)).text,
        (await clients[who].get(`${base}/export?table=participants`)).text,
        (await clients[who].get(`${base}/export?table=check_ins`)).text,
        (await clients[who].get(`${base}/export?table=check_ins&format=json`)).text,
      ].join("\n");
    };
    const seenByLee = await texts("lee", a);
    const seenByMia = await texts("mia", b);
    assert.ok(seenByLee.includes(",3,7"), "lee sees ana's ratings");
    assert.ok(!seenByLee.includes(",9,1"), "lee never sees bo's");
    assert.ok(!seenByLee.includes("ana-note"), "A's consent does not cover notes");
    assert.ok(seenByMia.includes("bo-note"), "B's consent covers notes");
    assert.ok(!seenByMia.includes(",3,7") && !seenByMia.includes("ana-note"));
    for (const name of ['"ana"', '"bo"', "ana,", "bo,"]) {
      assert.ok(!seenByLee.includes(name) && !seenByMia.includes(name), name);
    }
  });

  test("withdrawing touches only the participant's own study and data", async () => {
    const miaBefore = (await clients.mia.get(`/api/v1/studies/${b.studyId}/export?table=check_ins`))
      .text;
    const boBefore = (await clients.bo.get("/api/v1/export")).text;
    const lines = (await clients.lee.get(`/api/v1/studies/${a.studyId}/export?table=participants`))
      .text;
    const left = await send(
      clients.ana,
      "POST",
      "/api/v1/participation/withdraw",
      { confirm: "withdraw" },
      200,
    );
    assert.equal(left.withdrawal.choice, "delete");
    assert.deepEqual(left.withdrawal.deleted, { check_ins: 1 });
    const after = (await clients.lee.get(`/api/v1/studies/${a.studyId}/export?table=participants`))
      .text;
    const pseudonyms = lines
      .trim()
      .split("\r\n")
      .slice(1)
      .map((l) => l.split(",")[0] ?? "");
    assert.equal(pseudonyms.length, 2, "ana and carl");
    const gone = pseudonyms.filter((p) => !after.includes(p));
    assert.equal(gone.length, 1, "ana's pseudonym is gone from the export");
    const dashboard = (await clients.lee.get(`/api/v1/studies/${a.studyId}/dashboard`)).body;
    assert.equal(dashboard.participants.withdrawnDeleted, 1);
    assert.ok(!JSON.stringify(dashboard).includes(gone[0] ?? "?"));
    assert.equal(
      (await clients.mia.get(`/api/v1/studies/${b.studyId}/export?table=check_ins`)).text,
      miaBefore,
    );
    assert.equal((await clients.bo.get("/api/v1/export")).text, boBefore);
    assert.equal((await clients.bo.get("/api/v1/participation")).body.current.status, "active");
  });
});

function STUDY_OF(title: string) {
  return {
    title,
    description: "",
    protocol: null,
    questionnaires: [],
    checkInItems: ["mood"],
    startDate: "2026-03-01",
    endDate: "2026-06-30",
    timeZone: "Europe/London",
  };
}
