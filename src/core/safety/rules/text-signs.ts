/**
 * text-signs: words of a warning sign typed in a check-in's effects, after-effects or note
 * ("burning when I pee", "nosebleed", "hearing voices"). Only a checklist can say whether it
 * is a sign, so the finding asks the person to fill in the matching one (bladder, kidney-liver,
 * nasal, mental); it never claims a diagnosis. The words come from the checklists' items and
 * the signs of FACTS K-BLAD-1, K-HARM-2, K-NOSE-1 and K-PSY-1 (text-sign-words.ts).
 *
 * Kept simple and honest: a word is a whole word or phrase, and one with a negation before it
 * in the same phrase ("no pain when urinating", "never had a nosebleed") does not count,
 * "can't stop" and "no longer" aside. Free text can say anything; this only asks a question.
 *
 * Bladder, kidney-liver and nasal words count for someone who uses or plans ketamine (nasal
 * words also with any nasal or snorted dose); mental-state words for everyone. A warning,
 * active until the person fills in that checklist (any answer), or at most 14 days: the
 * checklists ask about the past 2 weeks (Titrate's choice of window).
 */
import { crisisResources } from "../../crisis.ts";
import type { ChecklistId } from "../../questionnaires/instrument.ts";
import { getChecklist } from "../../questionnaires/instruments.ts";
import type { CheckIn } from "../../schemas/journal.ts";
import type { Finding } from "../finding.ts";
import type { JournalView, Timed } from "../journal-view.ts";
import type { SafetyRule } from "../rule.ts";
import { DAY_MS, instantText } from "../time-math.ts";
import { findSignWords, type TextChecklist, textChecklists } from "./text-sign-words.ts";

/** How long a mention stays active without a checklist: the checklists' 2 weeks. */
export const TEXT_SIGN_WINDOW_MS = 14 * DAY_MS;

const fieldNames = { effects: "effects", afterEffects: "after-effects", note: "note" } as const;

const facts: Readonly<Record<TextChecklist, string>> = {
  bladder: "K-BLAD-1",
  "kidney-liver": "K-HARM-2",
  nasal: "K-NOSE-1",
  mental: "K-PSY-1",
};

function ifSigns(journal: JournalView, checklist: TextChecklist): string {
  switch (checklist) {
    case "bladder":
      return "If any of its signs is new or worse, stop taking ketamine and see a doctor (FACTS K-BLAD-1).";
    case "kidney-liver":
      return "If any of its signs is new or worse, stop taking ketamine and see a doctor (FACTS K-HARM-2).";
    case "nasal":
      return "If any of its signs is new or worse, pause, do not snort or spray, and see a doctor if it persists (FACTS K-NOSE-1).";
    case "mental": {
      const call = crisisResources(journal.snapshot.profile).emergencyText;
      return `If you see or hear things others do not, or feel strong suspicion of others, stop and seek help now; call ${call} if you or anyone else may be unsafe (FACTS K-PSY-1).`;
    }
  }
}

/** The checklists whose words count for this journal (see the top of this file). */
function checklistsFor(journal: JournalView): TextChecklist[] {
  const ketamine = journal.substancesInUse.has("ketamine");
  const nasalRoute = journal.doses.some(
    (d) => d.record.route === "nasal" || d.record.route === "insufflated",
  );
  return textChecklists.filter((c) => c === "mental" || ketamine || (c === "nasal" && nasalRoute));
}

export const textSigns: SafetyRule = {
  id: "text-signs",
  summary: "Words of a warning sign in a check-in's text: fill in the matching checklist",
  sources: ["K-BLAD-1", "K-HARM-2", "K-NOSE-1", "K-PSY-1"],
  evaluate(journal) {
    const checklists = checklistsFor(journal);
    if (checklists.length === 0) return [];
    const findings: Finding[] = [];
    for (const checkIn of journal.checkIns) {
      const found = new Map<TextChecklist, string[]>();
      for (const field of Object.keys(fieldNames) as (keyof typeof fieldNames)[]) {
        const text = checkIn.record[field];
        if (!text) continue;
        for (const hit of findSignWords(text)) {
          if (!checklists.includes(hit.checklist)) continue;
          const quotes = found.get(hit.checklist) ?? [];
          quotes.push(`"${hit.phrase}" (${fieldNames[field]})`);
          found.set(hit.checklist, quotes);
        }
      }
      for (const [checklist, quotes] of found) {
        findings.push(findingOf(journal, checkIn, checklist, quotes));
      }
    }
    return findings;
  },
};

function findingOf(
  journal: JournalView,
  checkIn: Timed<CheckIn>,
  checklist: TextChecklist,
  quotes: readonly string[],
): Finding {
  const { name } = getChecklist(checklist as ChecklistId);
  const lower = name.charAt(0).toLowerCase() + name.slice(1);
  const filled = journal.symptomReports.find(
    (r) => r.record.checklist === checklist && r.ms >= checkIn.ms,
  );
  const until = Math.min(filled?.ms ?? Number.POSITIVE_INFINITY, checkIn.ms + TEXT_SIGN_WINDOW_MS);
  const fact = facts[checklist];
  return {
    ruleId: "text-signs",
    severity: "warning",
    title: `Words in a check-in that may be ${lower} signs: fill in the checklist`,
    detail: `In your check-in of ${journal.localText(checkIn.ms, checkIn.record.timeZone)} you wrote ${[...new Set(quotes)].join(", ")}. Titrate cannot tell from free text whether this is a warning sign, and it is not a diagnosis: the ${lower} checklist asks about each sign (FACTS ${fact}).`,
    advice: `Fill in the ${lower} checklist now: in the app, or titrate log symptom ${checklist} followed by the signs you have (titrate log symptom ${checklist} --none if none apply). ${ifSigns(journal, checklist)}`,
    sources: [fact],
    key: `text-signs:${checkIn.record.id}:${checklist}`,
    subjectId: checkIn.record.id,
    at: instantText(checkIn.ms),
    activeUntil: instantText(until),
  };
}
