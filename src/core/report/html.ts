/**
 * Building HTML as text, safely: every piece of a person's text goes through `escapeHtml`
 * before it reaches the page, so a note that says `<script>` is shown, never run.
 */

const entities: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text made safe for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/gu, (c) => entities[c] ?? c);
}

/** A table with a header row; cells are already-escaped HTML. */
export function table(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  caption?: string,
): string {
  const head = `<thead><tr>${headers.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join("")}</tr></thead>`;
  const body = `<tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join("")}</tr>`).join("")}</tbody>`;
  return `<table>${caption ? `<caption>${escapeHtml(caption)}</caption>` : ""}${head}${body}</table>`;
}

/** A paragraph of plain text. */
export function paragraph(text: string, className?: string): string {
  return `<p${className ? ` class="${className}"` : ""}>${escapeHtml(text)}</p>`;
}

/** A list of plain-text items. */
export function list(items: readonly string[]): string {
  return `<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join("")}</ul>`;
}
