/**
 * For tests only: a journal with a row in every table — the 90-day demo journal, a second
 * account, a medication, a blinded experiment with a guess, a browser session, an API token, an
 * acknowledged finding, a study with a participant, and presets whose names sort differently by bytes and by language
 * ("Zeta" before "morning" by bytes, after it in English).
 */
import { Temporal } from "temporal-polyfill";
import { writeDemoJournal } from "./demo.ts";
import { recordGuess, startExperiment } from "./journal/experiments.ts";
import { acknowledgeFinding, currentFindings } from "./journal/findings.ts";
import { createApiToken, createSession } from "./repos/auth.ts";
import { addMedication } from "./repos/medications.ts";
import { addPreset } from "./repos/presets.ts";
import { saveProfile } from "./repos/profile.ts";
import { createUser, findOwner } from "./repos/users.ts";
import type { Store } from "./store.ts";
import { createStudy } from "./study/coordinate.ts";
import { createInvitations } from "./study/invitations.ts";
import { joinStudy } from "./study/participate.ts";

export const FULL_JOURNAL_NOW = Temporal.Instant.from("2026-03-22T12:00:00Z");
/** Names of the presets the journal has besides the demo's, in byte order. */
export const ODD_PRESET_NAMES = ["Zeta", "a-b", "a_b", "ab", "morning", "Ünïcödé"] as const;

export interface FullJournal {
  readonly ownerId: string;
  readonly memberId: string;
}

/** Fills an empty store (see the top of this file). */
export async function writeFullJournal(store: Store): Promise<FullJournal> {
  const now = FULL_JOURNAL_NOW;
  await writeDemoJournal(store, { seed: 7, days: 90, endDate: "2026-03-22", now });
  const owner = await findOwner(store.db);
  if (!owner) throw new Error("the demo journal has no owner");
  const ownerId = owner.id;
  for (const name of [...ODD_PRESET_NAMES].reverse()) {
    await store.transaction((tx) =>
      addPreset(
        tx,
        ownerId,
        {
          name,
          substance: "ketamine",
          amount: 7.5,
          unit: "mg",
          route: "nasal",
          batchId: null,
          volumeMl: null,
          sprays: null,
        },
        now.toString(),
      ),
    );
  }
  await store.transaction((tx) =>
    addMedication(tx, ownerId, { name: "sertraline", addedAt: "2026-01-10T09:00:00Z" }),
  );
  // Psilocybin: the demo ends with a bladder danger about ketamine, which rules out a ketamine
  // experiment (see startExperiment).
  await startExperiment(store, ownerId, { substance: "psilocybin", startDate: "2026-03-22" }, now);
  await recordGuess(store, ownerId, { guess: "active" }, now.add({ minutes: 5 }));
  await createSession(store.db, {
    userId: ownerId,
    now,
    expiresAt: now.add({ hours: 24 * 30 }),
    userAgent: "test",
  });
  await createApiToken(store.db, { userId: ownerId, name: "script", now });
  const member = await createUser(store.db, {
    username: "kim",
    role: "member",
    createdAt: now.toString(),
  });
  await saveProfile(
    store.db,
    member.id,
    {
      weightKg: 61.5,
      units: "metric",
      timeZone: "Europe/Berlin",
      conditions: [],
      country: "DE",
      emergencyNumber: null,
      helpline: null,
    },
    now.toString(),
  );
  // Study mode: the owner coordinates a study, kim takes part in it.
  const study = await createStudy(
    store,
    ownerId,
    {
      title: "A study",
      description: "For the tests: a row in every study table.",
      protocol: null,
      questionnaires: [{ instrument: "phq9", everyDays: 14 }],
      checkInItems: ["mood"],
      startDate: "2026-03-01",
      endDate: "2026-06-30",
      timeZone: "Europe/London",
      consent: {
        text: "You share your check-in ratings; they are kept if you withdraw.",
        collects: ["checkIns"],
        onWithdrawal: "keep",
        dates: "shifted",
      },
    },
    now,
  );
  const [invitation] = await createInvitations(store, ownerId, study.id, { count: 2 }, now);
  await joinStudy(store, member.id, { code: invitation?.code ?? "", consentVersion: 1 }, now);
  const { active } = await currentFindings(store, ownerId, now);
  const first = active[0];
  if (!first) throw new Error("the demo journal has no active finding to acknowledge");
  await acknowledgeFinding(store, ownerId, first.key, now);
  return { ownerId, memberId: member.id };
}
