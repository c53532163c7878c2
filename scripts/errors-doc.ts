/** Prints the table of error codes for docs/errors.md from the registry. */
import { errorRegistry } from "../src/core/errors.ts";

for (const [code, spec] of Object.entries(errorRegistry)) {
  console.log(`| \`${code}\` | ${spec.status} | ${spec.help} |`);
}
