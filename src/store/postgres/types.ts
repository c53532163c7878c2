/**
 * How `pg` turns PostgreSQL's values into JavaScript for Titrate: the same numbers node:sqlite
 * gives. By default `pg` returns `bigint` (int8: `count(*)`, `sum` of integers) and `numeric`
 * (`avg`, `sum` of bigints) as strings, to keep precision JavaScript numbers cannot hold.
 * Titrate stores no such number (docs/decisions.md, "Journal": integers), so both become
 * numbers here; an int8 beyond 2^53 − 1 throws, as node:sqlite's ERR_OUT_OF_RANGE does,
 * rather than coming back rounded. Every other type keeps pg's parser (int2, int4, float4,
 * float8 are already numbers; text is text; Titrate selects no arrays). The parsers belong
 * to the store's pool only: `pg.types` is global and is left alone.
 */
import pg from "pg";

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/** An int8 as a number; RangeError when it does not fit exactly. */
export function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(
      `PostgreSQL returned the integer ${text}, beyond what Titrate keeps exactly (2^53 − 1)`,
    );
  }
  return value;
}

/** A numeric as the nearest double, as SQLite's arithmetic gives it. */
export function parseNumeric(text: string): number {
  const value = Number(text);
  if (Number.isNaN(value) && text !== "NaN") {
    throw new RangeError(`PostgreSQL returned "${text}" for a numeric`);
  }
  return value;
}

const overrides: Readonly<Record<number, (text: string) => unknown>> = {
  [INT8_OID]: parseInt8,
  [NUMERIC_OID]: parseNumeric,
};

/** The `types` option of the store's pg Pool. */
export const titrateTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (format !== "binary") {
      const override = overrides[oid];
      if (override) return override;
    }
    return pg.types.getTypeParser(oid, format ?? "text");
  }) as pg.CustomTypesConfig["getTypeParser"],
};
