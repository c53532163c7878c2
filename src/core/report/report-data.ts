/**
 * What the clinician report holds, section by section. The store gathers it
 * (src/store/journal/report.ts); render-report.ts turns it into one self-contained page.
 * Everything is included unless the person leaves a section out.
 */
import { TitrateError } from "../errors.ts";
import type { ExperimentResults } from "../insights/experiment-results.ts";
import type { Insights } from "../insights/insights.ts";
import type { AdherenceSummary } from "../schedule/adherence.ts";

export const reportSections = [
  "profile",
  "plan",
  "adherence",
  "doses",
  "ratings",
  "symptoms",
  "blood-pressure",
  "screenings",
  "insights",
  "experiment",
  "findings",
  "other-substances",
  "notes",
] as const;
export type ReportSection = (typeof reportSections)[number];

export const sectionTitles: Readonly<Record<ReportSection, string>> = {
  profile: "Profile",
  plan: "Plans",
  adherence: "Adherence",
  doses: "Doses",
  ratings: "Daily ratings",
  symptoms: "Symptom reports",
  "blood-pressure": "Blood pressure",
  screenings: "Screenings: PHQ-9 and GAD-7",
  insights: "Findings from the ratings",
  experiment: "Blinded self-experiment",
  findings: "Safety findings",
  "other-substances": "Other substances",
  notes: "Notes and free text",
};

/** Reads `notes,doses`: section names, comma-separated; refuses an unknown one. */
export function parseExclude(text: string | undefined, field = "exclude"): ReportSection[] {
  if (text === undefined || text.trim() === "") return [];
  const names = text
    .split(",")
    .map((n) => n.trim().toLowerCase())
    .filter((n) => n !== "");
  const unknown = names.filter((n) => !(reportSections as readonly string[]).includes(n));
  if (unknown.length > 0) {
    throw new TitrateError(
      "VALIDATION_FAILED",
      `${field}: ${unknown.map((n) => `"${n}"`).join(", ")} ${unknown.length === 1 ? "is not a section" : "are not sections"} of the report; use ${reportSections.join(", ")}`,
      field,
    );
  }
  return reportSections.filter((s) => names.includes(s));
}

/** A time of an entry, in the zone it was entered in. */
export interface LocalTime {
  readonly date: string;
  readonly time: string;
}

export interface ExperimentSummary {
  readonly substance: string;
  readonly outcome: string;
  readonly codes: readonly [string, string];
  readonly startDate: string;
  readonly endDate: string;
  readonly sessions: number;
  readonly intervalDays: number;
  readonly state: string;
  /** The experiment's zone: its dates and the unblinding time are read in it. */
  readonly timeZone: string;
  readonly sessionsPast: number;
  readonly guesses: number;
  readonly unblinding: {
    readonly at: string;
    readonly early: boolean;
    readonly reason: string | null;
    readonly activeCode: string;
    readonly placeboCode: string;
  } | null;
}

export interface ReportData {
  readonly username: string;
  readonly version: string;
  /** Their period is the report's. */
  readonly insights: Insights;
  readonly profile: {
    readonly weightKg: number | null;
    readonly conditions: readonly string[];
    readonly medications: readonly {
      readonly name: string;
      readonly since: string;
      readonly until: string | null;
    }[];
  };
  readonly plans: readonly {
    readonly substance: string;
    readonly target: string;
    readonly schedule: string;
    readonly startDate: string;
    readonly endedAt: string | null;
    readonly adherence: AdherenceSummary;
  }[];
  readonly doses: readonly (LocalTime & {
    readonly substance: string;
    readonly amount: string;
    readonly route: string;
    readonly note: string | null;
  })[];
  readonly checkIns: readonly (LocalTime & {
    readonly effects: string | null;
    readonly afterEffects: string | null;
    readonly note: string | null;
  })[];
  readonly symptomReports: readonly (LocalTime & {
    readonly checklist: string;
    readonly symptoms: readonly string[];
    readonly note: string | null;
  })[];
  readonly bloodPressures: readonly (LocalTime & {
    readonly systolicMmHg: number;
    readonly diastolicMmHg: number;
    readonly pulseBpm: number | null;
  })[];
  readonly screenings: readonly (LocalTime & {
    readonly instrument: string;
    readonly total: number;
    readonly band: string;
  })[];
  readonly otherSubstances: readonly (LocalTime & {
    readonly name: string;
    readonly amount: string | null;
    readonly note: string | null;
  })[];
  readonly notes: readonly (LocalTime & { readonly text: string })[];
  readonly findings: readonly {
    readonly severity: string;
    readonly title: string;
    readonly detail: string;
    readonly advice: string;
    readonly date: string | null;
    readonly sources: readonly string[];
    /** The sections whose records it names (finding-sections.ts): left out with any of them. */
    readonly about: readonly ReportSection[];
  }[];
  readonly experiment: {
    readonly summary: ExperimentSummary;
    readonly results: ExperimentResults | null;
  } | null;
}
