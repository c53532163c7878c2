/**
 * RFC 5545 content lines: TEXT escaping (§3.3.11), folding at 75 octets (§3.1) and
 * DATE-TIME values (§3.3.5). Lines end with CRLF.
 */
import type { Temporal } from "temporal-polyfill";

/** Escapes a TEXT value: backslash, semicolon, comma and newline (RFC 5545 §3.3.11). */
export function escapeText(text: string): string {
  return text
    .replace(/\\/gu, "\\\\")
    .replace(/;/gu, "\\;")
    .replace(/,/gu, "\\,")
    .replace(/\r\n|\r|\n/gu, "\\n");
}

const MAX_OCTETS = 75;

/** Octets of one code point in UTF-8. */
function utf8Length(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
}

/**
 * Folds a content line so no line is longer than 75 octets (UTF-8), continuing with a space
 * (RFC 5545 §3.1), and never splitting a character's octets.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = utf8Length(char);
    const limit = parts.length === 0 ? MAX_OCTETS : MAX_OCTETS - 1; // the space counts
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

/** Joins content lines into an iCalendar stream: each folded, each ending in CRLF. */
export function toIcsText(lines: readonly string[]): string {
  return lines.map((line) => `${foldLine(line)}\r\n`).join("");
}

/** A local DATE-TIME value: `20260322T090000`. */
export function formatLocalDateTime(dateTime: Temporal.PlainDateTime): string {
  const date = dateTime.toPlainDate().toString().replaceAll("-", "");
  const time = dateTime.toPlainTime().toString({ smallestUnit: "second" }).replaceAll(":", "");
  return `${date}T${time}`;
}

/** A UTC DATE-TIME value: `20260322T090000Z`. */
export function formatUtcDateTime(instant: Temporal.Instant): string {
  return `${formatLocalDateTime(instant.toZonedDateTimeISO("UTC").toPlainDateTime())}Z`;
}

/** A UTC-OFFSET value from Temporal's offset string: `+01:00` → `+0100`. */
export function formatOffset(offset: string): string {
  return offset.replaceAll(":", "");
}
