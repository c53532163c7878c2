/**
 * A screen loaded on demand: its code (and Temporal or Zod, when it needs them) arrives only
 * when the screen is opened, keeping the first screen small (issue 11).
 */
import type { ComponentType } from "preact";
import { useEffect, useState } from "preact/hooks";

type Loader = () => Promise<{ default: ComponentType }>;
const loaded = new Map<Loader, ComponentType>();

export function Lazy({ load }: { readonly load: Loader }) {
  const [Screen, setScreen] = useState<ComponentType | null>(() => loaded.get(load) ?? null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const known = loaded.get(load);
    if (known) {
      setScreen(() => known);
      return;
    }
    let current = true;
    setScreen(null);
    load().then(
      (module) => {
        loaded.set(load, module.default);
        if (current) setScreen(() => module.default);
      },
      () => {
        if (current) setFailed(true);
      },
    );
    return () => {
      current = false;
    };
  }, [load]);
  if (failed) {
    return (
      <div class="notice warning" role="alert">
        <p>
          This screen could not be loaded. If you are offline, it opens once the server is reachable
          again.
        </p>
      </div>
    );
  }
  if (!Screen)
    return (
      <p class="muted" aria-live="polite">
        Loading…
      </p>
    );
  return <Screen />;
}
