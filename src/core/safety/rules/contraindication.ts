/**
 * contraindication: a condition the person reported at setup that rules a substance out
 * (FACTS K-CONTRA-1, from the esketamine label: aneurysmal vascular disease or an
 * arteriovenous malformation, past bleeding in the brain, uncontrolled high blood pressure,
 * serious heart disease, pregnancy or breastfeeding, a personal history of psychosis; for
 * psychedelics, a personal or family history of psychosis or bipolar disorder). A yes is
 * never hidden: one finding per condition and substance group the person uses or plans (or
 * both groups, before any dose or plan). Two cautions where FACTS has no contraindication:
 * heart disease with psychedelics (the theoretical heart-valve risk of P-RISK-1) and
 * pregnancy with psychedelics (FACTS has no data). Active while the condition is in the
 * profile.
 */
import type { ConditionId } from "../../schemas/journal.ts";
import { conditions } from "../../schemas/journal.ts";
import type { Finding, Severity } from "../finding.ts";
import type { SafetyRule } from "../rule.ts";
import { type ToleranceGroup, toleranceGroupOf } from "../windows.ts";

interface Verdict {
  readonly severity: Severity;
  readonly why: string;
  readonly sources: readonly string[];
}

const ketamineLabel: Verdict = {
  severity: "danger",
  why: "The esketamine label says people with it should not take ketamine (FACTS K-CONTRA-1).",
  sources: ["K-CONTRA-1"],
};
const psychedelicRule: Verdict = {
  severity: "danger",
  why: "A personal or family history of psychosis or bipolar disorder is a reason not to take LSD or psilocybin (FACTS K-CONTRA-1, P-RISK-1).",
  sources: ["K-CONTRA-1", "P-RISK-1"],
};

/** Which groups each condition rules out, and how firmly. */
const table: Readonly<Record<ConditionId, Partial<Record<ToleranceGroup, Verdict>>>> = {
  "vascular-disease": { ketamine: ketamineLabel },
  "brain-bleed-history": { ketamine: ketamineLabel },
  "uncontrolled-hypertension": {
    ketamine: {
      ...ketamineLabel,
      why: "Ketamine raises blood pressure for about 4 hours, and the esketamine label rules it out with uncontrolled high blood pressure (FACTS K-CONTRA-1, K-BP-1).",
      sources: ["K-CONTRA-1", "K-BP-1"],
    },
  },
  "heart-disease": {
    ketamine: ketamineLabel,
    psychedelics: {
      severity: "caution",
      why: "Long-term frequent use of LSD or psilocybin has a theoretical heart-valve risk, with no human data yet (FACTS P-RISK-1).",
      sources: ["P-RISK-1"],
    },
  },
  "pregnancy-or-breastfeeding": {
    ketamine: ketamineLabel,
    psychedelics: {
      severity: "caution",
      why: "Titrate's sources rule ketamine out in pregnancy and breastfeeding (FACTS K-CONTRA-1) and have no safety data for LSD or psilocybin.",
      sources: ["K-CONTRA-1"],
    },
  },
  "psychosis-history": { ketamine: ketamineLabel, psychedelics: psychedelicRule },
  "bipolar-history": { psychedelics: psychedelicRule },
  "family-psychosis-or-bipolar": { psychedelics: psychedelicRule },
};

const groupNames: Readonly<Record<ToleranceGroup, string>> = {
  ketamine: "ketamine",
  psychedelics: "LSD and psilocybin",
};

/** The group in advice: "Do not take LSD or psilocybin", never "LSD and", which reads as "not both". */
const adviceNames: Readonly<Record<ToleranceGroup, string>> = {
  ketamine: "ketamine",
  psychedelics: "LSD or psilocybin (mushrooms included)",
};

export const contraindication: SafetyRule = {
  id: "contraindication",
  summary: "A condition reported at setup that rules out a substance the person uses or plans",
  sources: ["K-CONTRA-1", "K-BP-1", "P-RISK-1"],
  evaluate(journal) {
    const inUse = new Set([...journal.substancesInUse].map(toleranceGroupOf));
    const groups: ToleranceGroup[] = inUse.size > 0 ? [...inUse] : ["ketamine", "psychedelics"];
    const findings: Finding[] = [];
    for (const conditionId of journal.snapshot.profile.conditions) {
      const label = conditions.find((c) => c.id === conditionId)?.label ?? conditionId;
      for (const group of groups) {
        const verdict = table[conditionId]?.[group];
        if (!verdict) continue;
        const isDanger = verdict.severity === "danger";
        findings.push({
          ruleId: "contraindication",
          severity: verdict.severity,
          title: isDanger
            ? `Ruled out for you: ${groupNames[group]}`
            : `Caution with ${groupNames[group]}`,
          detail: `You told Titrate: "${label}". ${verdict.why}`,
          advice: isDanger
            ? `Do not take ${adviceNames[group]}. If you are considering it anyway, talk to a doctor first, and never use it alone.`
            : `Talk to a doctor before taking ${adviceNames[group]}.`,
          sources: [...verdict.sources],
          key: `contraindication:${conditionId}:${group}`,
          subjectId: null,
          at: null,
          activeUntil: null,
        });
      }
    }
    return findings;
  },
};
