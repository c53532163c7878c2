/** Small pieces for screens that load data. */

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
      <p>{error instanceof Error ? error.message : String(error)}</p>
    </div>
  );
}
