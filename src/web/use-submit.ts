/**
 * A form's submit: prevents the native post (the server wants fetch() with its Origin),
 * runs the action once at a time, and keeps its error for the fields to show.
 */
import { useState } from "preact/hooks";

export interface Submit {
  readonly busy: boolean;
  readonly error: unknown;
  readonly setError: (error: unknown) => void;
  readonly submit: (event?: Event) => Promise<void>;
}

export function useSubmit<T>(action: () => Promise<T>, onDone?: (result: T) => void): Submit {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function submit(event?: Event) {
    event?.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const result = await action();
      onDone?.(result);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, setError, submit };
}
