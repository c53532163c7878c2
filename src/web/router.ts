/**
 * Routing in the browser: the path of the address bar is the screen. Links are ordinary
 * <a href> elements (they open in a new tab as usual); a plain click is handled here
 * without reloading the page. The server answers every app path with index.html.
 */
import { useEffect, useState } from "preact/hooks";

type Listener = (path: string) => void;
const listeners = new Set<Listener>();

export function currentPath(): string {
  return window.location.pathname;
}

/** Goes to `path` (and its query) without a reload; `replace` keeps the history length. */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (path === `${window.location.pathname}${window.location.search}`) return;
  if (options.replace) window.history.replaceState(null, "", path);
  else window.history.pushState(null, "", path);
  notify();
}

function notify(): void {
  const path = currentPath();
  for (const listener of listeners) listener(path);
}

window.addEventListener("popstate", notify);

/**
 * The current path; re-renders on navigation, a change of query alone included (a tab such
 * as /log-other?tab=symptom is read with queryParam, on the same path).
 */
export function usePath(): string {
  const [location, setLocation] = useState(currentLocation);
  useEffect(() => {
    const listener = () => setLocation(currentLocation());
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, []);
  return location.pathname;
}

/** The path and query, as one value: a new one re-renders a usePath. */
function currentLocation(): { readonly pathname: string; readonly search: string } {
  return { pathname: window.location.pathname, search: window.location.search };
}

/** The query parameters of the current address. */
export function queryParam(name: string): string | null {
  return new URLSearchParams(window.location.search).get(name);
}

/** An onClick for <a href>: handles a plain left click in the app, leaves others to the browser. */
export function followLink(event: MouseEvent): void {
  const anchor = event.currentTarget as HTMLAnchorElement;
  if (
    event.defaultPrevented ||
    event.button !== 0 ||
    event.metaKey ||
    event.ctrlKey ||
    event.shiftKey ||
    event.altKey ||
    anchor.target ||
    anchor.origin !== window.location.origin ||
    anchor.hasAttribute("download")
  ) {
    return;
  }
  event.preventDefault();
  navigate(`${anchor.pathname}${anchor.search}`);
  window.scrollTo(0, 0);
}
