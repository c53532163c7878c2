/**
 * One declaration per route. A route names its Zod (zod/mini) schemas for params, query, body
 * and response once; `defineRoute` then
 *   - validates the request with `parseWith` before the handler runs (400 VALIDATION_FAILED
 *     listing every field at fault; a route without a body or query schema accepts none),
 *   - hands the handler typed data and the signed-in account's id,
 *   - checks the handler's answer against the response schema (a mismatch is a bug: 500),
 *   - and records the declaration for the OpenAPI document (openapi.ts).
 *
 * Request schemas must be strict objects (`z.strictObject`), so unknown fields are refused;
 * defineRoute throws at start-up when one is not.
 *
 * Two kinds of route step outside plain JSON, and say so in their declaration:
 *   - a route that answers a file (a calendar, an export, a backup) lists its `downloads` and
 *     returns a FileAnswer, sent as an attachment with its own content type;
 *   - a route whose body is a file (an import) declares `file`: the parsed JSON reaches the
 *     handler unvalidated as `file`, because the reader it is handed to checks all of it
 *     before anything is written (and names every record at fault, which a schema here could
 *     not do as well).
 */
import { Readable } from "node:stream";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import * as z from "zod/mini";
import { type ErrorCode, type FieldError, isTitrateError, TitrateError } from "../core/errors.ts";
import { parseWith } from "../core/schemas/validate.ts";
import { type Access, type Principal, userIdOf } from "./auth/principal.ts";

export type Schema = z.ZodMiniType;
type Output<S> = S extends Schema ? z.output<S> : undefined;
// A 204 route answers no body, so whatever its handler returns is ignored. Answers are read,
// never changed, so the store's readonly lists and records are welcome as they are.
type Answer<S> = S extends Schema ? DeepReadonly<z.input<S>> : unknown;
type DeepReadonly<T> = T extends readonly (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** What a handler gets. On `signed-in` and `session` routes `principal` is never null. */
export interface RouteContext<B, Q, P, A extends Access> {
  readonly body: B;
  readonly query: Q;
  readonly params: P;
  /** The body of a `file` route, parsed from JSON but not validated here; undefined otherwise. */
  readonly file: unknown;
  readonly principal: A extends "public" ? Principal | null : Principal;
  /** The signed-in account's id: pass it to every repository call. UNAUTHENTICATED if none. */
  readonly userId: string;
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
}

export interface RouteSpec<
  B extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  P extends Schema | undefined = undefined,
  R extends Schema | undefined = undefined,
  A extends Access = "signed-in",
> {
  readonly method: Method;
  /** Fastify's path syntax: `/api/v1/auth/tokens/:id`. */
  readonly url: string;
  /** A unique camelCase name for clients generated from the OpenAPI document. */
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  readonly tags: readonly string[];
  /** Default `signed-in`. */
  readonly access?: A;
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  /** The body is a file the handler's reader validates whole; see the top of this file. */
  readonly file?: FileBody;
  /** The success status; 204 answers no body. Default 200. */
  readonly status?: 200 | 201 | 204;
  readonly response?: R;
  /** Files the route may answer (as a FileAnswer) instead of JSON. */
  readonly downloads?: readonly Download[];
  /** Error codes this route may answer besides the ones every route of its kind may. */
  readonly errors?: readonly ErrorCode[];
  /** Bytes; the server's small default applies otherwise. */
  readonly bodyLimit?: number;
  readonly handler: (
    context: RouteContext<Output<B>, Output<Q>, Output<P>, A>,
  ) => Promise<Answer<R> | FileAnswer> | Answer<R> | FileAnswer;
}

export interface FileBody {
  readonly description: string;
  /** The document's schema, for the OpenAPI description only. */
  readonly schema?: Schema;
}

export interface Download {
  /** `text/calendar`, `application/zip`, … */
  readonly contentType: string;
  readonly description: string;
  /** For a JSON document: its schema, for the OpenAPI description only. */
  readonly schema?: Schema;
}

/** A file to send as an attachment (`Content-Disposition: attachment; filename=…`). */
export class FileAnswer {
  readonly contentType: string;
  readonly filename: string;
  /** The bytes, or a stream for a file too large to hold at once (a study's export). */
  readonly body: string | Uint8Array | Readable;
  constructor(contentType: string, filename: string, body: string | Uint8Array | Readable) {
    this.contentType = contentType;
    this.filename = filename;
    this.body = body;
  }
}

/** A declaration with its types erased, as the OpenAPI generator reads it. */
export interface DeclaredRoute {
  readonly method: Method;
  readonly url: string;
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string | undefined;
  readonly tags: readonly string[];
  readonly access: Access;
  readonly params?: Schema | undefined;
  readonly query?: Schema | undefined;
  readonly body?: Schema | undefined;
  readonly file?: FileBody | undefined;
  readonly status: 200 | 201 | 204;
  readonly response?: Schema | undefined;
  readonly downloads: readonly Download[];
  readonly errors: readonly ErrorCode[];
}

declare module "fastify" {
  interface FastifyInstance {
    /** Every route declared with defineRoute, in order (shared by all plugins). */
    readonly declaredRoutes: DeclaredRoute[];
  }
}

const NoQuery = z.strictObject({});
const NoBody = z.optional(z.strictObject({}));

/** Registers `spec` on `app` and records it for the OpenAPI document. */
export function defineRoute<
  B extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  P extends Schema | undefined = undefined,
  R extends Schema | undefined = undefined,
  A extends Access = "signed-in",
>(app: FastifyInstance, spec: RouteSpec<B, Q, P, R, A>): void {
  const declared = declare(spec);
  if (app.declaredRoutes.some((r) => r.operationId === declared.operationId)) {
    throw new Error(`${spec.method} ${spec.url}: operationId "${spec.operationId}" is taken`);
  }
  app.declaredRoutes.push(declared);
  app.route({
    method: spec.method,
    url: spec.url,
    ...(spec.bodyLimit === undefined ? {} : { bodyLimit: spec.bodyLimit }),
    config: { access: declared.access },
    handler: async (request, reply) => {
      const input = parseRequest(declared, request);
      const context = {
        ...input,
        principal: request.principal,
        get userId() {
          return userIdOf(request);
        },
        request,
        reply,
      } as RouteContext<Output<B>, Output<Q>, Output<P>, A>;
      const answer = await spec.handler(context);
      reply.code(declared.status);
      if (declared.status === 204) return reply.send();
      if (answer instanceof FileAnswer) return sendFile(declared, reply, answer);
      return reply.send(checkAnswer(declared, answer));
    },
  });
}

function declare(
  spec: RouteSpec<
    Schema | undefined,
    Schema | undefined,
    Schema | undefined,
    Schema | undefined,
    Access
  >,
): DeclaredRoute {
  const where = `${spec.method} ${spec.url}`;
  const pathNames = [...spec.url.matchAll(/:([A-Za-z0-9_]+)/gu)].map((m) => m[1] as string);
  for (const [part, schema] of [
    ["params", spec.params],
    ["query", spec.query],
    ["body", spec.body],
  ] as const) {
    if (schema && !isStrictObject(schema)) {
      throw new Error(
        `${where}: the ${part} schema must be a z.strictObject (unknown fields are refused)`,
      );
    }
  }
  const declaredNames = spec.params ? Object.keys(objectShape(spec.params)).sort() : [];
  if (declaredNames.join() !== [...pathNames].sort().join()) {
    throw new Error(
      `${where}: the params schema must name exactly the path's parameters (${pathNames.join(", ") || "none"})`,
    );
  }
  const status = spec.status ?? 200;
  const answers = spec.response !== undefined || (spec.downloads ?? []).length > 0;
  if ((status === 204) === answers) {
    throw new Error(
      `${where}: a 204 route has no response schema or downloads, and every other route has one of them`,
    );
  }
  if (spec.file && spec.body) throw new Error(`${where}: a route takes a body schema or a file`);
  return {
    method: spec.method,
    url: spec.url,
    operationId: spec.operationId,
    summary: spec.summary,
    description: spec.description,
    tags: spec.tags,
    access: spec.access ?? "signed-in",
    params: spec.params,
    query: spec.query,
    body: spec.body,
    file: spec.file,
    status,
    response: spec.response,
    downloads: spec.downloads ?? [],
    errors: spec.errors ?? [],
  };
}

/** Validates params, query and body; one VALIDATION_FAILED naming every field at fault. */
function parseRequest(
  route: DeclaredRoute,
  request: FastifyRequest,
): { body: unknown; query: unknown; params: unknown; file: unknown } {
  const fields: FieldError[] = [];
  const parse = (schema: Schema, value: unknown): unknown => {
    try {
      return parseWith(schema, value);
    } catch (error) {
      if (isTitrateError(error) && error.code === "VALIDATION_FAILED") {
        fields.push(...error.fields);
        return undefined;
      }
      throw error;
    }
  };
  const params = route.params ? parse(route.params, request.params) : undefined;
  const query = parse(route.query ?? NoQuery, request.query ?? {});
  const body = route.file ? undefined : parse(route.body ?? NoBody, request.body);
  if (fields.length > 0) {
    const message =
      fields.length === 1
        ? `${fields[0]?.path || "body"}: ${fields[0]?.message}`
        : `${fields.length} fields are invalid: ${fields.map((f) => `${f.path || "body"}: ${f.message}`).join("; ")}`;
    throw new TitrateError("VALIDATION_FAILED", message, fields);
  }
  return {
    body: route.body ? body : undefined,
    query: route.query ? query : undefined,
    params,
    file: route.file ? request.body : undefined,
  };
}

/** The handler's answer, checked against the response schema. A mismatch is a bug here. */
function checkAnswer(route: DeclaredRoute, answer: unknown): unknown {
  if (!route.response) {
    throw new Error(`${route.method} ${route.url}: answers only files, and got something else`);
  }
  const result = route.response.safeParse(answer);
  if (!result.success) {
    throw new Error(
      `${route.method} ${route.url}: the answer does not match its response schema: ${result.error.message}`,
    );
  }
  return result.data;
}

/** Sends a file as an attachment; a content type the route did not declare is a bug. */
function sendFile(route: DeclaredRoute, reply: FastifyReply, file: FileAnswer): FastifyReply {
  if (!route.downloads.some((d) => d.contentType === file.contentType)) {
    throw new Error(`${route.method} ${route.url}: ${file.contentType} is not among its downloads`);
  }
  // Names are ours (an account name made safe, a stamp), but a header must never carry
  // anything else: keep a conservative set of characters.
  const filename = file.filename.replace(/[^A-Za-z0-9._-]+/gu, "-");
  const charset = /^text\/|json/u.test(file.contentType) ? "; charset=utf-8" : "";
  return reply
    .type(`${file.contentType}${charset}`)
    .header("content-disposition", `attachment; filename="${filename}"`)
    .send(
      typeof file.body === "string" || file.body instanceof Readable
        ? file.body
        : Buffer.from(file.body),
    );
}

/** A strict object, or an optional one (a body that may be left out entirely). */
function isStrictObject(schema: Schema): boolean {
  const def = schema._zod.def as { type: string; catchall?: Schema; innerType?: Schema };
  if (def.type === "optional" && def.innerType) return isStrictObject(def.innerType);
  return def.type === "object" && def.catchall?._zod.def.type === "never";
}

function objectShape(schema: Schema): Record<string, Schema> {
  return (schema._zod.def as unknown as { shape: Record<string, Schema> }).shape;
}
