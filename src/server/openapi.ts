/**
 * The OpenAPI 3.1 document, generated from the route declarations (route.ts): the same Zod
 * schemas that validate requests describe them here, through `z.toJSONSchema` (JSON Schema
 * 2020-12, which OpenAPI 3.1 uses as is). Error answers list the codes a route may give.
 */
import * as z from "zod/mini";
import { type ErrorCode, errorRegistry } from "../core/errors.ts";
import type { Access } from "./auth/principal.ts";
import { ErrorResponse } from "./error-replies.ts";
import type { DeclaredRoute, Schema } from "./route.ts";

type JsonSchema = Record<string, unknown>;

export interface OpenApiDocument {
  readonly openapi: "3.1.0";
  readonly info: { readonly title: string; readonly version: string; readonly description: string };
  readonly paths: Record<string, Record<string, Operation>>;
  readonly components: {
    readonly schemas: Record<string, JsonSchema>;
    readonly securitySchemes: Record<string, JsonSchema>;
  };
}

export interface Operation {
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  readonly tags: readonly string[];
  readonly security: readonly Record<string, readonly string[]>[];
  readonly parameters?: readonly Parameter[];
  readonly requestBody?: {
    readonly required: boolean;
    readonly description?: string;
    readonly content: { readonly "application/json": { readonly schema: JsonSchema } };
  };
  readonly responses: Record<string, Response>;
}

interface Parameter {
  readonly name: string;
  readonly in: "path" | "query";
  readonly required: boolean;
  readonly schema: JsonSchema;
  readonly description?: string;
}

interface Response {
  readonly description: string;
  /** By media type: `application/json`, and the files a route may answer. */
  readonly content?: Readonly<Record<string, { readonly schema: JsonSchema }>>;
  readonly headers?: Readonly<Record<string, JsonSchema>>;
  readonly "x-error-codes"?: readonly ErrorCode[];
}

export interface OpenApiInfo {
  readonly version: string;
  readonly sessionCookieName: string;
}

/** JSON Schema of `schema` as a request (`input`) or an answer (`output`) sees it. */
export function jsonSchemaOf(schema: Schema, io: "input" | "output"): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: "any",
    target: "draft-2020-12",
  }) as JsonSchema;
  return rest;
}

/**
 * The error codes `route` may answer: its own, and those every route of its kind may. Every
 * route other than a GET reads a body if one is sent (a route without a body schema accepts
 * an empty object), so each may refuse one that is not JSON or too large. Any route may meet
 * a database kept busy or not writable (a session's last use is written on every request),
 * a Host this server does not answer to, or a bug (500).
 */
export function errorCodesOf(route: DeclaredRoute): ErrorCode[] {
  const codes = new Set<ErrorCode>(["VALIDATION_FAILED"]);
  if (route.method !== "GET") {
    for (const code of ["INVALID_JSON", "PAYLOAD_TOO_LARGE", "UNSUPPORTED_MEDIA_TYPE"] as const) {
      codes.add(code);
    }
  }
  if (route.access !== "public") codes.add("UNAUTHENTICATED");
  if (route.access === "session") codes.add("FORBIDDEN");
  codes.add("HOST_REJECTED");
  if (route.method !== "GET") codes.add("ORIGIN_REJECTED");
  for (const code of route.errors) codes.add(code);
  for (const code of ["RATE_LIMITED", "INTERNAL", "STORE_BUSY", "STORE_NOT_WRITABLE"] as const) {
    codes.add(code);
  }
  return [...codes];
}

const security: Record<Access, readonly Record<string, readonly string[]>[]> = {
  public: [],
  "signed-in": [{ sessionCookie: [] }, { bearerToken: [] }],
  session: [{ sessionCookie: [] }],
};

/** The OpenAPI 3.1 document for `routes`. */
export function buildOpenApiDocument(
  routes: readonly DeclaredRoute[],
  info: OpenApiInfo,
): OpenApiDocument {
  const paths: Record<string, Record<string, Operation>> = {};
  for (const route of routes) {
    const path = route.url.replace(/:([A-Za-z0-9_]+)/gu, "{$1}");
    paths[path] ??= {};
    (paths[path] as Record<string, Operation>)[route.method.toLowerCase()] = operationOf(route);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Titrate API",
      version: info.version,
      description:
        "The JSON API of a Titrate server. Sign in with POST /api/v1/auth/login (a session cookie) or send a personal API token as `Authorization: Bearer <token>`. Every error answers `{ error: { code, message, fields } }` with a stable code (docs/errors.md). State-changing requests signed in by cookie must carry this server's Origin. A POST that records something is not idempotent: sent twice, it records twice (a batch or preset under a name already used is refused, 409 LABEL_TAKEN), so after a lost answer look at GET /api/v1/journal before sending it again.",
    },
    paths,
    components: {
      schemas: { Error: jsonSchemaOf(ErrorResponse, "output") },
      securitySchemes: {
        sessionCookie: { type: "apiKey", in: "cookie", name: info.sessionCookieName },
        bearerToken: { type: "http", scheme: "bearer", description: "A personal API token." },
      },
    },
  };
}

function operationOf(route: DeclaredRoute): Operation {
  const parameters = [...parametersOf(route.params, "path"), ...parametersOf(route.query, "query")];
  const responses: Record<string, Response> = { [String(route.status)]: successOf(route) };
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of errorCodesOf(route)) {
    const status = errorRegistry[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[String(status)] = {
      description: codes.map((code) => `${code}: ${errorRegistry[code].help}`).join("\n"),
      content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
      "x-error-codes": codes,
    };
  }
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: route.tags,
    security: security[route.access],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: route.body._zod.optin !== "optional",
            content: { "application/json": { schema: jsonSchemaOf(route.body, "input") } },
          },
        }
      : {}),
    ...(route.file
      ? {
          requestBody: {
            required: true,
            description: route.file.description,
            content: {
              "application/json": {
                schema: route.file.schema ? jsonSchemaOf(route.file.schema, "input") : {},
              },
            },
          },
        }
      : {}),
    responses,
  };
}

/** The success answer: JSON, and any files the route may send instead. */
function successOf(route: DeclaredRoute): Response {
  if (route.status === 204) return { description: "Success; no body." };
  const content: Record<string, { schema: JsonSchema }> = {};
  if (route.response) {
    content["application/json"] = { schema: jsonSchemaOf(route.response, "output") };
  }
  for (const download of route.downloads) {
    content[download.contentType] = {
      schema: download.schema
        ? jsonSchemaOf(download.schema, "output")
        : { type: "string", contentMediaType: download.contentType },
    };
  }
  const files = route.downloads.map((d) => `${d.contentType}: ${d.description}`);
  return {
    description: files.length === 0 ? "Success." : `Success. ${files.join(" ")}`,
    content,
    ...(files.length === 0
      ? {}
      : {
          headers: {
            "Content-Disposition": {
              description: 'For a file: `attachment; filename="…"`.',
              schema: { type: "string" },
            },
          },
        }),
  };
}

function parametersOf(schema: Schema | undefined, where: "path" | "query"): Parameter[] {
  if (!schema) return [];
  const json = jsonSchemaOf(schema, "input");
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === "path" || required.has(name),
    schema: property,
    ...(typeof property.description === "string" ? { description: property.description } : {}),
  }));
}
