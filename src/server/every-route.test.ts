/**
 * For every route the server declares: without a session or token it answers 401 before it
 * reads the body, and one account never reads or changes another's data. Every declared
 * route must have a case here, so a new route cannot skip these checks.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { readZip } from "../../test/helpers/read-zip.ts";
import { dumpStore } from "../store/test-store.ts";
import { KETAMINE_PLAN, type SeededJournal, seedJournal, send } from "./test-journal.ts";
import {
  addAccount,
  CHEAP_COST,
  type Client,
  setUpOwner,
  signIn,
  startTestServer,
  type TestServer,
} from "./test-server.ts";
import { type SeededStudy, seedStudy } from "./test-study.ts";

const KIM = "kim's long passphrase";

/** A well-formed id for each path's `:id`, so the request reaches authentication as is. */
const sampleIds: Record<string, string> = {
  "/api/v1/auth/sessions/:id": "ses_0123456789ab",
  "/api/v1/auth/tokens/:id": "tok_0123456789ab",
  "/api/v1/medications/:id/end": "med_0123456789ab",
  "/api/v1/batches/:id/tests": "bat_0123456789ab",
  "/api/v1/presets/:id": "pre_0123456789ab",
  "/api/v1/entries/:id": "dos_0123456789ab",
  "/api/v1/study-invitations/:id/revoke": "inv_0123456789ab",
};
const sampleId = (url: string) =>
  sampleIds[url] ?? (url.startsWith("/api/v1/studies/") ? "stu_0123456789ab" : "pln_0123456789ab");

/**
 * How kim uses a route against alex's journal: `foreign` names one of alex's records and must
 * be refused with `status`, changing nothing; `own` acts on kim's account and must answer
 * nothing of alex's and leave alex's journal as it was.
 */
type Case =
  | {
      readonly kind: "foreign";
      readonly path: string;
      readonly body?: unknown;
      readonly status: number;
    }
  | { readonly kind: "own"; readonly path: string; readonly body?: unknown; readonly as?: "kim2" };

function cases(
  a: SeededJournal,
  study: SeededStudy,
  alexExport: string,
  alexSession: string,
  alexToken: string,
) {
  const studyPath = `/api/v1/studies/${study.studyId}`;
  const entries = [
    a.doseId,
    a.otherId,
    a.checkInId,
    a.symptomReportId,
    a.bloodPressureId,
    a.screeningId,
  ];
  const own = (path: string, body?: unknown): Case => ({ kind: "own", path, body });
  const foreign = (path: string, status: number, body?: unknown): Case => ({
    kind: "foreign",
    path,
    status,
    body,
  });
  const table: Record<string, readonly Case[]> = {
    "GET /api/v1/auth/sessions": [own("/api/v1/auth/sessions")],
    "DELETE /api/v1/auth/sessions/:id": [foreign(`/api/v1/auth/sessions/${alexSession}`, 404)],
    "GET /api/v1/auth/tokens": [own("/api/v1/auth/tokens")],
    "POST /api/v1/auth/tokens": [own("/api/v1/auth/tokens", { name: "kim's script" })],
    "DELETE /api/v1/auth/tokens/:id": [foreign(`/api/v1/auth/tokens/${alexToken}`, 404)],
    "POST /api/v1/auth/passphrase": [
      own("/api/v1/auth/passphrase", { currentPassphrase: KIM, newPassphrase: KIM }),
    ],
    "POST /api/v1/auth/logout": [{ kind: "own", path: "/api/v1/auth/logout", as: "kim2" }],
    "GET /api/v1/today": [own("/api/v1/today")],
    "GET /api/v1/profile": [own("/api/v1/profile")],
    "PATCH /api/v1/profile": [own("/api/v1/profile", { weightKg: 65 })],
    "GET /api/v1/profile/weights": [own("/api/v1/profile/weights")],
    "GET /api/v1/medications": [own("/api/v1/medications")],
    "POST /api/v1/medications": [own("/api/v1/medications", { name: "lithium" })],
    "POST /api/v1/medications/:id/end": [foreign(`/api/v1/medications/${a.medicationId}/end`, 404)],
    "GET /api/v1/batches": [own("/api/v1/batches")],
    "POST /api/v1/batches": [
      own("/api/v1/batches", { substance: "lsd", label: "kim's tabs", form: "blotter" }),
    ],
    "POST /api/v1/batches/:id/tests": [
      foreign(`/api/v1/batches/${a.batchId}/tests`, 404, { reagent: "mandelin", result: "orange" }),
    ],
    "GET /api/v1/presets": [own("/api/v1/presets")],
    "POST /api/v1/presets": [
      foreign("/api/v1/presets", 404, {
        name: "borrowed",
        measured: { kind: "sprays", sprays: 1 },
        batch: a.batchId,
      }),
    ],
    "DELETE /api/v1/presets/:id": [foreign(`/api/v1/presets/${a.presetId}`, 404)],
    "POST /api/v1/plans/preview": [own("/api/v1/plans/preview", KETAMINE_PLAN)],
    // kim's journal already has a ketamine plan, and one active plan per substance is allowed.
    "POST /api/v1/plans": [
      own("/api/v1/plans", {
        ...KETAMINE_PLAN,
        substance: "lsd",
        target: { amount: 8, unit: "µg" },
        protocol: { kind: "fadiman" },
      }),
    ],
    "GET /api/v1/plans": [own("/api/v1/plans")],
    "GET /api/v1/plans/:id/calendar": [foreign(`/api/v1/plans/${a.planId}/calendar`, 404)],
    "GET /api/v1/plans/:id/ics": [foreign(`/api/v1/plans/${a.planId}/ics`, 404)],
    "POST /api/v1/plans/:id/end": [foreign(`/api/v1/plans/${a.planId}/end`, 404)],
    "POST /api/v1/plans/:id/move-zone": [
      foreign(`/api/v1/plans/${a.planId}/move-zone`, 404, { timeZone: "Asia/Tokyo" }),
    ],
    "POST /api/v1/doses": [
      foreign("/api/v1/doses", 404, { preset: a.presetId }),
      foreign("/api/v1/doses", 404, { batch: a.batchId, measured: { kind: "sprays", sprays: 1 } }),
    ],
    "POST /api/v1/doses/check": [
      foreign("/api/v1/doses/check", 404, { preset: a.presetId }),
      foreign("/api/v1/doses/check", 404, {
        batch: a.batchId,
        measured: { kind: "sprays", sprays: 1 },
      }),
    ],
    "POST /api/v1/other-substances": [own("/api/v1/other-substances", { name: "tea" })],
    "POST /api/v1/check-ins": [own("/api/v1/check-ins", { mood: 5 })],
    "POST /api/v1/symptom-reports": [
      own("/api/v1/symptom-reports", { checklist: "bladder", symptoms: [] }),
    ],
    "POST /api/v1/blood-pressures": [
      own("/api/v1/blood-pressures", { systolicMmHg: 120, diastolicMmHg: 80 }),
    ],
    "POST /api/v1/screenings": [own("/api/v1/screenings", { instrument: "gad2", answers: [0, 1] })],
    "GET /api/v1/journal": [own("/api/v1/journal")],
    "GET /api/v1/entries/:id": entries.map((id) => foreign(`/api/v1/entries/${id}`, 404)),
    "PATCH /api/v1/entries/:id": entries.map((id) =>
      foreign(`/api/v1/entries/${id}`, 404, { at: "2026-03-22T08:00:00Z" }),
    ),
    "DELETE /api/v1/entries/:id": entries.map((id) => foreign(`/api/v1/entries/${id}`, 404)),
    "GET /api/v1/findings": [own("/api/v1/findings?history=true")],
    "POST /api/v1/findings/acknowledge": [
      foreign("/api/v1/findings/acknowledge", 404, { key: a.findingKey }),
    ],
    "GET /api/v1/insights": [own("/api/v1/insights")],
    "GET /api/v1/report": [own("/api/v1/report")],
    "POST /api/v1/experiments": [own("/api/v1/experiments", { substance: "ketamine" })],
    "GET /api/v1/experiments": [own("/api/v1/experiments")],
    "GET /api/v1/experiments/current": [own("/api/v1/experiments/current")],
    "GET /api/v1/experiments/current/today": [own("/api/v1/experiments/current/today")],
    "POST /api/v1/experiments/current/guess": [
      own("/api/v1/experiments/current/guess", { guess: "active" }),
    ],
    // kim's own experiment has just begun: unblinding without `early` and its results are refused.
    "POST /api/v1/experiments/current/unblind": [
      foreign("/api/v1/experiments/current/unblind", 409, { activeCode: "A-222" }),
    ],
    "GET /api/v1/experiments/current/report": [foreign("/api/v1/experiments/current/report", 409)],
    "GET /api/v1/export": [own("/api/v1/export"), own("/api/v1/export?format=csv")],
    "POST /api/v1/import": [foreign("/api/v1/import", 409, JSON.parse(alexExport))],
    "POST /api/v1/backup": [own("/api/v1/backup")],
    "GET /api/v1/catalog": [own("/api/v1/catalog")],
    // Study mode: alex coordinates a study; kim is not in it (study-isolation.test.ts tries
    // coordinators and participants across studies).
    "POST /api/v1/studies": [
      own("/api/v1/studies", {
        title: "kim's study",
        description: "",
        protocol: null,
        questionnaires: [],
        checkInItems: ["mood"],
        startDate: "2026-03-01",
        endDate: "2026-06-30",
        timeZone: "Europe/Berlin",
        consent: {
          text: "You share your check-in ratings; they are kept if you withdraw.",
          collects: ["checkIns"],
          onWithdrawal: "keep",
          dates: "shifted",
        },
      }),
    ],
    "GET /api/v1/studies": [own("/api/v1/studies")],
    "GET /api/v1/studies/:id": [foreign(studyPath, 404)],
    "PATCH /api/v1/studies/:id": [foreign(studyPath, 404, { title: "taken over" })],
    "POST /api/v1/studies/:id/consent": [
      foreign(`${studyPath}/consent`, 404, {
        text: "Everything you write is shared with the whole world.",
        collects: ["notes"],
        onWithdrawal: "keep",
        dates: "exact",
      }),
    ],
    "POST /api/v1/studies/:id/invitations": [
      foreign(`${studyPath}/invitations`, 404, { count: 1 }),
    ],
    "GET /api/v1/studies/:id/invitations": [foreign(`${studyPath}/invitations`, 404)],
    "POST /api/v1/study-invitations/:id/revoke": [
      foreign(`/api/v1/study-invitations/${study.invitationIds[0]}/revoke`, 404),
    ],
    "GET /api/v1/studies/:id/dashboard": [foreign(`${studyPath}/dashboard`, 404)],
    "GET /api/v1/studies/:id/export": [
      foreign(`${studyPath}/export?table=participants`, 404),
      foreign(`${studyPath}/export?table=check_ins&format=json`, 404),
    ],
    "GET /api/v1/studies/:id/codebook": [foreign(`${studyPath}/codebook`, 404)],
    "POST /api/v1/participation/join": [
      foreign("/api/v1/participation/join", 422, {
        code: "AAAA-BBBB-CCCC",
        consentVersion: 1,
      }),
    ],
    "GET /api/v1/participation": [own("/api/v1/participation")],
    "POST /api/v1/participation/consent": [
      foreign("/api/v1/participation/consent", 404, { consentVersion: 1 }),
    ],
    "POST /api/v1/participation/plan": [
      foreign("/api/v1/participation/plan", 404, { startDate: "2026-03-23", localTime: "09:00" }),
    ],
    "POST /api/v1/participation/withdraw": [
      foreign("/api/v1/participation/withdraw", 404, { confirm: "withdraw" }),
    ],
    // Erasing is checked on its own below: it ends kim's account.
    "POST /api/v1/account/erase": [],
  };
  return table;
}

describe("every route", () => {
  let server: TestServer;
  let alex: Client;
  let kim: Client;
  let a: SeededJournal;
  let k: SeededJournal;
  let study: SeededStudy;
  before(async () => {
    server = await startTestServer({ backupCost: CHEAP_COST });
    alex = await setUpOwner(server);
    a = await seedJournal(alex);
    study = await seedStudy(alex);
    await addAccount(server.store, "kim", KIM);
    kim = await signIn(server, "kim", KIM);
    k = await seedJournal(kim, "Europe/Berlin");
  });
  after(async () => {
    assert.deepEqual(server.serverErrors, []);
    assert.deepEqual(server.undocumentedErrors, []);
    await server.close();
  });

  test("answers 401 without a session or token, before reading the body", async () => {
    const routes = server.app.declaredRoutes.filter((r) => r.access !== "public");
    assert.deepEqual(
      server.app.declaredRoutes.filter((r) => r.access === "public").map((r) => r.url),
      [
        "/api/v1/session",
        "/api/v1/setup",
        "/api/v1/auth/login",
        "/api/v1/participation/preview",
        "/api/v1/participation/join-new",
      ],
    );
    const anonymous = server.client();
    for (const route of routes) {
      const path = route.url.replace(":id", sampleId(route.url));
      const bodies =
        route.method === "GET"
          ? [undefined]
          : ['{"broken": ', JSON.stringify({ x: "y".repeat(200_000) })];
      for (const raw of bodies) {
        const answer = await anonymous.request(
          route.method,
          path,
          raw === undefined ? {} : { raw },
        );
        assert.equal(answer.status, 401, `${route.method} ${path}: ${answer.text.slice(0, 200)}`);
        assert.equal(answer.body.error.code, "UNAUTHENTICATED");
      }
    }
  });

  test("one account never reads or changes another's data", async () => {
    const alexExport = (await alex.get("/api/v1/export")).text;
    const alexSessions = await alex.get("/api/v1/auth/sessions");
    const alexToken = (await send(alex, "POST", "/api/v1/auth/tokens", { name: "alex's" })).token
      .id;
    const alexState = async () =>
      [
        (await alex.get("/api/v1/export")).text,
        (await alex.get("/api/v1/auth/tokens")).text,
        (await alex.get(`/api/v1/studies/${study.studyId}`)).text,
        (await alex.get(`/api/v1/studies/${study.studyId}/invitations`)).text,
      ].join();
    const alexBefore = await alexState();
    const table = cases(a, study, alexExport, alexSessions.body.sessions[0].id, alexToken);
    const secrets = [
      ...Object.values(a),
      study.studyId,
      ...study.invitationIds,
      ...study.codes,
      alexSessions.body.sessions[0].id,
      alexToken,
      '"alex"',
    ];

    const declared = server.app.declaredRoutes
      .filter((r) => r.access !== "public")
      .map((r) => `${r.method} ${r.url}`);
    assert.deepEqual(
      declared.filter((key) => !(key in table)),
      [],
      "every route has its isolation case",
    );
    const kim2 = await signIn(server, "kim", KIM);
    let checked = 0;
    for (const key of declared) {
      const method = key.split(" ")[0] as string;
      for (const c of table[key] ?? []) {
        const client = c.kind === "own" && c.as === "kim2" ? kim2 : kim;
        const dump = await dumpStore(server.store);
        const answer = await client.request(
          method,
          c.path,
          c.body === undefined ? {} : { json: c.body },
        );
        const where = `${method} ${c.path}: ${answer.status} ${answer.text.slice(0, 300)}`;
        if (c.kind === "foreign") {
          assert.equal(answer.status, c.status, where);
          assert.equal(await dumpStore(server.store), dump, `${where}: nothing changes`);
        } else {
          assert.ok(answer.status >= 200 && answer.status < 300, where);
          // A ZIP's files are deflated: read them, or a leak inside would pass unseen.
          const zipped = answer.headers.get("content-type") === "application/zip";
          const seen = zipped
            ? readZip(answer.bytes)
                .map((f) => `${f.name}\n${f.text}`)
                .join("\n")
            : answer.text;
          if (zipped) assert.ok(seen.includes(k.doseId), `${where}: kim's own dose is in it`);
          for (const secret of secrets) {
            assert.ok(!seen.includes(secret), `${where} holds alex's ${secret}`);
          }
        }
        assert.equal(await alexState(), alexBefore, `${where}: alex's journal is unchanged`);
        checked++;
      }
    }
    assert.equal(checked, Object.values(table).flat().length);
    assert.ok(checked >= 60, `${checked} cases`);
  });

  test("erasing an account removes only that account", async () => {
    const alexBefore = (await alex.get("/api/v1/export")).text;
    const erased = await kim.post("/api/v1/account/erase", { confirm: "erase my data" });
    assert.equal(erased.status, 200);
    assert.equal(erased.body.username, "kim");
    assert.equal(erased.body.newOwner, null, "alex stays the owner");
    assert.equal((await alex.get("/api/v1/export")).text, alexBefore);
    assert.ok(!(await dumpStore(server.store)).includes('"kim"'));
  });
});
