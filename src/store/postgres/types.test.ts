import assert from "node:assert/strict";
import { test } from "node:test";
import { parseInt8, parseNumeric, titrateTypes } from "./types.ts";

test("int8 and numeric become numbers; an int8 beyond 2^53 − 1 is refused, not rounded", () => {
  assert.equal(parseInt8("42"), 42);
  assert.equal(parseInt8("-9007199254740991"), -9007199254740991);
  assert.throws(() => parseInt8("9007199254740993"), RangeError);
  assert.equal(parseNumeric("7.25"), 7.25);
  assert.equal(parseNumeric("0.333333333333333333333"), 1 / 3);
  assert.ok(Number.isNaN(parseNumeric("NaN")));
  assert.throws(() => parseNumeric("seven"), RangeError);
});

test("the store's parsers cover int8 and numeric and leave every other type to pg", () => {
  const parse = (oid: number, text: string) =>
    (titrateTypes.getTypeParser as (oid: number, format?: string) => (t: string) => unknown)(oid)(
      text,
    );
  assert.equal(parse(20, "12"), 12);
  assert.equal(parse(1700, "1.5"), 1.5);
  assert.equal(parse(23, "7"), 7, "int4 stays pg's number");
  assert.equal(parse(701, "0.1"), 0.1, "float8 stays pg's number");
  assert.equal(parse(25, "text"), "text");
  assert.equal(parse(16, "t"), true, "a boolean would stay a boolean: Titrate stores 0/1");
});
