/**
 * The API reference page, rendered on the server from the OpenAPI document: plain HTML and one
 * stylesheet of our own, no script, nothing from another origin (the CSP forbids it anyway).
 * Also the small page at `/` until the web UI lands.
 */
import { errorRegistry } from "../core/errors.ts";
import type { OpenApiDocument, Operation } from "./openapi.ts";

export const STYLESHEET_PATH = "/assets/titrate.css";

export const stylesheet = `
:root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.5; }
body { max-width: 60rem; margin: 0 auto; padding: 1rem 1.5rem 4rem; }
h1, h2, h3 { line-height: 1.2; }
code, pre { font-family: ui-monospace, monospace; font-size: 0.9em; }
pre { overflow-x: auto; padding: 0.75rem; border: 1px solid #8884; border-radius: 4px; }
section.op { border-top: 1px solid #8886; padding-top: 0.5rem; margin-top: 1.5rem; }
.method { font-weight: 700; display: inline-block; min-width: 4.5rem; }
.access { font-size: 0.85em; opacity: 0.8; }
table { border-collapse: collapse; }
td, th { text-align: left; vertical-align: top; padding: 0.2rem 0.6rem 0.2rem 0; }
nav ul { columns: 2; }
`;

function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
</head>
<body>
${body}
</body>
</html>
`;
}

function accessOf(operation: Operation): string {
  if (operation.security.length === 0) return "no sign-in needed";
  if (operation.security.length === 1) return "browser session only";
  return "session cookie or API token";
}

function renderOperation(method: string, path: string, operation: Operation): string {
  const anchor = escapeHtml(operation.operationId);
  const parameters = operation.parameters ?? [];
  const parts = [
    `<section class="op" id="${anchor}">`,
    `<h3><span class="method">${escapeHtml(method.toUpperCase())}</span> <code>${escapeHtml(path)}</code></h3>`,
    `<p>${escapeHtml(operation.summary)} <span class="access">(${escapeHtml(accessOf(operation))})</span></p>`,
  ];
  if (operation.description) parts.push(`<p>${escapeHtml(operation.description)}</p>`);
  if (parameters.length > 0) {
    parts.push(
      "<h4>Parameters</h4><table><tr><th>name</th><th>in</th><th>schema</th></tr>",
      ...parameters.map(
        (p) =>
          `<tr><td><code>${escapeHtml(p.name)}</code>${p.required ? " (required)" : ""}</td><td>${p.in}</td><td><code>${escapeHtml(JSON.stringify(p.schema))}</code></td></tr>`,
      ),
      "</table>",
    );
  }
  if (operation.requestBody) {
    parts.push("<h4>Request body (JSON)</h4>");
    if (operation.requestBody.description) {
      parts.push(`<p>${escapeHtml(operation.requestBody.description)}</p>`);
    }
    parts.push(
      `<pre>${escapeHtml(JSON.stringify(operation.requestBody.content["application/json"].schema, null, 2))}</pre>`,
    );
  }
  parts.push("<h4>Responses</h4><table><tr><th>status</th><th>meaning</th></tr>");
  for (const [status, response] of Object.entries(operation.responses)) {
    const codes = response["x-error-codes"];
    const meaning = codes
      ? codes.map((c) => `<code>${escapeHtml(c)}</code>`).join(", ")
      : escapeHtml(response.description);
    parts.push(`<tr><td>${escapeHtml(status)}</td><td>${meaning}</td></tr>`);
  }
  parts.push("</table>");
  const content = Object.values(operation.responses)[0]?.content ?? {};
  const files = Object.keys(content).filter((type) => type !== "application/json");
  if (files.length > 0) {
    parts.push(
      `<p>Answers a file: ${files.map((t) => `<code>${escapeHtml(t)}</code>`).join(", ")}.</p>`,
    );
  }
  const success = content["application/json"]?.schema;
  if (success) {
    parts.push(
      "<details><summary>Success body schema</summary>",
      `<pre>${escapeHtml(JSON.stringify(success, null, 2))}</pre>`,
      "</details>",
    );
  }
  parts.push("</section>");
  return parts.join("\n");
}

/** The reference page for `document`. */
export function renderDocsPage(document: OpenApiDocument): string {
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ method, path, operation })),
  );
  const nav = operations
    .map(
      ({ method, path, operation }) =>
        `<li><a href="#${escapeHtml(operation.operationId)}">${escapeHtml(method.toUpperCase())} ${escapeHtml(path)}</a></li>`,
    )
    .join("\n");
  const errors = Object.entries(errorRegistry)
    .map(
      ([code, spec]) =>
        `<tr><td><code>${code}</code></td><td>${spec.status}</td><td>${escapeHtml(spec.help)}</td></tr>`,
    )
    .join("\n");
  return page(
    "Titrate API reference",
    `<h1>Titrate API <small>${escapeHtml(document.info.version)}</small></h1>
<p>${escapeHtml(document.info.description)}</p>
<p>The machine-readable description is <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).</p>
<nav><h2>Routes</h2><ul>
${nav}
</ul></nav>
<h2>Routes in detail</h2>
${operations.map(({ method, path, operation }) => renderOperation(method, path, operation)).join("\n")}
<h2 id="errors">Error codes</h2>
<p>Every error answers <code>{ "error": { "code", "message", "fields": [{ "path", "message" }] } }</code>.</p>
<table><tr><th>code</th><th>HTTP</th><th>meaning</th></tr>
${errors}
</table>`,
  );
}

/** The page at `/` until the web UI is served there. */
export function renderHomePage(version: string): string {
  return page(
    "Titrate",
    `<h1>Titrate</h1>
<p>The Titrate server ${escapeHtml(version)} is running. Its JSON API is under <code>/api/v1</code>;
the reference is at <a href="/api/docs">/api/docs</a>.</p>
<p>The web interface will be served here.</p>`,
  );
}
