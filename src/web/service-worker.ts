/**
 * The service worker: keeps the app shell (index.html, the built scripts and styles, icons,
 * manifest) in a cache so Titrate opens without the server. It never touches /api/: journal
 * data is not cached in the browser, and what needs the server says so while offline.
 * scripts/web-service-worker.ts fills in the shell list and the version at build time.
 */

// Only the few worker types this file uses (the web app's tsconfig has DOM types, not WebWorker).
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}
interface WorkerScope {
  readonly location: Location;
  skipWaiting(): Promise<void>;
  readonly clients: { claim(): Promise<void> };
  addEventListener(type: "install" | "activate", listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: "fetch", listener: (event: FetchEvent) => void): void;
}

const worker = self as unknown as WorkerScope;
const SHELL: readonly string[] = JSON.parse("__TITRATE_SHELL__");
const CACHE = "titrate-shell-__TITRATE_VERSION__";
/** Every cache this app makes starts so; erasing everything deletes them all. */
const PREFIX = "titrate-";

worker.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll([...SHELL]))
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k)),
        ),
      )
      .then(() => worker.clients.claim()),
  );
});

worker.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== worker.location.origin) return;
  if (url.pathname.startsWith("/api/")) return; // always the network, never a cache
  if (request.mode === "navigate") {
    // The network first, so a new build shows at once; the cached shell when offline.
    event.respondWith(
      fetch(request).catch(() =>
        caches.match("/", { cacheName: CACHE }).then((r) => r ?? Response.error()),
      ),
    );
    return;
  }
  if (SHELL.includes(url.pathname)) {
    event.respondWith(
      caches.match(request, { cacheName: CACHE }).then((cached) => cached ?? fetch(request)),
    );
  }
});
