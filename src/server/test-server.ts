/**
 * For tests only: a real server on an ephemeral loopback port over a fresh store (a temporary
 * data directory, or a new PostgreSQL database when the run asks for one: test-store.ts),
 * with a fixed clock, cheap scrypt and no log; and a small HTTP client that keeps the session
 * cookie and sends this server's Origin, as a browser on its pages would.
 */
import type { FastifyInstance } from "fastify";
import { Temporal } from "temporal-polyfill";
import type { ErrorCode } from "../core/errors.ts";
import { hashPassphrase, type PassphraseCost } from "../store/passphrase.ts";
import { setPassphraseHash } from "../store/repos/auth.ts";
import { createUser, type User } from "../store/repos/users.ts";
import type { Store } from "../store/store.ts";
import { openTestStore } from "../store/test-store.ts";
import { type AppOptions, buildApp } from "./app.ts";
import { errorCodesOf } from "./openapi.ts";

export const CHEAP_COST: PassphraseCost = { log2N: 10, r: 8, p: 1 };
export const START = Temporal.Instant.from("2026-03-22T09:00:00Z");

export interface TestServer {
  readonly url: string;
  readonly store: Store;
  readonly app: FastifyInstance;
  /** Every answer with a 5xx status: a test ends by asserting there were none. */
  readonly serverErrors: string[];
  /** Error answers whose code the route's OpenAPI description does not list. */
  readonly undocumentedErrors: string[];
  now(): Temporal.Instant;
  advance(duration: Temporal.DurationLike): void;
  client(options?: ClientOptions): Client;
  close(): Promise<void>;
}

export interface TestServerOptions extends Partial<Omit<AppOptions, "store">> {
  /** Registers extra routes or hooks before the server starts. */
  readonly beforeListen?: (app: FastifyInstance) => Promise<void> | void;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const store = await openTestStore();
  let now = START;
  const { beforeListen, ...appOptions } = options;
  let app: FastifyInstance;
  try {
    app = await buildApp({
      store,
      passphraseCost: CHEAP_COST,
      now: () => now,
      logger: false,
      rateLimit: false,
      ...appOptions,
    });
    await beforeListen?.(app);
  } catch (error) {
    await store.close();
    throw error;
  }
  const serverErrors: string[] = [];
  app.addHook("onResponse", async (request, reply) => {
    if (reply.statusCode >= 500)
      serverErrors.push(`${request.method} ${request.url} ${reply.statusCode}`);
  });
  const undocumentedErrors: string[] = [];
  app.addHook("onSend", async (request, reply, payload) => {
    if (reply.statusCode < 400 || typeof payload !== "string") return payload;
    const route = app.declaredRoutes.find(
      (r) => r.method === request.method && r.url === request.routeOptions.url,
    );
    const code = (JSON.parse(payload) as { error?: { code?: ErrorCode } }).error?.code;
    if (route && code && !errorCodesOf(route).includes(code)) {
      undocumentedErrors.push(`${route.method} ${route.url} ${reply.statusCode} ${code}`);
    }
    return payload;
  });
  const address = await app.listen({ host: "127.0.0.1", port: 0 });
  const server: TestServer = {
    url: address,
    store,
    app,
    serverErrors,
    undocumentedErrors,
    now: () => now,
    advance: (duration) => {
      now = now.add(duration);
    },
    client: (clientOptions) => new Client(address, clientOptions),
    close: async () => {
      try {
        await app.close();
      } finally {
        await store.close();
      }
    },
  };
  return server;
}

/** An account with a passphrase, made directly in the store (as `titrate` on the machine would). */
export async function addAccount(
  store: Store,
  username: string,
  passphrase: string,
  role: "owner" | "member" = "member",
): Promise<User> {
  const user = await createUser(store.db, { username, role, createdAt: START.toString() });
  await setPassphraseHash(store.db, user.id, await hashPassphrase(passphrase, CHEAP_COST));
  return user;
}

export interface ClientOptions {
  /** Origin header for state-changing requests; null sends none. Default: the server's. */
  readonly origin?: string | null;
  readonly bearer?: string;
}

export interface Answer {
  readonly status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON came back.
  readonly body: any;
  readonly text: string;
  /** The body as sent: a download (a ZIP, a backup) is not text. */
  readonly bytes: Buffer;
  readonly headers: Headers;
}

export interface RequestOptions {
  /** Sent as JSON. */
  readonly json?: unknown;
  /** Sent as is (with `contentType`, default application/json). */
  readonly raw?: string | Uint8Array;
  readonly contentType?: string;
  readonly headers?: Record<string, string>;
}

export class Client {
  readonly base: string;
  readonly #origin: string | null;
  bearer: string | undefined;
  /** The session cookie, `name=value`, as a browser would keep it. */
  cookie: string | undefined;

  constructor(base: string, options: ClientOptions = {}) {
    this.base = base;
    this.#origin = options.origin === undefined ? base : options.origin;
    this.bearer = options.bearer;
  }

  async request(method: string, path: string, options: RequestOptions = {}): Promise<Answer> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    if (method !== "GET" && method !== "HEAD" && this.#origin !== null) {
      headers.origin ??= this.#origin;
    }
    let body: string | Uint8Array | undefined;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers["content-type"] ??= "application/json";
    } else if (options.raw !== undefined) {
      body = options.raw;
      headers["content-type"] ??= options.contentType ?? "application/json";
    }
    const response = await fetch(new URL(path, this.base), {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
      signal: AbortSignal.timeout(10_000),
    });
    this.#keepCookie(response.headers);
    const bytes = Buffer.from(await response.arrayBuffer());
    // As response.text() decodes: UTF-8, a leading BOM dropped.
    const text = new TextDecoder().decode(bytes);
    let parsed: unknown = text;
    if ((response.headers.get("content-type") ?? "").startsWith("application/json") && text) {
      parsed = JSON.parse(text);
    }
    return { status: response.status, body: parsed, text, bytes, headers: response.headers };
  }

  get(path: string, options?: RequestOptions): Promise<Answer> {
    return this.request("GET", path, options);
  }
  post(path: string, json?: unknown, options?: RequestOptions): Promise<Answer> {
    return this.request("POST", path, json === undefined ? options : { ...options, json });
  }
  delete(path: string, options?: RequestOptions): Promise<Answer> {
    return this.request("DELETE", path, options);
  }

  #keepCookie(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair] = line.split(";");
      if (!pair?.includes("session")) continue;
      const cleared = /max-age=0|expires=thu, 01 jan 1970/iu.test(line) || pair.endsWith("=");
      this.cookie = cleared ? undefined : pair;
    }
  }
}

/** Sets the server up with the owner `owner-name` and returns the signed-in client. */
export async function setUpOwner(
  server: TestServer,
  username = "alex",
  passphrase = "correct horse battery staple",
): Promise<Client> {
  const client = server.client();
  const answer = await client.post("/api/v1/setup", { username, passphrase });
  if (answer.status !== 200) throw new Error(`setup failed: ${answer.status} ${answer.text}`);
  return client;
}

/** Signs `username` in and returns the client holding the session. */
export async function signIn(
  server: TestServer,
  username: string,
  passphrase: string,
): Promise<Client> {
  const client = server.client();
  const answer = await client.post("/api/v1/auth/login", { username, passphrase });
  if (answer.status !== 200) throw new Error(`login failed: ${answer.status} ${answer.text}`);
  return client;
}
