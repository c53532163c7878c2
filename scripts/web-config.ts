/**
 * The Vite configuration of the web app (src/web → dist/web), as a function so the build
 * script and the tests share it. No Vite plugin for Preact: Vite's own transform (Oxc) turns
 * JSX into Preact's automatic runtime, which is all a production build needs (see
 * docs/decisions.md, "## Web").
 */
import { join } from "node:path";
import type { InlineConfig } from "vite";
import { serviceWorkerPlugin } from "./web-service-worker.ts";

/** The repository root: scripts/.. */
export const repoRoot = new URL("..", import.meta.url).pathname;
export const webSourceDir = join(repoRoot, "src", "web");
export const webOutDir = join(repoRoot, "dist", "web");

export function webConfig(outDir = webOutDir): InlineConfig {
  return {
    configFile: false,
    root: webSourceDir,
    publicDir: join(webSourceDir, "public"),
    base: "/",
    logLevel: "warn",
    oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
    build: {
      outDir,
      emptyOutDir: true,
      assetsDir: "assets",
      target: "es2022",
      // Every browser that runs this app supports <link rel="modulepreload">: no polyfill.
      modulePreload: { polyfill: false },
      sourcemap: false,
      reportCompressedSize: false,
      rolldownOptions: {
        input: {
          index: join(webSourceDir, "index.html"),
          sw: join(webSourceDir, "service-worker.ts"),
        },
        output: {
          // The service worker keeps a fixed name and scope "/"; everything else is hashed.
          entryFileNames: (chunk) => (chunk.name === "sw" ? "sw.js" : "assets/[name]-[hash].js"),
        },
      },
    },
    plugins: [serviceWorkerPlugin()],
  };
}
