/**
 * The HTTP server: `buildApp(options)` returns the Fastify app with everything registered,
 * not yet listening (`titrate serve` listens; tests listen on an ephemeral port).
 *
 * On every request, in order: security headers (helmet), the cookie parser, the request
 * rate limit, then the authentication hook (auth/authenticate.ts) — all before the body is
 * read. Then the route validates its input (route.ts) and runs. Errors of every kind leave in
 * one shape (error-replies.ts). The server makes no outbound connection of any kind.
 */
import fastifyCookie from "@fastify/cookie";
import fastifyHelmet from "@fastify/helmet";
import fastifyRateLimit from "@fastify/rate-limit";
import Fastify, { type FastifyInstance, LogController } from "fastify";
import { Temporal } from "temporal-polyfill";
import { countText } from "../core/safety/format.ts";
import { DEFAULT_SCRYPT_COST, type ScryptCost } from "../store/backup-format.ts";
import { DEFAULT_PASSPHRASE_COST, type PassphraseCost } from "../store/passphrase.ts";
import type { Store } from "../store/store.ts";
import { installAuthentication } from "./auth/authenticate.ts";
import { LoginLimiter, type LoginLimits } from "./auth/login-limiter.ts";
import { originOf } from "./auth/origin.ts";
import {
  DEFAULT_SESSION_LIFETIME,
  SessionCookie,
  type SessionLifetime,
} from "./auth/session-cookie.ts";
import { type AutomaticBackupSettings, BackupSchedule } from "./automatic-backups.ts";
import { decoyHashFor, type ServerContext } from "./context.ts";
import {
  clientErrorHandler,
  frameworkErrors,
  installErrorReplies,
  RateLimitedError,
} from "./error-replies.ts";
import { installRequestLog } from "./request-log.ts";
import type { DeclaredRoute } from "./route.ts";
import { accountRoutes } from "./routes/account.ts";
import { authRoutes } from "./routes/auth.ts";
import { batchesRoutes } from "./routes/batches.ts";
import { catalogRoutes } from "./routes/catalog.ts";
import { dataRoutes } from "./routes/data.ts";
import { docsRoutes } from "./routes/docs.ts";
import { dosesRoutes } from "./routes/doses.ts";
import { entriesRoutes } from "./routes/entries.ts";
import { experimentsRoutes } from "./routes/experiments.ts";
import { findingsRoutes } from "./routes/findings.ts";
import { insightsRoutes } from "./routes/insights.ts";
import { medicationsRoutes } from "./routes/medications.ts";
import { participationRoutes } from "./routes/participation.ts";
import { plansRoutes } from "./routes/plans.ts";
import { presetsRoutes } from "./routes/presets.ts";
import { profileRoutes } from "./routes/profile.ts";
import { sessionRoutes } from "./routes/session.ts";
import { sessionsRoutes } from "./routes/sessions.ts";
import { studiesRoutes } from "./routes/studies.ts";
import { timelineRoutes } from "./routes/timeline.ts";
import { todayRoutes } from "./routes/today.ts";
import { tokensRoutes } from "./routes/tokens.ts";
import { webRoutes } from "./routes/web.ts";
import { helmetOptions } from "./security-headers.ts";

/** The journal's resources, one plugin each, in the order the reference lists them. */
const resourceRoutes = [
  todayRoutes,
  profileRoutes,
  medicationsRoutes,
  batchesRoutes,
  presetsRoutes,
  plansRoutes,
  dosesRoutes,
  entriesRoutes,
  timelineRoutes,
  findingsRoutes,
  insightsRoutes,
  experimentsRoutes,
  studiesRoutes,
  participationRoutes,
  dataRoutes,
  accountRoutes,
  catalogRoutes,
] as const;

declare module "fastify" {
  interface FastifyInstance {
    /** The automatic backups of `titrate serve --backup-dir`, or null. */
    readonly automaticBackups: BackupSchedule | null;
  }
}

/**
 * The largest request body a route accepts unless it says otherwise: 64 KiB. Every journal
 * entry is far smaller; a route that takes more (an import) raises its own limit.
 */
export const BODY_LIMIT_BYTES = 64 * 1024;

/** Requests per client address per minute, across all routes. Generous for one person's UI. */
export const DEFAULT_RATE_LIMIT = { max: 600, timeWindowMs: 60_000 } as const;

export interface LogDestination {
  readonly stream: { write(line: string): void };
  readonly level?: "info" | "warn" | "error";
}

export interface AppOptions {
  readonly store: Store;
  /** scrypt cost for new passphrases. Tests pass a cheap one; the server never does. */
  readonly passphraseCost?: PassphraseCost;
  readonly now?: () => Temporal.Instant;
  /** Where the one-line-per-request log goes (default stdout); false for none. */
  readonly logger?: false | LogDestination;
  /** Fastify's trustProxy: believe X-Forwarded-* from these proxies. Default: no. */
  readonly trustProxy?: boolean | string | string[];
  /** Secure cookies; default on exactly when `https` is given. */
  readonly secureCookies?: boolean;
  readonly https?: { readonly cert: string | Buffer; readonly key: string | Buffer };
  /** Host names the server answers to (loopback servers: loopback names). Default: any. */
  readonly allowedHostnames?: readonly string[];
  /** Origins besides the server's own allowed to send state-changing requests (a proxy's). */
  readonly allowedOrigins?: readonly string[];
  readonly loginLimits?: Partial<LoginLimits>;
  /** Requests per client address per window; false turns the limit off. */
  readonly rateLimit?: { readonly max: number; readonly timeWindowMs: number } | false;
  readonly sessionLifetime?: Partial<SessionLifetime>;
  /** Shown in the OpenAPI document and on the home page, and recorded in exports. */
  readonly version?: string;
  /** Automatic encrypted backups while the server runs (`titrate serve --backup-dir`). */
  readonly automaticBackups?: AutomaticBackupSettings;
  /** scrypt cost of encrypted backups (downloads and automatic ones). Tests pass a cheap one. */
  readonly backupCost?: ScryptCost;
}

/** Builds the app with every plugin and route registered; `listen` (or `ready`) starts it. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const tls = options.https !== undefined;
  const cookie = new SessionCookie(options.secureCookies ?? tls, {
    ...DEFAULT_SESSION_LIFETIME,
    ...options.sessionLifetime,
  });
  const passphraseCost = options.passphraseCost ?? DEFAULT_PASSPHRASE_COST;
  const now = options.now ?? (() => Temporal.Now.instant());
  const backupCost = options.backupCost ?? DEFAULT_SCRYPT_COST;
  const backups = options.automaticBackups
    ? new BackupSchedule(options.store, options.automaticBackups, {
        now,
        cost: backupCost,
        onFailure: (reason) => app.log.error({ reason }, "automatic backup failed"),
      })
    : null;
  const context: ServerContext = {
    store: options.store,
    now,
    passphraseCost,
    cookie,
    loginLimiter: new LoginLimiter(options.loginLimits),
    decoyHash: decoyHashFor(passphraseCost),
    backupCost,
    backups,
    version: options.version ?? "development",
  };

  // Fastify's type follows the server kind (http or https); the app's surface is the same.
  const app = Fastify({
    logger: loggerOptions(options.logger),
    // Fastify's own request lines log the URL (query strings included); request-log.ts
    // writes one line per request without it.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: options.trustProxy ?? false,
    ...(options.https ? { https: { cert: options.https.cert, key: options.https.key } } : {}),
    frameworkErrors,
    clientErrorHandler,
    // A request that trickles in slower than this is dropped rather than held open.
    requestTimeout: 30_000,
    routerOptions: { maxParamLength: 100 },
  }) as unknown as FastifyInstance;

  app.decorate("declaredRoutes", [] as DeclaredRoute[]);
  app.decorate("automaticBackups", backups);
  if (backups) {
    // The first backup as soon as the server is ready, then one a day; a failure is logged
    // and shown in the Today data (it never stops the server).
    app.addHook("onReady", async () => backups.start());
    app.addHook("onClose", async () => backups.stop());
  }
  // The decoy hash is made when the server starts, not at the first unknown username: that
  // first answer would otherwise take twice as long and tell the name does not exist.
  app.addHook("onReady", async () => {
    context.decoyHash().catch((error: unknown) => app.log.error({ err: error }, "decoy hash"));
  });
  installErrorReplies(app);
  installJsonParser(app);
  await app.register(fastifyHelmet, helmetOptions(tls));
  app.addHook("onRequest", async (_request, reply) => {
    // Journal data must not linger in a browser's or proxy's cache.
    reply.header("cache-control", "no-store");
  });
  await app.register(fastifyCookie, { hook: "onRequest" });
  const rateLimit = options.rateLimit ?? DEFAULT_RATE_LIMIT;
  if (rateLimit !== false) {
    await app.register(fastifyRateLimit, {
      global: false,
      max: rateLimit.max,
      timeWindow: rateLimit.timeWindowMs,
      errorResponseBuilder: (_request, limit) => {
        const seconds = Math.max(1, Math.ceil(limit.ttl / 1000));
        return new RateLimitedError(
          `too many requests; wait ${countText(seconds, "second")}`,
          seconds,
        );
      },
    });
    app.addHook("onRequest", app.rateLimit());
  }
  installAuthentication(app, context, {
    allowedHostnames: options.allowedHostnames?.map((h) => h.toLowerCase()),
    allowedOrigins: (options.allowedOrigins ?? []).flatMap((o) => originOf(o) ?? []),
  });
  installRequestLog(app);

  await app.register(sessionRoutes, context);
  await app.register(authRoutes, context);
  await app.register(sessionsRoutes, context);
  await app.register(tokensRoutes, context);
  for (const routes of resourceRoutes) await app.register(routes, context);
  await app.register(docsRoutes, {
    version: options.version ?? "development",
    sessionCookieName: cookie.name,
  });
  await app.register(webRoutes, {});
  return app;
}

function loggerOptions(logger: AppOptions["logger"]) {
  if (logger === false) return false;
  const destination: LogDestination = logger ?? { stream: process.stdout };
  return {
    level: destination.level ?? "info",
    stream: destination.stream,
    // No pid or hostname: one short line per request.
    base: null,
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
  };
}

/**
 * JSON is the only body the API reads. An empty body counts as no body (so a bodiless POST
 * with a JSON content type is fine); `__proto__` and `constructor.prototype` keys are refused.
 * Every other content type is 415.
 */
function installJsonParser(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
    const text = typeof body === "string" ? body : body.toString("utf8");
    if (text.trim() === "") {
      done(null, undefined);
      return;
    }
    parseJson(request, text, done);
  });
}
