/**
 * self-harm-thoughts: a PHQ-9 with item 9 (thoughts that you would be better off dead or
 * of hurting yourself) above 0 needs an immediate safety response (FACTS Q-PHQ9); the advice
 * is the crisis resources for the person (CRISIS-1). Danger. Active until the next PHQ-9 —
 * and a later 0 is no reassurance (Q-PHQ9), so the advice says so.
 */
import { crisisResources, describeHelpline } from "../../crisis.ts";
import { phq9 } from "../../questionnaires/phq9.ts";
import type { Finding } from "../finding.ts";
import type { SafetyRule } from "../rule.ts";
import { nextScreeningAt, screeningsOf } from "../screening-list.ts";
import { instantText } from "../time-math.ts";

const ITEM = phq9.crisisItemIndex ?? 8;

export const selfHarmThoughts: SafetyRule = {
  id: "self-harm-thoughts",
  summary: "PHQ-9 item 9 (thoughts of death or self-harm) answered above 0",
  sources: ["Q-PHQ9", "CRISIS-1"],
  evaluate(journal) {
    const resources = crisisResources(journal.snapshot.profile);
    const list = screeningsOf(journal, "phq9");
    const findings: Finding[] = [];
    list.forEach((screening, i) => {
      const answer = screening.record.answers[ITEM] ?? 0;
      if (answer === 0 && !screening.record.crisis) return;
      const label = phq9.options.find((o) => o.value === answer)?.label ?? String(answer);
      findings.push({
        ruleId: "self-harm-thoughts",
        severity: "danger",
        title: "Thoughts of death or self-harm: reach out now",
        detail: `On ${journal.localDate(screening.ms, screening.record.timeZone)} you answered "${label}" to "${phq9.items[ITEM]?.text}" (PHQ-9 item 9). This needs a safety response now (FACTS Q-PHQ9).`,
        advice: [
          `If you might act on these thoughts, or you are in danger, call ${resources.emergencyText} now.`,
          `Talk to someone today: ${resources.helplines.map(describeHelpline).join("; ")}.`,
          "Tell someone you trust, and do not take any substance while you feel this way. If these thoughts come back later, reach out again (FACTS Q-PHQ9, CRISIS-1).",
        ].join(" "),
        sources: ["Q-PHQ9", "CRISIS-1"],
        key: `self-harm-thoughts:${screening.record.id}`,
        subjectId: screening.record.id,
        at: instantText(screening.ms),
        activeUntil: nextScreeningAt(list, i),
      });
    });
    return findings;
  },
};
