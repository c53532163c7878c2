/**
 * Focus moved on purpose, for keyboard and screen-reader users: to a result's heading when it
 * replaces its form (the button that had the focus is gone, and the focus fell to the page),
 * and back to what opened a dialog when it closes.
 */
import type { RefObject } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";

/**
 * A ref whose element (a heading or notice with tabIndex={-1}) takes the focus each time
 * `result` becomes a new value other than null (a saved entry, a message): a screen reader
 * then says what happened, and Tab goes on from there.
 */
export function useFocusWhen<T extends HTMLElement>(result: unknown): RefObject<T | null> {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (result !== null && result !== undefined && result !== false) ref.current?.focus();
  }, [result]);
  return ref;
}

/**
 * For a dialog: when it closes, the focus goes back to what had it when it opened, or to the
 * screen (<main>) if that is gone. After the render that closes it, once the page under it
 * is no longer inert; and only if nothing took the focus meanwhile (the journal's notice of
 * what was deleted).
 */
export function useReturnFocus(): void {
  // Read while rendering: once the page under the dialog is inert, its focus is already lost.
  const [opener] = useState(() => document.activeElement);
  useEffect(() => {
    return () => {
      setTimeout(() => {
        const focused = document.activeElement;
        if (focused && focused !== document.body) return;
        const target =
          opener instanceof HTMLElement && opener.isConnected && opener !== document.body
            ? opener
            : document.getElementById("main");
        target?.focus();
      }, 0);
    };
  }, [opener]);
}
