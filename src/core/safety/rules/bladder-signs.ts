/**
 * bladder-signs: any yes on the bladder checklist (FACTS K-BLAD-1): needing to urinate often
 * or urgently, at night, pain or burning, blood in the urine, pain above the pubic bone,
 * urge leaking. Danger: stop ketamine and see a doctor; the damage can become permanent.
 * Active until a later bladder report with none of these signs.
 */
import { symptomRule } from "../symptom-rule.ts";

export const bladderSigns = symptomRule({
  id: "bladder-signs",
  checklist: "bladder",
  severity: "danger",
  title: "Bladder warning signs: stop ketamine and see a doctor",
  summary: "Any bladder warning sign reported on the bladder checklist",
  sources: ["K-BLAD-1"],
  advice: () =>
    "Stop taking ketamine and see a doctor; tell them you have used ketamine. Bladder damage from ketamine can become permanent, and most people improve after stopping (FACTS K-BLAD-1).",
  context: (journal) =>
    journal.dosesBySubstance.has("ketamine")
      ? null
      : "Your journal has no ketamine doses; these signs still need a doctor.",
});
