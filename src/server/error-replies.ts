/**
 * Every error the server answers has one shape,
 * `{ "error": { "code", "message", "fields": [{ "path", "message" }] } }`, with a code from
 * the registry in src/core/errors.ts and the status the registry gives it. Fastify's own
 * errors (bad JSON, a body too large, an unknown media type, a bad URL) are translated here;
 * anything unexpected is logged and answered 500 INTERNAL, never with a stack trace.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import * as z from "zod/mini";
import {
  type ErrorCode,
  errorRegistry,
  type FieldError,
  isTitrateError,
  TitrateError,
} from "../core/errors.ts";
import { baselineSecurityHeaders } from "./security-headers.ts";

/** The error body as a schema, so the OpenAPI document describes it from the same source. */
export const ErrorResponse = z.strictObject({
  error: z.strictObject({
    code: z.string().check(z.describe("A stable code from the error registry (docs/errors.md).")),
    message: z.string(),
    fields: z.array(z.strictObject({ path: z.string(), message: z.string() })),
  }),
});
export type ErrorResponse = z.infer<typeof ErrorResponse>;

export interface ErrorReply {
  readonly status: number;
  readonly body: ErrorResponse;
  /** Seconds to wait, for 429 answers. */
  readonly retryAfterSeconds?: number;
}

/** Thrown by the server's own limits: a TitrateError that also says when to come back. */
export class RateLimitedError extends TitrateError {
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number) {
    super("RATE_LIMITED", message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

function body(code: ErrorCode, message: string, fields: readonly FieldError[] = []): ErrorResponse {
  return { error: { code, message, fields: [...fields] } };
}

/**
 * Errors the store words for the terminal, said the API's way. A profile is set up with
 * PATCH /api/v1/profile, not `titrate init`; what the CLI calls a missing or unreadable
 * option (a dose's substance, an import's source) is a field of the request here.
 */
const apiMessages: Partial<Record<ErrorCode, string>> = {
  STORE_NOT_INITIALISED:
    "this account has no profile yet: set it up first with PATCH /api/v1/profile (your time zone, and your weight for ketamine)",
};
const apiCodes: Partial<Record<ErrorCode, ErrorCode>> = {
  CLI_MISSING_OPTION: "VALIDATION_FAILED",
  CLI_INVALID_OPTION: "VALIDATION_FAILED",
};

/** The reply for `error`, and whether it is unexpected (a bug to log). */
export function toErrorReply(error: unknown): ErrorReply & { readonly unexpected: boolean } {
  if (isTitrateError(error)) {
    const code = apiCodes[error.code] ?? error.code;
    return {
      status: errorRegistry[code].status,
      body: body(code, apiMessages[code] ?? error.message, error.fields),
      unexpected: error.status >= 500,
      ...(error instanceof RateLimitedError ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
    };
  }
  const code = fastifyCode(error);
  const known = code === undefined ? undefined : translateFastify(code, error as FastifyError);
  if (known) return { ...known, unexpected: false };
  const status = (error as { statusCode?: unknown }).statusCode;
  if (typeof status === "number" && status === 429) {
    return {
      status: 429,
      body: body("RATE_LIMITED", "too many requests; wait a moment and try again"),
      unexpected: false,
    };
  }
  if (typeof status === "number" && status >= 400 && status < 500) {
    // A client error from Fastify or a plugin that has no code of its own here.
    return {
      status: 400,
      body: body("REQUEST_MALFORMED", "the request cannot be read"),
      unexpected: false,
    };
  }
  return {
    status: 500,
    body: body(
      "INTERNAL",
      "something went wrong inside Titrate; nothing was changed by this request's failure, and the details are in the server's log",
    ),
    unexpected: true,
  };
}

function fastifyCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

function translateFastify(code: string, error: FastifyError): ErrorReply | undefined {
  switch (code) {
    case "FST_ERR_CTP_INVALID_JSON_BODY":
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return {
        status: 400,
        body: body("INVALID_JSON", "the request body is not valid JSON"),
      };
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return {
        status: 413,
        body: body("PAYLOAD_TOO_LARGE", "the request body is larger than this route accepts"),
      };
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return {
        status: 415,
        body: body(
          "UNSUPPORTED_MEDIA_TYPE",
          "send the body as JSON with `Content-Type: application/json`",
        ),
      };
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
    case "FST_ERR_BAD_URL":
    case "FST_ERR_MAX_PARAM_LENGTH":
    case "FST_ERR_ASYNC_CONSTRAINT":
      return {
        status: 400,
        body: body("REQUEST_MALFORMED", "the request's URL, headers or length cannot be read"),
      };
    default:
      // JSON.parse's own SyntaxError (Fastify gives it status 400 and no FST code).
      if (error instanceof SyntaxError && error.statusCode === 400) {
        return { status: 400, body: body("INVALID_JSON", "the request body is not valid JSON") };
      }
      return undefined;
  }
}

/**
 * What of an unexpected error goes to the log: its kind, message, code and stack, not every
 * property. A database error carries more (PostgreSQL's `detail` is "Failing row contains
 * (…)", the whole row with its notes), and journal content never goes to the log.
 */
function loggable(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const code = (error as { code?: unknown }).code;
  return {
    type: error.name,
    message: error.message,
    ...(typeof code === "string" ? { code } : {}),
    stack: error.stack,
  };
}

/** Sends `error` in the one shape; logs it first when it is a bug. */
export function sendError(request: FastifyRequest, reply: FastifyReply, error: unknown): void {
  const result = toErrorReply(error);
  if (result.unexpected) request.log.error({ err: loggable(error) }, "unexpected error");
  if (result.retryAfterSeconds !== undefined) {
    reply.header("retry-after", String(result.retryAfterSeconds));
  }
  reply.code(result.status).type("application/json; charset=utf-8").send(result.body);
}

/** Installs the error handler, the 404 handler and the answer to unreadable HTTP. */
export function installErrorReplies(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => sendError(request, reply, error));
  app.setNotFoundHandler((request, reply) => {
    reply
      .code(404)
      .send(
        body(
          "ROUTE_NOT_FOUND",
          `there is no route ${request.method} ${request.url.split("?")[0]}; see /api/docs`,
        ),
      );
  });
}

/**
 * Fastify's `frameworkErrors` option: errors raised before routing (a malformed URL). Hooks
 * have not run, so the baseline security headers are set here.
 */
export function frameworkErrors(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  reply.headers(baselineSecurityHeaders);
  sendError(request, reply, error);
}

/** Answers HTTP that cannot even be parsed (Node's 'clientError'), in the same shape. */
export function clientErrorHandler(
  error: Error & { code?: string },
  socket: import("node:net").Socket,
): void {
  if (!socket.writable) {
    socket.destroy(error);
    return;
  }
  const tooLarge = error.code === "HPE_HEADER_OVERFLOW";
  const payload = JSON.stringify(
    body("REQUEST_MALFORMED", tooLarge ? "the request headers are too large" : "bad request"),
  );
  const headers = Object.entries({
    ...baselineSecurityHeaders,
    "content-type": "application/json; charset=utf-8",
    "content-length": String(Buffer.byteLength(payload)),
    connection: "close",
  })
    .map(([name, value]) => `${name}: ${value}`)
    .join("\r\n");
  socket.end(`HTTP/1.1 400 Bad Request\r\n${headers}\r\n\r\n${payload}`);
}

/** The codes and help of the registry, for the reference page and the OpenAPI document. */
export function helpOf(code: ErrorCode): string {
  return errorRegistry[code].help;
}
