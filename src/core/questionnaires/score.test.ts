import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { TitrateError } from "../errors.ts";
import { maxTotal } from "./instrument.ts";
import { instruments } from "./instruments.ts";
import { getInstrument, parseAnswer, parseAnswers, scoreInstrument } from "./score.ts";

function refusal(fn: () => unknown): TitrateError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof TitrateError);
    return error;
  }
  assert.fail("expected a refusal");
}

/** Answers for `count` items that add up to `total` (filled from the first item, 0–max each). */
function answersFor(total: number, count: number, max = 3): number[] {
  return Array.from({ length: count }, (_, i) => Math.max(0, Math.min(max, total - i * max)));
}

describe("PHQ-9 (FACTS Q-PHQ9)", () => {
  test("the issue's example: 1,2,0,3,1,0,2,1,1 is 11, moderate, and item 9 raises the crisis flag", () => {
    const result = scoreInstrument("phq9", [1, 2, 0, 3, 1, 0, 2, 1, 1]);
    assert.equal(result.total, 11);
    assert.equal(result.band, "moderate");
    assert.equal(result.bandLabel, "Moderate");
    assert.equal(result.crisis, true);
    assert.equal(result.items.length, 9);
    assert.deepEqual(result.items[8], {
      number: 9,
      id: "self-harm",
      text: "Thoughts that you would be better off dead or of hurting yourself in some way",
      answer: 1,
      answerLabel: "Several days",
    });
  });

  const boundaries: [number, string][] = [
    [0, "minimal"],
    [4, "minimal"],
    [5, "mild"],
    [9, "mild"],
    [10, "moderate"],
    [14, "moderate"],
    [15, "moderately-severe"],
    [19, "moderately-severe"],
    [20, "severe"],
    [27, "severe"],
  ];
  for (const [total, band] of boundaries) {
    test(`a total of ${total} is ${band}`, () => {
      // Item 9 stays 0 wherever the total allows, so the band is tested apart from the flag.
      const answers = answersFor(total, 9);
      const result = scoreInstrument("phq9", answers);
      assert.equal(result.total, total);
      assert.equal(result.band, band);
      assert.equal(result.crisis, answers[8] !== 0);
    });
  }

  test("item 9 answered 0 never raises the flag, whatever the total", () => {
    const result = scoreInstrument("phq9", [3, 3, 3, 3, 3, 3, 3, 3, 0]);
    assert.equal(result.total, 24);
    assert.equal(result.band, "severe");
    assert.equal(result.crisis, false);
  });

  test("any answer above 0 on item 9 raises the flag, even with a minimal total", () => {
    for (const answer of [1, 2, 3]) {
      const result = scoreInstrument("phq9", [0, 0, 0, 0, 0, 0, 0, 0, answer]);
      assert.equal(result.band, "minimal");
      assert.equal(result.crisis, true);
    }
  });
});

describe("GAD-7 (FACTS Q-GAD7)", () => {
  const boundaries: [number, string][] = [
    [0, "minimal"],
    [4, "minimal"],
    [5, "mild"],
    [9, "mild"],
    [10, "moderate"],
    [14, "moderate"],
    [15, "severe"],
    [21, "severe"],
  ];
  for (const [total, band] of boundaries) {
    test(`a total of ${total} is ${band}, and never a crisis`, () => {
      const result = scoreInstrument("gad7", answersFor(total, 7));
      assert.equal(result.total, total);
      assert.equal(result.band, band);
      assert.equal(result.crisis, false);
    });
  }
});

describe("short forms (FACTS Q-SHORT)", () => {
  const phq2: [number, string, string | null][] = [
    [0, "negative", null],
    [1, "negative", null],
    [2, "possible", "phq9"],
    [3, "positive", "phq9"],
    [6, "positive", "phq9"],
  ];
  for (const [total, band, followUp] of phq2) {
    test(`PHQ-2 total ${total} is ${band}${followUp ? ", suggesting the PHQ-9" : ""}`, () => {
      const result = scoreInstrument("phq2", answersFor(total, 2));
      assert.equal(result.band, band);
      assert.equal(result.followUp, followUp);
      assert.equal(result.crisis, false, "the PHQ-2 does not ask about self-harm");
    });
  }
  const gad2: [number, string, string | null][] = [
    [0, "negative", null],
    [2, "negative", null],
    [3, "positive", "gad7"],
    [6, "positive", "gad7"],
  ];
  for (const [total, band, followUp] of gad2) {
    test(`GAD-2 total ${total} is ${band}`, () => {
      const result = scoreInstrument("gad2", answersFor(total, 2));
      assert.equal(result.band, band);
      assert.equal(result.followUp, followUp);
    });
  }

  test("the short forms are the first two items of the full forms", () => {
    assert.deepEqual(getInstrument("phq2").items, getInstrument("phq9").items.slice(0, 2));
    assert.deepEqual(getInstrument("gad2").items, getInstrument("gad7").items.slice(0, 2));
  });
});

describe("checklists", () => {
  for (const id of ["bladder", "nasal", "kidney-liver", "mental", "dependence"]) {
    test(`${id}: no yes answers is no-signs, one yes is warning-signs, all yes is warning-signs`, () => {
      const instrument = getInstrument(id);
      const count = instrument.items.length;
      assert.equal(scoreInstrument(id, Array(count).fill(0)).band, "no-signs");
      const one = scoreInstrument(id, [1, ...Array(count - 1).fill(0)]);
      assert.equal(one.band, "warning-signs");
      assert.equal(one.total, 1);
      assert.equal(scoreInstrument(id, Array(count).fill(1)).band, "warning-signs");
      assert.equal(one.crisis, false);
    });
  }

  test("the bladder checklist covers the K-BLAD-1 signs and refuses an answer of 2", () => {
    const bladder = getInstrument("bladder");
    assert.deepEqual(
      bladder.items.map((i) => i.id),
      ["frequent", "urgent", "night", "painful", "blood", "pubic-pain", "urge-leaking"],
    );
    const error = refusal(() => scoreInstrument(bladder, [2, 0, 0, 0, 0, 0, 0]));
    assert.equal(error.code, "ANSWER_OUT_OF_SCALE");
    assert.equal(error.field, "answers.0");
  });
});

describe("refusals name the field and the rule", () => {
  test("a wrong number of answers is ANSWER_COUNT_WRONG on `answers`", () => {
    const error = refusal(() => scoreInstrument("phq9", [1, 2, 0]));
    assert.equal(error.code, "ANSWER_COUNT_WRONG");
    assert.equal(error.field, "answers");
    assert.match(error.message, /has 9 items and needs 9 answers.*got 3/u);
  });

  test("an answer outside 0–3 is ANSWER_OUT_OF_SCALE on `answers.<index>`, naming the item", () => {
    const error = refusal(() => scoreInstrument("gad7", [0, 0, 0, 4, 0, 0, 0]));
    assert.equal(error.code, "ANSWER_OUT_OF_SCALE");
    assert.equal(error.field, "answers.3");
    assert.match(error.message, /item 4 \("Trouble relaxing"\).*0 = Not at all/u);
  });

  test("negative, fractional and non-numeric answers are refused", () => {
    assert.equal(refusal(() => scoreInstrument("gad2", [-1, 0])).code, "ANSWER_OUT_OF_SCALE");
    assert.equal(refusal(() => scoreInstrument("gad2", [0.5, 0])).code, "ANSWER_OUT_OF_SCALE");
    const parsed = refusal(() => parseAnswers("1,x", getInstrument("gad2")));
    assert.equal(parsed.field, "answers.1");
    assert.equal(refusal(() => parseAnswers("1,,2", getInstrument("phq9"))).field, "answers.1");
  });

  test("an unknown instrument is INSTRUMENT_UNKNOWN listing the known ones", () => {
    const error = refusal(() => getInstrument("beck"));
    assert.equal(error.code, "INSTRUMENT_UNKNOWN");
    assert.match(error.message, /phq9, gad7, phq2, gad2, bladder/u);
  });

  test("aliases and spacing are read: PHQ-9, ' 1 , 2 ', y/n for checklists only", () => {
    assert.equal(getInstrument("PHQ-9").id, "phq9");
    assert.deepEqual(parseAnswers(" 1 , 2 ", getInstrument("phq2")), [1, 2]);
    assert.equal(parseAnswer("Yes", getInstrument("nasal"), 0), 1);
    assert.equal(parseAnswer("n", getInstrument("nasal"), 0), 0);
    assert.equal(
      refusal(() => parseAnswer("y", getInstrument("phq9"), 0)).code,
      "ANSWER_OUT_OF_SCALE",
    );
  });
});

describe("properties of every instrument", () => {
  test("bands cover 0 to the maximum with no gap or overlap, in order", () => {
    for (const instrument of instruments) {
      let next = 0;
      for (const band of instrument.bands) {
        assert.equal(band.min, next, `${instrument.id} ${band.id}`);
        assert.ok(band.max >= band.min);
        next = band.max + 1;
      }
      assert.equal(next - 1, maxTotal(instrument), instrument.id);
    }
  });

  test("the total is the sum of the answers, and its band holds it", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...instruments).chain((instrument) =>
          fc.tuple(
            fc.constant(instrument),
            fc.array(fc.constantFrom(...instrument.options.map((o) => o.value)), {
              minLength: instrument.items.length,
              maxLength: instrument.items.length,
            }),
          ),
        ),
        ([instrument, answers]) => {
          const result = scoreInstrument(instrument, answers);
          assert.equal(
            result.total,
            answers.reduce((a, b) => a + b, 0),
          );
          const band = instrument.bands.find((b) => b.id === result.band);
          assert.ok(band && result.total >= band.min && result.total <= band.max);
          assert.equal(result.crisis, instrument.id === "phq9" && (answers[8] ?? 0) > 0);
        },
      ),
    );
  });
});
