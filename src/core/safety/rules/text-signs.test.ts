import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { checkIn, dose, evaluate, journal, report } from "../fixtures.ts";
import { findSignWords } from "./text-sign-words.ts";
import { textSigns } from "./text-signs.ts";

const lsd = { substance: "lsd", amount: 10, unit: "µg", route: "sublingual" } as const;

describe("text-signs (FACTS K-BLAD-1, K-HARM-2, K-NOSE-1, K-PSY-1)", () => {
  test("bladder words in an after-effect ask for the bladder checklist, without a diagnosis", () => {
    const findings = evaluate(
      textSigns,
      journal({
        doses: [dose("2026-03-20T09:00:00Z")],
        checkIns: [
          checkIn("2026-03-21T09:00:00Z", { id: "c1", afterEffects: "burning when I pee" }),
        ],
      }),
    );
    assert.equal(findings.length, 1);
    const [finding] = findings;
    assert.equal(finding?.severity, "warning");
    assert.equal(finding?.key, "text-signs:c1:bladder");
    assert.equal(finding?.subjectId, "c1");
    assert.match(finding?.detail ?? "", /you wrote "burning when I pee" \(after-effects\)/u);
    assert.match(finding?.detail ?? "", /cannot tell from free text.*not a diagnosis/u);
    assert.match(finding?.advice ?? "", /titrate log symptom bladder/u);
    assert.match(
      finding?.advice ?? "",
      /stop taking ketamine and see a doctor \(FACTS K-BLAD-1\)/u,
    );
    assert.deepEqual(finding?.sources, ["K-BLAD-1"]);
  });

  test("kidney, nasal and mental-state words each ask for their own checklist", () => {
    const findings = evaluate(
      textSigns,
      journal({
        doses: [dose("2026-03-20T09:00:00Z")],
        checkIns: [
          checkIn("2026-03-21T09:00:00Z", {
            id: "c1",
            effects: "K-cramps in the evening",
            note: "nosebleed this morning; hearing voices at night",
          }),
        ],
      }),
    );
    assert.deepEqual(findings.map((f) => f.key).sort(), [
      "text-signs:c1:kidney-liver",
      "text-signs:c1:mental",
      "text-signs:c1:nasal",
    ]);
    const mental = findings.find((f) => f.key.endsWith(":mental"));
    assert.match(mental?.advice ?? "", /seek help now; call 999/u);
  });

  test("a negated word does not count: no pain when urinating, never had a nosebleed", () => {
    for (const text of [
      "no pain when urinating",
      "never had a nosebleed",
      "I don't have any bladder issues",
      "not paranoid at all",
      "a wee bit tired",
    ]) {
      assert.deepEqual(findSignWords(text), [], text);
    }
    assert.deepEqual(
      findSignWords("no pain, but blood in my urine").map((w) => w.phrase),
      ["blood in my urine"],
    );
    assert.deepEqual(
      findSignWords("can't stop peeing at night").map((w) => w.checklist),
      ["bladder"],
    );
  });

  test("the finding ends when the checklist is filled in, or after 14 days", () => {
    const doses = [dose("2026-03-01T09:00:00Z")];
    const checkIns = [checkIn("2026-03-02T09:00:00Z", { note: "peeing every hour" })];
    const [open] = evaluate(textSigns, journal({ doses, checkIns }));
    assert.equal(open?.activeUntil, "2026-03-16T09:00:00Z");
    const symptomReports = [report("2026-03-03T09:00:00Z", "bladder", [])];
    const [filled] = evaluate(textSigns, journal({ doses, checkIns, symptomReports }));
    assert.equal(filled?.activeUntil, "2026-03-03T09:00:00Z");
  });

  test("bladder words count for ketamine; mental-state words for everyone", () => {
    const checkIns = [
      checkIn("2026-03-21T09:00:00Z", { note: "peeing a lot, and I felt detached for days" }),
    ];
    const findings = evaluate(
      textSigns,
      journal({ doses: [dose("2026-03-20T09:00:00Z", lsd)], checkIns }),
    );
    assert.deepEqual(
      findings.map((f) => f.key.split(":").at(-1)),
      ["mental"],
    );
  });
});
