/**
 * psychosis-signs: seeing or hearing things others do not, strong suspicion of others
 * (FACTS K-PSY-1), racing thoughts or no need for sleep (the psychedelic caution of
 * K-CONTRA-1), or strong dissociation long after a dose. Danger: stop and seek help. Active
 * until a later mental-state report with none of these signs.
 */
import { crisisResources } from "../../crisis.ts";
import { symptomRule } from "../symptom-rule.ts";

export const psychosisSigns = symptomRule({
  id: "psychosis-signs",
  checklist: "mental",
  severity: "danger",
  title: "Signs of psychosis or strong dissociation: stop and seek help",
  summary: "Any sign on the mental-state checklist (psychosis, mania, strong dissociation)",
  sources: ["K-PSY-1", "K-CONTRA-1", "CRISIS-1"],
  advice: (journal) =>
    `Stop taking it and seek help now: see a doctor today, and tell them what you have taken. If you or anyone else may be unsafe, call ${crisisResources(journal.snapshot.profile).emergencyText} (FACTS K-PSY-1, CRISIS-1).`,
});
