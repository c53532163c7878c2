import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Temporal } from "temporal-polyfill";
import type { Profile } from "../../core/schemas/journal.ts";
import type { Store } from "../store.ts";
import { openTestStore } from "../test-store.ts";
import { logDose, logOtherSubstance } from "./log.ts";
import { initJournal } from "./profile.ts";

const now = Temporal.Instant.from("2026-03-22T12:00:00Z");
const profile: Profile = {
  weightKg: 70,
  units: "metric",
  timeZone: "Europe/London",
  conditions: ["psychosis-history"],
  country: "GB",
  emergencyNumber: null,
  helpline: null,
};
const rank = { danger: 3, warning: 2, caution: 1, info: 0 } as const;

let store: Store;
let userId: string;
before(async () => {
  store = await openTestStore();
  userId = (await initJournal(store, { profile }, now.subtract({ hours: 24 * 30 }))).user.id;
});
after(async () => {
  await store.close();
});

describe("the findings a new entry prints", () => {
  test("an LSD dose with a history of psychosis prints the contraindication, danger first", async () => {
    const logged = await logDose(
      store,
      userId,
      {
        substance: "lsd",
        measured: { kind: "amount", amount: 30, unit: "µg" },
        at: "2026-03-10T09:00:00Z",
      },
      now,
    );
    const keys = logged.findings.map((f) => f.key);
    assert.ok(keys.includes("contraindication:psychosis-history:psychedelics"), keys.join(", "));
    assert.equal(logged.findings[0]?.severity, "danger");
    for (let i = 1; i < logged.findings.length; i++) {
      const [a, b] = [logged.findings[i - 1], logged.findings[i]];
      assert.ok(a && b && rank[a.severity] >= rank[b.severity], `${a?.key} before ${b?.key}`);
    }
  });

  test("a ketamine dose prints the ketamine contraindication, not only the psychedelic one", async () => {
    const logged = await logDose(
      store,
      userId,
      {
        substance: "ketamine",
        measured: { kind: "amount", amount: 7, unit: "mg" },
        at: "2026-03-15T09:00:00Z",
      },
      now,
    );
    const keys = logged.findings.map((f) => f.key);
    assert.ok(keys.includes("contraindication:psychosis-history:ketamine"), keys.join(", "));
    assert.ok(!keys.includes("contraindication:psychosis-history:psychedelics"), keys.join(", "));
  });

  test("alcohol backfilled before that ketamine dose prints the past dangerous combination", async () => {
    const recorded = await logOtherSubstance(
      store,
      userId,
      { name: "2 pints of beer", at: "2026-03-15T07:00:00Z" },
      now,
    );
    const combination = recorded.findings.find((f) => f.ruleId === "combination");
    assert.ok(combination, recorded.findings.map((f) => f.key).join(", "));
    assert.equal(combination.severity, "danger");
    assert.equal(combination.activeUntil, "2026-03-15T21:00:00Z", "it is over, and still shown");
  });
});
