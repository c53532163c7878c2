/**
 * Every FACTS id the code cites must be listed in docs/sources.md with its source.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

const root = new URL("..", import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.tsx?$/u.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

const factId = /\b(?:K|P|Q|MEAS|TEST|DESIGN|CRISIS|LEGAL|PLACEBO)-[A-Z0-9]+(?:-[0-9]+)?\b/gu;

test("every FACTS id cited in src/ is listed in docs/sources.md", () => {
  const listed = new Set(
    [...readFileSync(join(root, "docs/sources.md"), "utf8").matchAll(/^\| ([A-Z0-9-]+)/gmu)].map(
      (m) => m[1],
    ),
  );
  const cited = new Map<string, string>();
  for (const file of sourceFiles("src")) {
    const text = readFileSync(file, "utf8");
    // Ids appear after "FACTS" in comments and prose, and in `facts: [...]` arrays.
    for (const match of text.matchAll(
      /FACTS ([^)\n]*)|facts: \[([^\]]*)\]|Facts: \[([^\]]*)\]/gu,
    )) {
      for (const id of (match[1] ?? match[2] ?? match[3] ?? "").match(factId) ?? []) {
        if (!cited.has(id)) cited.set(id, file.slice(root.length));
      }
    }
  }
  assert.ok(cited.size > 20, `found ${cited.size} cited ids`);
  const missing = [...cited]
    .filter(([id]) => !listed.has(id))
    .map(([id, file]) => `${id} (${file})`);
  assert.deepEqual(missing, []);
});
