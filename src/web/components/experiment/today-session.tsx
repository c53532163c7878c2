/**
 * On Today, on a blinded-experiment session day: the one code to take, with a link to the
 * experiment's steps and the guess. Nothing on other days.
 */
import { followLink } from "../../router.ts";
import { useSessionToday } from "./use-session-today.ts";

export function ExperimentSessionToday() {
  const session = useSessionToday();
  if (!session) return null;
  return (
    <section class="card prompt" aria-labelledby="today-experiment-title">
      <h2 id="today-experiment-title">Blinded experiment: session {session.number} today</h2>
      <p>
        Take the preparation labelled <span class="code-big">{session.code}</span>
      </p>
      <p>
        <a href="/experiment" onClick={followLink}>
          {session.guess === null ? "The day's steps, and your guess" : "The day's steps"}
        </a>
      </p>
    </section>
  );
}
