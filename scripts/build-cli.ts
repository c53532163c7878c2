/**
 * Bundles the CLI into dist/cli with esbuild: one ES module per command (code splitting
 * keeps `calc` from loading the store or the server), plus dist/cli/inputs.json listing
 * the source files it was built from, so bin/titrate can tell when the bundle is stale.
 * See docs/decisions.md ("A bundled CLI entry").
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";

const root = new URL("..", import.meta.url).pathname;
const outdir = join(root, "dist", "cli");
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
const startedAtMs = Date.now();

const result = await build({
  absWorkingDir: root,
  entryPoints: { run: "src/cli/run.ts" },
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node24",
  metafile: true,
  logLevel: "warning",
  // Smaller files load faster at every start (bench/cli-startup.ts: titrate next about 5 %
  // sooner); the linked source maps (read only with --enable-source-maps) keep stack traces
  // readable.
  minify: true,
  sourcemap: "linked",
  // Packages that load files at run time by path stay outside the bundle.
  external: ["fastify", "@fastify/*", "pg", "pino", "thread-stream"],
  banner: {
    // Bundled CommonJS dependencies may call require(); give ES modules one.
    js: "import { createRequire as __titrateCreateRequire } from 'node:module'; const require = __titrateCreateRequire(import.meta.url);",
  },
});

const inputs = Object.keys(result.metafile.inputs).filter((p) => p.startsWith("src/"));
writeFileSync(
  join(outdir, "inputs.json"),
  `${JSON.stringify({ builtAtMs: startedAtMs, inputs }, null, 1)}\n`,
);
console.log(`built dist/cli from ${inputs.length} source files`);
