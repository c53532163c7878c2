/** The options every journal command takes: which journal (a data directory or a database), and which account. */
import type { OptionSpec } from "./command.ts";

export const journalOptions: Record<string, OptionSpec> = {
  "data-dir": {
    type: "string",
    value: "DIR",
    description: "Journal directory (default: TITRATE_DATA_DIR, else your user data directory).",
  },
  database: {
    type: "string",
    value: "URL",
    description:
      "A journal on PostgreSQL, postgres://user@host/db, instead of a data directory (default: TITRATE_DATABASE_URL).",
  },
  user: { type: "string", value: "NAME", description: "Act as this account (default: the owner)." },
};
