/**
 * What the study routes answer, as the web app reads them (src/server/schemas/studies.ts).
 * Type-only imports from src/core: nothing of Zod reaches the bundle from here.
 */
import type { RatingName } from "../core/insights/ratings.ts";
import type {
  DateChoice,
  QuestionnaireSchedule,
  StudyCategory,
  StudyProtocol,
  WithdrawalChoice,
} from "../core/schemas/study.ts";

export type { DateChoice, QuestionnaireSchedule, StudyCategory, StudyProtocol, WithdrawalChoice };

export interface ConsentVersion {
  readonly version: number;
  readonly text: string;
  readonly collects: readonly StudyCategory[];
  readonly onWithdrawal: WithdrawalChoice;
  readonly dates: DateChoice;
  readonly createdAt: string;
}

export type StudyState = "upcoming" | "running" | "ended";

export interface StudyDesign {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly protocol: StudyProtocol | null;
  readonly questionnaires: readonly QuestionnaireSchedule[];
  readonly checkInItems: readonly RatingName[];
  readonly startDate: string;
  readonly endDate: string;
  readonly timeZone: string;
  readonly state: StudyState;
}

export interface StudyView extends StudyDesign {
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly consent: ConsentVersion;
  readonly consentVersions: readonly ConsentVersion[];
  readonly participants: {
    readonly active: number;
    readonly completed: number;
    readonly withdrawnKept: number;
    readonly withdrawnDeleted: number;
  };
  readonly invitations: {
    readonly unused: number;
    readonly used: number;
    readonly expired: number;
    readonly revoked: number;
  };
}

export interface StudySummary {
  readonly id: string;
  readonly title: string;
  readonly startDate: string;
  readonly endDate: string;
  readonly state: StudyState;
  readonly consentVersion: number;
  readonly participants: number;
}

export interface Invitation {
  readonly id: string;
  readonly hint: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly status: "unused" | "used" | "expired" | "revoked";
  /** Only in the answer that made it. */
  readonly code?: string;
}

export interface Shared {
  readonly category: StudyCategory;
  readonly description: string;
}

export interface InvitationPreview {
  readonly study: StudyDesign;
  readonly consent: ConsentVersion;
  readonly shares: readonly Shared[];
}

export interface Participation {
  readonly study: StudyDesign;
  readonly status: "active" | "completed" | "withdrawn";
  readonly joinedAt: string;
  readonly firstDay: string;
  readonly daysInStudy: number;
  readonly consent: ConsentVersion & { readonly acceptedAt: string };
  readonly history: readonly { readonly version: number; readonly acceptedAt: string }[];
  readonly newerConsent: ConsentVersion | null;
  readonly shares: readonly Shared[];
  readonly questionnaires: readonly {
    readonly instrument: string;
    readonly everyDays: number;
    readonly lastDay: number | null;
    readonly due: boolean;
  }[];
  readonly withdrawal: {
    readonly at: string;
    readonly choice: WithdrawalChoice;
    readonly deleted: Readonly<Record<string, number>> | null;
  } | null;
}

export interface Summary {
  readonly n: number;
  readonly mean: number | null;
  readonly sd: number | null;
}

export interface StudyDashboard {
  readonly participants: StudyView["participants"];
  readonly checkInItems: readonly RatingName[];
  readonly weeks: readonly {
    readonly week: number;
    readonly checkIns: number;
    readonly doses: number;
    readonly items: Partial<Record<RatingName, Summary>>;
  }[];
  readonly questionnaires: readonly {
    readonly instrument: string;
    readonly crisisAnswers: number;
    readonly weeks: readonly { readonly week: number; readonly total: Summary }[];
  }[];
  readonly progress: readonly {
    readonly participant: string;
    readonly status: "active" | "completed" | "withdrawn";
    readonly consentVersion: number;
    readonly daysInStudy: number;
    readonly checkIns: number | null;
    readonly questionnaires: number | null;
    readonly questionnairesDue: number | null;
    readonly doses: number | null;
  }[];
}
