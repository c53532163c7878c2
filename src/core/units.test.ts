import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { TitrateError } from "./errors.ts";
import { convert, floorToStep, formatAmount, parseQuantity, toBase } from "./units.ts";

function assertCode(fn: () => unknown, code: string, field?: string): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof TitrateError, "throws a TitrateError");
    assert.equal(error.code, code);
    if (field !== undefined) assert.equal(error.field, field);
    return true;
  });
}

describe("parseQuantity", () => {
  test("reads a body weight with or without a space", () => {
    assert.deepEqual(parseQuantity("70kg", "body-weight", "weight"), { amount: 70, unit: "kg" });
    assert.deepEqual(parseQuantity("70 kg", "body-weight", "weight"), { amount: 70, unit: "kg" });
    assert.deepEqual(parseQuantity("154lb", "body-weight", "weight"), { amount: 154, unit: "lb" });
    assert.deepEqual(parseQuantity("154 lbs", "body-weight", "weight"), {
      amount: 154,
      unit: "lb",
    });
  });

  test("converts 154 lb to 69.853 kg with the exact pound", () => {
    const kg = toBase(parseQuantity("154lb", "body-weight", "weight"));
    assert.equal(kg.toFixed(3), "69.853");
  });

  test("reads a decimal comma", () => {
    assert.deepEqual(parseQuantity("0,7ml", "volume", "volume"), { amount: 0.7, unit: "ml" });
    assert.deepEqual(parseQuantity("1,5 mg", "mass", "dose"), { amount: 1.5, unit: "mg" });
  });

  test("reads every spelling of micro", () => {
    for (const text of ["10ug", "10µg", "10μg", "10mcg", "10 UG"]) {
      assert.deepEqual(parseQuantity(text, "mass", "dose"), { amount: 10, unit: "µg" }, text);
    }
  });

  test("reads concentrations and doses per weight", () => {
    assert.deepEqual(parseQuantity("50mg/ml", "concentration", "c"), { amount: 50, unit: "mg/ml" });
    assert.deepEqual(parseQuantity("0.1mg/kg", "per-weight", "t"), { amount: 0.1, unit: "mg/kg" });
    assert.equal(toBase(parseQuantity("100ug/ml", "concentration", "c")), 0.1);
  });

  test("refuses a missing unit and names the field", () => {
    assertCode(() => parseQuantity("70", "body-weight", "weight"), "UNIT_MISSING", "weight");
  });

  test("refuses an unknown unit", () => {
    assertCode(() => parseQuantity("11 stone", "body-weight", "weight"), "UNIT_UNKNOWN", "weight");
  });

  test("refuses a unit of another kind", () => {
    assertCode(() => parseQuantity("7ml", "mass", "dose"), "UNIT_WRONG_KIND", "dose");
    assertCode(() => parseQuantity("7mg", "body-weight", "weight"), "UNIT_WRONG_KIND", "weight");
  });

  test("refuses negative and zero amounts", () => {
    assertCode(() => parseQuantity("-5mg", "mass", "dose"), "QUANTITY_NOT_POSITIVE", "dose");
    assertCode(() => parseQuantity("0mg", "mass", "dose"), "QUANTITY_NOT_POSITIVE", "dose");
    assertCode(() => parseQuantity("0.0ml", "volume", "volume"), "QUANTITY_NOT_POSITIVE");
  });

  test("refuses text that is not a number", () => {
    for (const text of [
      "NaN mg",
      "Infinity mg",
      "abc",
      "",
      "1e3mg",
      "7..5mg",
      "0x10mg",
      "1.2.3mg",
    ]) {
      assertCode(() => parseQuantity(text, "mass", "dose"), "QUANTITY_INVALID", "dose");
    }
  });

  test("refuses a comma that could be a thousands separator", () => {
    assertCode(() => parseQuantity("1,000mg", "mass", "mass"), "QUANTITY_AMBIGUOUS", "mass");
    assert.equal(parseQuantity("0,100g", "mass", "mass").amount, 0.1);
  });

  test("refuses a point before exactly three digits: 1.000 is one thousand in much of Europe", () => {
    for (const text of ["1.000mg", "1.500 mg", "12.250ml", "2,500mg", "70.000kg"]) {
      const kind = text.endsWith("ml") ? "volume" : text.endsWith("kg") ? "body-weight" : "mass";
      assertCode(() => parseQuantity(text, kind, "dose"), "QUANTITY_AMBIGUOUS", "dose");
    }
    assert.throws(
      () => parseQuantity("1.000mg", "mass", "dose"),
      /1\.000 is 1 in some countries and 1000 in others\. Write 1mg for 1, or 1000mg without a separator/u,
    );
    assert.throws(() => parseQuantity("1.234mg", "mass", "dose"), /Write 1\.2340mg for 1\.234/u);
  });

  test("accepts three decimals after a zero, and any other number of decimals", () => {
    assert.equal(parseQuantity("0.125g", "mass", "dose").amount, 0.125);
    assert.equal(parseQuantity(".125g", "mass", "dose").amount, 0.125);
    assert.equal(parseQuantity("1.0mg", "mass", "dose").amount, 1);
    assert.equal(parseQuantity("1.25mg", "mass", "dose").amount, 1.25);
    assert.equal(parseQuantity("1.2500mg", "mass", "dose").amount, 1.25);
    assert.equal(parseQuantity("1000mg", "mass", "dose").amount, 1000);
  });

  test("refuses body weights outside 30–300 kg, in either unit", () => {
    assertCode(
      () => parseQuantity("29kg", "body-weight", "weight"),
      "QUANTITY_IMPLAUSIBLE",
      "weight",
    );
    assertCode(() => parseQuantity("301kg", "body-weight", "weight"), "QUANTITY_IMPLAUSIBLE");
    assertCode(() => parseQuantity("700lb", "body-weight", "weight"), "QUANTITY_IMPLAUSIBLE");
    assert.equal(parseQuantity("30kg", "body-weight", "weight").amount, 30);
    assert.equal(parseQuantity("300kg", "body-weight", "weight").amount, 300);
  });

  test("refuses a percentage above 100", () => {
    assertCode(() => parseQuantity("120%", "percent", "purity"), "QUANTITY_IMPLAUSIBLE", "purity");
    assert.equal(parseQuantity("85%", "percent", "purity").amount, 85);
  });

  test("property: a formatted mass parses back to the same amount", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.constantFrom("µg", "mg", "g"),
        (n, unit) => {
          const amount = n / 1000;
          const text = formatAmount(amount, unit);
          if (/^[1-9]\d*\.\d{3} /u.test(text)) {
            // Three decimals after a whole part are refused as ambiguous (1.000 = 1000?).
            assertCode(() => parseQuantity(text, "mass", "m"), "QUANTITY_AMBIGUOUS", "m");
            return;
          }
          const parsed = parseQuantity(text, "mass", "m");
          assert.equal(parsed.unit, unit);
          assert.equal(parsed.amount, amount);
        },
      ),
    );
  });
});

describe("formatAmount", () => {
  test("shows the step's decimals, and more rather than rounding a dose up", () => {
    assert.equal(formatAmount(7, "mg", 0.1), "7.0 mg");
    assert.equal(formatAmount(0.7, "ml", 0.01), "0.70 ml");
    assert.equal(formatAmount(6.66, "mg", 0.1), "6.66 mg");
    assert.equal(formatAmount(0.007, "mg", 0.1), "0.007 mg");
    assert.equal(formatAmount(6.666666, "mg", 0.1), "6.666 mg");
    assert.equal(formatAmount(2 / 3, "µg", 1), "0.666 µg");
    assert.equal(formatAmount(13.86, "mg"), "13.86 mg");
    assert.equal(formatAmount(0.1 * 70, "mg", 0.1), "7.0 mg");
  });

  test("property: the text is never more than the amount", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-6, max: 10_000, noNaN: true }),
        fc.constantFrom(0.01, 0.1, 1, undefined),
        (amount, step) => {
          const shown = Number(formatAmount(amount, "mg", step).split(" ")[0]);
          assert.ok(shown <= amount * (1 + 1e-9), `${shown} <= ${amount}`);
          assert.ok(shown > 0, `${amount} is not shown as 0`);
        },
      ),
    );
  });
});

describe("conversions and rounding", () => {
  test("convert moves between units of one kind", () => {
    assert.equal(convert(1, "g", "mg"), 1000);
    assert.equal(convert(10, "µg", "mg"), 0.01);
    assert.throws(() => convert(1, "mg", "ml"));
  });

  test("floorToStep rounds down and absorbs binary noise", () => {
    assert.equal(floorToStep(0.1 * 70, 0.1), 7);
    assert.equal(floorToStep(0.2 * 70, 0.1), 14);
    assert.equal(floorToStep(13.97, 0.1), 13.9);
    assert.equal(floorToStep(6.9853, 0.1), 6.9);
    assert.equal(floorToStep(0.299, 0.01), 0.29);
  });

  test("property: floorToStep never rounds up and lands on a step", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.001, max: 10_000, noNaN: true }),
        fc.constantFrom(0.01, 0.1, 1),
        (value, step) => {
          const floored = floorToStep(value, step);
          assert.ok(floored <= value + step * 1e-9, `${floored} <= ${value}`);
          assert.ok(value - floored < step * (1 + 1e-9));
          assert.ok(Math.abs(floored / step - Math.round(floored / step)) < 1e-6);
        },
      ),
    );
  });
});
