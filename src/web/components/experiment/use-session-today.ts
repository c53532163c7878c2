/**
 * Today's blinded-experiment session, when an experiment runs and today is one of its session
 * days; else null. Asks GET /api/v1/experiments first (never a 404), and today's code only
 * while an experiment runs.
 */
import type { ExperimentToday, ExperimentView } from "../../types.ts";
import { useApi } from "../../use-api.ts";

export function useSessionToday(): ExperimentToday["session"] {
  const latest = useApi<{ current: ExperimentView | null }>("/api/v1/experiments");
  const running = latest.data?.current?.state === "running";
  const today = useApi<ExperimentToday>(running ? "/api/v1/experiments/current/today" : null);
  return running ? (today.data?.session ?? null) : null;
}
