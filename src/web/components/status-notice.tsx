/**
 * A success notice that screen readers announce: the live region is always in the page, empty
 * until there is something to say. A region that appears together with its text is not
 * reliably announced (the form stays in place, so the focus does not move to it either).
 */
import type { ComponentChildren } from "preact";

export function StatusNotice({ children }: { children?: ComponentChildren }) {
  const empty = children === null || children === undefined || children === false;
  return (
    <div role="status" class={empty ? undefined : "notice success"}>
      {empty ? null : children}
    </div>
  );
}
