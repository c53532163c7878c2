/**
 * The plain safety page: what Titrate is and is not, the main risks (from the catalog, with
 * their FACTS ids), testing your supply, the law, and why a professional's guidance is best.
 * Shown as the last step of the first run, and always under Safety.
 */
import { ketamine } from "../../core/substances/ketamine.ts";
import { followLink, navigate, queryParam } from "../router.ts";

export default function SafetyScreen() {
  const firstRun = queryParam("first") === "1";
  return (
    <>
      <h1>Before you start</h1>
      {firstRun ? <p class="muted">Step 3 of 3</p> : null}
      <section class="card">
        <h2>What Titrate is, and is not</h2>
        <p>
          Titrate is a private journal and planner: it sizes doses with cautious rules, spaces them,
          and warns you early when something looks wrong. It keeps your data on this machine and
          sends nothing anywhere.
        </p>
        <p>
          It is not medical advice and not a doctor. Microdosing's benefits are unproven and may be
          expectation (FACTS K-DOSE-3, PLACEBO-1): the journal is there to help you find out
          honestly. A professional's guidance and supervision are best (FACTS LEGAL-1).
        </p>
      </section>
      <section class="card">
        <h2>The main risks of ketamine</h2>
        <p>Stop and get help when you notice any of these signs:</p>
        <ul>
          {ketamine.risks.map((risk) => (
            <li key={risk.id}>
              <strong>{risk.title}</strong>: {risk.signs.join("; ")}. {risk.advice}{" "}
              <span class="sources">(FACTS {risk.facts.join(", ")})</span>
            </li>
          ))}
        </ul>
        <p>
          Tolerance builds quickly and dependence is possible (FACTS K-TOL-1, K-DEP-1). Do not drive
          or do anything hazardous on a dosing day, and do not dose alone (FACTS K-DRIVE-1). Mixing
          with alcohol, opioids and other sedatives is dangerous (FACTS K-MIX-1).
        </p>
        <p>
          For psilocybin and LSD: a personal or family history of psychosis or bipolar disorder is a
          reason not to (FACTS K-CONTRA-1, P-RISK-1).
        </p>
      </section>
      <section class="card">
        <h2>Test what you have</h2>
        <p>
          Street supply is often not what it claims. Test every batch, even from a known source,
          with reagent tests; they show what a substance is, not how pure or how much (FACTS TEST-1,
          TEST-2, P-TEST-1). Record tests under{" "}
          <a href="/supplies" onClick={followLink}>
            Supplies
          </a>
          : Titrate shows the colours to expect.
        </p>
      </section>
      <section class="card">
        <h2>The law</h2>
        <p>
          Ketamine is a controlled drug in most countries, and the law differs from country to
          country (FACTS LEGAL-1). Know where you stand before you start.
        </p>
      </section>
      {firstRun ? (
        <button type="button" class="button" onClick={() => navigate("/today", { replace: true })}>
          I have read this: go to Today
        </button>
      ) : null}
    </>
  );
}
