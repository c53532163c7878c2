/**
 * The architecture in DESIGN.md, checked on the source: src/core stays pure, imports flow
 * one way, and the `calc` command never loads the store, the server or their libraries.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { test } from "node:test";

const root = resolve(new URL("..", import.meta.url).pathname);

function tsFiles(dir: string): string[] {
  if (!existsSync(join(root, dir))) return [];
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.tsx?$/u.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

/** Static imports (`import … from "x"`, `export … from "x"`); dynamic import() is lazy and not followed. */
function staticImports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [
    ...text.matchAll(
      /^\s*(?:import|export)\s(?!type\s)[^'"]*?from\s+"([^"]+)"|^\s*import\s+"([^"]+)"/gmu,
    ),
  ].map((m) => m[1] ?? m[2] ?? "");
}

function resolveLocal(from: string, specifier: string): string | undefined {
  return specifier.startsWith(".") ? resolve(dirname(from), specifier) : undefined;
}

test("src/core imports only core files, zod and temporal-polyfill", () => {
  const offenders: string[] = [];
  for (const file of tsFiles("src/core")) {
    if (file.endsWith(".test.ts")) continue;
    for (const specifier of staticImports(file)) {
      const local = resolveLocal(file, specifier);
      const ok = local
        ? relative(join(root, "src/core"), local).startsWith("..") === false
        : specifier === "zod" || specifier.startsWith("zod/") || specifier === "temporal-polyfill";
      if (!ok) offenders.push(`${relative(root, file)} imports ${specifier}`);
    }
  }
  assert.deepEqual(offenders, []);
});

test("src/core never reads the clock or Math.random", () => {
  const offenders = tsFiles("src/core")
    .filter((f) => !f.endsWith(".test.ts"))
    .filter((f) =>
      /Date\.now\(|new Date\(|Math\.random\(|Temporal\.Now|performance\.now\(/u.test(
        readFileSync(f, "utf8"),
      ),
    )
    .map((f) => relative(root, f));
  assert.deepEqual(offenders, []);
});

test("imports flow one way: store never imports server or cli; server never imports cli or web", () => {
  const rules: [string, string[]][] = [
    ["src/store", ["src/server", "src/cli", "src/web"]],
    ["src/server", ["src/cli", "src/web"]],
    ["src/web", ["src/store", "src/server", "src/cli"]],
  ];
  const offenders: string[] = [];
  for (const [dir, forbidden] of rules) {
    for (const file of tsFiles(dir)) {
      for (const specifier of staticImports(file)) {
        const local = resolveLocal(file, specifier);
        if (local && forbidden.some((f) => !relative(join(root, f), local).startsWith(".."))) {
          offenders.push(`${relative(root, file)} imports ${specifier}`);
        }
      }
    }
  }
  assert.deepEqual(offenders, []);
});

test("SQL and the database drivers stay in src/store: the server, CLI and core do not know the backend", () => {
  const offenders: string[] = [];
  for (const dir of ["src/core", "src/server", "src/cli", "src/web"]) {
    for (const file of tsFiles(dir)) {
      if (file.endsWith(".test.ts")) continue;
      for (const specifier of staticImports(file)) {
        if (/^(?:kysely|pg|node:sqlite)(?:\/|$)/u.test(specifier)) {
          offenders.push(`${relative(root, file)} imports ${specifier}`);
        }
      }
    }
  }
  assert.deepEqual(offenders, []);
});

test("`titrate calc` loads no database, HTTP server, Kysely or Fastify", () => {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const queue = [join(root, "src/cli/main.ts"), join(root, "src/cli/commands/calc.ts")];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const specifier of staticImports(file)) {
      const local = resolveLocal(file, specifier);
      if (local) queue.push(local);
      else packages.add(specifier);
    }
  }
  const loaded = [...seen].map((f) => relative(root, f));
  assert.deepEqual(
    loaded.filter((f) => f.startsWith("src/store") || f.startsWith("src/server")),
    [],
  );
  assert.deepEqual(
    [...packages].filter((p) => /kysely|fastify|sqlite|^pg$/u.test(p)),
    [],
  );
});
