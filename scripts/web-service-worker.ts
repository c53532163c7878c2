/**
 * A Vite plugin that tells the service worker (src/web/service-worker.ts) which files make up
 * the app shell. The worker's source carries two placeholders; once the bundle is known, this
 * fills them with the list of every built file (hashed scripts, styles, icons, the manifest)
 * and a version derived from that list, so each build installs a fresh cache and drops the
 * old one.
 */
import { createHash } from "node:crypto";
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import type { Plugin } from "vite";

export const SHELL_PLACEHOLDER = "__TITRATE_SHELL__";
export const VERSION_PLACEHOLDER = "__TITRATE_VERSION__";
const WORKER_FILE = "sw.js";

export function serviceWorkerPlugin(): Plugin {
  let publicDir = "";
  return {
    name: "titrate-service-worker",
    apply: "build",
    configResolved(config) {
      publicDir = config.publicDir;
    },
    generateBundle(_options, bundle) {
      const worker = bundle[WORKER_FILE];
      if (worker?.type !== "chunk") {
        this.error(`the service worker ${WORKER_FILE} is missing from the bundle`);
      }
      const built = Object.keys(bundle).filter((f) => f !== WORKER_FILE && f !== "index.html");
      const shell = ["/", ...[...built, ...filesUnder(publicDir)].sort().map((f) => `/${f}`)];
      const version = createHash("sha256").update(shell.join("\n")).digest("hex").slice(0, 16);
      const code = worker.code
        // The minifier may quote the placeholder with ", ' or `: replace the literal whole.
        .replace(/(["'`])__TITRATE_SHELL__\1/u, () => JSON.stringify(JSON.stringify(shell)))
        .replace(VERSION_PLACEHOLDER, version);
      if (code.includes(SHELL_PLACEHOLDER) || code.includes(VERSION_PLACEHOLDER)) {
        this.error("the service worker's placeholders were not filled");
      }
      worker.code = code;
    },
  };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split("\\").join("/"));
}
