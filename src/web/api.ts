/**
 * The web app's only door to its data: JSON over HTTP to this server's /api/v1, with the
 * session cookie (same origin; the browser sends the Origin header the server checks).
 * Errors arrive in the API's one shape and become an ApiError whose `fields` the forms show
 * next to their inputs. A request that cannot reach the server is an OfflineError.
 */
import { labelOf, plainMessage } from "./lib/messages.ts";

export interface FieldError {
  readonly path: string;
  readonly message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: readonly FieldError[];
  constructor(status: number, code: string, message: string, fields: readonly FieldError[]) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
}

/** The server could not be reached: offline, or the server is stopped. */
export class OfflineError extends Error {
  constructor() {
    super(
      "Titrate's server cannot be reached: you may be offline, or the server is stopped. Nothing was saved.",
    );
    this.name = "OfflineError";
  }
}

type Listener = () => void;
const unauthorisedListeners = new Set<Listener>();
const reachabilityListeners = new Set<(reachable: boolean) => void>();

/** Called when the server answers 401: the session ended (expired, or signed out elsewhere). */
export function onUnauthorised(listener: Listener): () => void {
  unauthorisedListeners.add(listener);
  return () => unauthorisedListeners.delete(listener);
}

/** Called with false when a request could not reach the server, true when one did again. */
export function onReachability(listener: (reachable: boolean) => void): () => void {
  reachabilityListeners.add(listener);
  return () => reachabilityListeners.delete(listener);
}

export type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

/** Sends a request; resolves with the parsed JSON (undefined for 204), else throws. */
export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method, credentials: "same-origin", headers: {} };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { "content-type": "application/json" };
  }
  let answer: Response;
  try {
    answer = await fetch(path, init);
  } catch {
    for (const listener of reachabilityListeners) listener(false);
    throw new OfflineError();
  }
  for (const listener of reachabilityListeners) listener(true);
  if (answer.status === 204) return undefined as T;
  const text = await answer.text();
  const json = text === "" ? undefined : safeJson(text);
  if (answer.ok) return json as T;
  if (answer.status === 401) for (const listener of unauthorisedListeners) listener();
  throw toApiError(answer.status, json);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function toApiError(status: number, json: unknown): ApiError {
  const error = (json as { error?: { code?: unknown; message?: unknown; fields?: unknown } })
    ?.error;
  const fields = Array.isArray(error?.fields)
    ? error.fields.filter(
        (f): f is FieldError => typeof f?.path === "string" && typeof f?.message === "string",
      )
    : [];
  return new ApiError(
    status,
    typeof error?.code === "string" ? error.code : "HTTP_ERROR",
    typeof error?.message === "string" ? error.message : `the server answered ${status}`,
    fields,
  );
}

/**
 * POSTs `body` (a backup), or GETs `path` when there is none (the report), and saves the
 * answer as a file: the name comes from the server's Content-Disposition, else
 * `fallbackName`. Resolves with the file's name.
 */
export async function download(path: string, body: unknown, fallbackName: string): Promise<string> {
  let answer: Response;
  try {
    answer = await fetch(
      path,
      body === undefined
        ? { credentials: "same-origin" }
        : {
            method: "POST",
            credentials: "same-origin",
            headers: { "content-type": "application/json" },
            body: JSON.stringify(body),
          },
    );
  } catch {
    throw new OfflineError();
  }
  if (!answer.ok) throw toApiError(answer.status, safeJson(await answer.text()));
  const disposition = answer.headers.get("content-disposition") ?? "";
  const name = /filename="?([^";]+)"?/u.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await answer.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

export const api = {
  get: <T>(path: string) => request<T>("GET", path),
  post: <T>(path: string, body?: unknown) => request<T>("POST", path, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>("PATCH", path, body),
  delete: <T>(path: string) => request<T>("DELETE", path),
};

/** The field errors of an ApiError, or of a TitrateError from a check run in the browser. */
function fieldsOf(error: unknown): readonly FieldError[] | null {
  const fields = (error as { fields?: unknown } | null)?.fields;
  return Array.isArray(fields) ? (fields as FieldError[]) : null;
}

/** The message for a field (exact path, or the first error under it), if any, in plain words. */
export function fieldError(error: unknown, path: string): string | undefined {
  const fields = fieldsOf(error);
  if (!fields) return undefined;
  const exact = fields.find((f) => f.path === path);
  const found = exact ?? fields.find((f) => f.path.startsWith(`${path}.`));
  return found ? plainMessage(found.message) : undefined;
}

/**
 * Errors not tied to one of `shownPaths`: shown at the top of the form, each named by its
 * field's label (`labels`, else the app's usual name for it), never by its path.
 */
export function otherErrors(
  error: unknown,
  shownPaths: readonly string[],
  labels: Readonly<Record<string, string>> = {},
): string[] {
  if (error === null || error === undefined) return [];
  const fields = fieldsOf(error);
  const message = error instanceof Error ? error.message : String(error);
  if (!fields || fields.length === 0) return [plainMessage(message)];
  const shown = (p: string) => shownPaths.some((s) => p === s || p.startsWith(`${s}.`));
  return fields
    .filter((f) => !shown(f.path))
    .map((f) => `${labelOf(f.path, labels)}: ${plainMessage(f.message)}`);
}

/** An error's message in plain words (no field path, no command-line hints). */
export function errorText(error: unknown): string {
  return plainMessage(error instanceof Error ? error.message : String(error));
}
