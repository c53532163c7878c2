/** Titrate's version, kept equal to package.json by version.test.ts (no JSON read at start-up). */
export const VERSION = "0.1.0";
