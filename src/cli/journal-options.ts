/** The options every journal command takes: which data directory, and which account. */
import type { OptionSpec } from "./command.ts";

export const journalOptions: Record<string, OptionSpec> = {
  "data-dir": {
    type: "string",
    value: "DIR",
    description: "Journal directory (default: TITRATE_DATA_DIR, else your user data directory).",
  },
  user: { type: "string", value: "NAME", description: "Act as this account (default: the owner)." },
};
