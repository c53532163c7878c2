/**
 * One log line per request: method, route pattern, status and time. Fastify's own request
 * logging is off because it logs the URL, and a URL's query string can hold anything; the
 * route pattern (`/api/v1/auth/tokens/:id`) names no one's data. No body, cookie, header,
 * token or passphrase is ever logged.
 */
import type { FastifyInstance } from "fastify";

export function installRequestLog(app: FastifyInstance): void {
  app.addHook("onResponse", async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? "(no route)",
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
      },
      "request",
    );
  });
}
