import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { escapeText, foldLine, toIcsText } from "./ics-text.ts";

const octets = (text: string) => new TextEncoder().encode(text).length;

describe("RFC 5545 text", () => {
  test("escapes backslash, semicolon, comma and newlines", () => {
    assert.equal(escapeText("a\\b;c,d\ne\r\nf"), "a\\\\b\\;c\\,d\\ne\\nf");
  });

  test("folds at 75 octets without splitting a multi-octet character", () => {
    const line = `DESCRIPTION:${"µ".repeat(80)}`;
    const folded = foldLine(line).split("\r\n");
    assert.ok(folded.length > 1);
    for (const part of folded) assert.ok(octets(part) <= 75, `${octets(part)} octets`);
    assert.equal(folded.map((p, i) => (i === 0 ? p : p.slice(1))).join(""), line);
  });

  test("property: folding then unfolding gives the line back, every line at most 75 octets", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 400 }), (text) => {
        const stream = toIcsText([`SUMMARY:${escapeText(text)}`]);
        assert.ok(stream.endsWith("\r\n"));
        for (const line of stream.slice(0, -2).split("\r\n")) assert.ok(octets(line) <= 75);
        assert.equal(stream.slice(0, -2).replaceAll("\r\n ", ""), `SUMMARY:${escapeText(text)}`);
      }),
    );
  });
});
