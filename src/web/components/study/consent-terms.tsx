/**
 * A consent version's terms in plain words, as a participant reads them before accepting and
 * afterwards, and as the coordinator checks them: what the study sees (and never sees), how
 * dates reach it, and what a withdrawal does to the data.
 */
import { categoryDescriptions } from "../../../core/study/codebook.ts";
import { sentence } from "../../lib/format.ts";
import type { ConsentVersion } from "../../study-types.ts";

export function withdrawalText(choice: ConsentVersion["onWithdrawal"]): string {
  return choice === "delete"
    ? "If you withdraw, everything the study could see is deleted from your journal — the entries of those kinds from your first study day until you withdraw, or until the study's last day if you withdraw after it — and the study keeps nothing of yours but a count of withdrawals."
    : "If you withdraw, what you recorded until then stays in the study, under your pseudonym; nothing you record afterwards reaches it.";
}

export function datesText(dates: ConsentVersion["dates"]): string {
  return dates === "shifted"
    ? "Dates reach the study only as study days (day 0 is your first day in the study) and times of day: no calendar dates."
    : "Dates reach the study exactly: the calendar date and time of each entry.";
}

export function ConsentTerms({ consent }: { readonly consent: ConsentVersion }) {
  const notes = consent.collects.includes("notes");
  return (
    <div class="consent-terms">
      <h3>What the study sees (consent version {consent.version})</h3>
      <ul>
        {consent.collects.map((c) => (
          <li key={c}>{sentence(categoryDescriptions[c])}</li>
        ))}
      </ul>
      <p>
        Never your name, your username or your account; never your profile, medications, supplies or
        plans{notes ? "" : ", and nothing you write in words"}. The study team sees you under a
        pseudonym that means nothing outside this study.
      </p>
      <p>{datesText(consent.dates)}</p>
      <p>
        <strong>{withdrawalText(consent.onWithdrawal)}</strong>
      </p>
    </div>
  );
}

/** The consent's own text, as the coordinator wrote it, keeping its line breaks. */
export function ConsentText({ consent }: { readonly consent: ConsentVersion }) {
  return (
    <blockquote class="consent-text" aria-label={`Consent text, version ${consent.version}`}>
      {consent.text}
    </blockquote>
  );
}
