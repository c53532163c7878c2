/**
 * The study's de-identified export, a table at a time (CSV or JSON), and its codebook. Each
 * downloads through fetch (api.ts `download`), so a refusal shows here instead of being saved
 * as a file.
 */
import { useState } from "preact/hooks";
import { download } from "../../api.ts";
import type { StudyView } from "../../study-types.ts";
import { FormErrors } from "../field.tsx";

const tableNames: Readonly<Record<string, string>> = {
  participants: "Participants",
  doses: "Doses",
  check_ins: "Check-ins",
  questionnaires: "Questionnaires",
  symptom_reports: "Symptom reports",
  blood_pressures: "Blood pressure",
  other_substances: "Other substances",
  notes: "Notes",
};

const tableCategory: Readonly<Record<string, string | null>> = {
  participants: null,
  doses: "doses",
  check_ins: "checkIns",
  questionnaires: "questionnaires",
  symptom_reports: "symptoms",
  blood_pressures: "bloodPressure",
  other_substances: "otherSubstances",
  notes: "notes",
};

export function ExportFiles({ study }: { readonly study: StudyView }) {
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const collected = new Set(study.consentVersions.flatMap((v) => v.collects as string[]));
  const tables = Object.keys(tableNames).filter((t) => {
    const category = tableCategory[t];
    return category === null || (category !== undefined && collected.has(category));
  });
  const base = `/api/v1/studies/${encodeURIComponent(study.id)}`;
  async function get(path: string, fallback: string) {
    setError(null);
    try {
      setSaved(await download(path, undefined, fallback));
    } catch (caught) {
      setError(caught);
    }
  }
  return (
    <section class="card" aria-labelledby="export-title">
      <h2 id="export-title">Export</h2>
      <p>
        De-identified: participants by pseudonym only, dates as study days unless their consent says
        exact, free text only where their consent covers it. Pseudonymous is not anonymous: keep the
        files as your data-protection plan says.
      </p>
      <FormErrors
        messages={error ? [error instanceof Error ? error.message : String(error)] : []}
      />
      <ul class="plain">
        {tables.map((t) => (
          <li key={t} class="entry entry-head">
            <span>{tableNames[t]}</span>
            <span class="actions">
              <button
                type="button"
                class="button secondary small"
                onClick={() => void get(`${base}/export?table=${t}&format=csv`, `${t}.csv`)}
              >
                CSV<span class="visually-hidden"> of {tableNames[t]}</span>
              </button>
              <button
                type="button"
                class="button secondary small"
                onClick={() => void get(`${base}/export?table=${t}&format=json`, `${t}.json`)}
              >
                JSON<span class="visually-hidden"> of {tableNames[t]}</span>
              </button>
            </span>
          </li>
        ))}
        <li class="entry entry-head">
          <span>Codebook: every table and column, and what it means</span>
          <span class="actions">
            <button
              type="button"
              class="button secondary small"
              onClick={() => void get(`${base}/codebook?format=csv`, "codebook.csv")}
            >
              CSV<span class="visually-hidden"> of the codebook</span>
            </button>
            <button
              type="button"
              class="button secondary small"
              onClick={() => void get(`${base}/codebook?format=json`, "codebook.json")}
            >
              JSON<span class="visually-hidden"> of the codebook</span>
            </button>
          </span>
        </li>
      </ul>
      {saved ? (
        <p class="notice success" role="status">
          Saved {saved}.
        </p>
      ) : null}
    </section>
  );
}
