/**
 * Text with its web addresses as links (a finding's advice names findahelpline.com, say).
 * Only http and https addresses become links; everything is rendered as text by Preact, never
 * as HTML, and a link opens in a new tab without giving the page a handle on this one.
 */
import type { ComponentChildren } from "preact";

const address = /\bhttps?:\/\/[^\s<>"'()]+/gu;

/** The pieces of `text`: strings, and an <a> for each web address in it. */
export function linkify(text: string): ComponentChildren[] {
  const pieces: ComponentChildren[] = [];
  let from = 0;
  for (const match of text.matchAll(address)) {
    // Punctuation that ends the sentence is not part of the address.
    const url = match[0].replace(/[.,;:!?]+$/u, "");
    let safe: URL | null = null;
    try {
      safe = new URL(url);
    } catch {
      safe = null;
    }
    if (!safe || (safe.protocol !== "https:" && safe.protocol !== "http:")) continue;
    pieces.push(text.slice(from, match.index));
    pieces.push(
      <a key={`${match.index}`} href={safe.href} target="_blank" rel="noopener noreferrer">
        {url}
      </a>,
    );
    from = match.index + url.length;
  }
  pieces.push(text.slice(from));
  return pieces;
}
