/** Small pieces for screens that load data. */
import { errorText } from "../api.ts";

/** A list answer, whether the route wraps it in an object (`{ batches: [...] }`) or not. */
export function listOf<T>(answer: T[] | Record<string, T[]> | undefined, key: string): T[] {
  if (!answer) return [];
  if (Array.isArray(answer)) return answer;
  return answer[key] ?? [];
}

/** Why data did not load, in words, where the data would be. */
export function LoadError({ error }: { readonly error: unknown }) {
  if (!error) return null;
  return (
    <div class="notice warning" role="alert">
      <p>{errorText(error)}</p>
    </div>
  );
}
