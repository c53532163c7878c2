/**
 * kidney-liver-signs: flank or upper-belly pain ("K-cramps"), or yellowing skin or eyes
 * (FACTS K-HARM-2). Danger: stop ketamine and see a doctor. Active until a later
 * kidney-liver report with none of these signs.
 */
import { symptomRule } from "../symptom-rule.ts";

export const kidneyLiverSigns = symptomRule({
  id: "kidney-liver-signs",
  checklist: "kidney-liver",
  severity: "danger",
  title: "Kidney or liver warning signs: stop ketamine and see a doctor",
  summary: "Flank or upper-belly pain, or yellowing skin or eyes, on the kidney-liver checklist",
  sources: ["K-HARM-2"],
  advice: () =>
    "Stop taking ketamine and see a doctor; tell them you have used ketamine. Frequent use can harm the kidneys, bile ducts and liver (FACTS K-HARM-2).",
});
