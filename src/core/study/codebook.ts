/**
 * The study export's tables and every column in them, with what each means: the one
 * definition the export writes from, the codebook describes and the consent screen summarises.
 * A table exists only when some consent version of the study collects its category; a column
 * tagged `notes` (free text) or `exact` (calendar dates) is filled only for participants whose
 * consent covers it, and empty otherwise.
 */

import type { RatingName } from "../insights/ratings.ts";
import type { QuestionnaireId } from "../questionnaires/instrument.ts";
import type { DateChoice, StudyCategory } from "../schemas/study.ts";

export type ColumnType = "text" | "integer" | "number" | "boolean" | "date" | "instant" | "time";

export interface CodebookColumn {
  readonly name: string;
  readonly type: ColumnType;
  readonly description: string;
  /** Filled only when the participant's consent covers free text (`notes`) or exact dates. */
  readonly requires?: "notes" | "exact";
}

export interface CodebookTable {
  readonly name: StudyTable;
  readonly description: string;
  /** The consent category the table's rows need; null for the participants table. */
  readonly category: StudyCategory | null;
  readonly columns: readonly CodebookColumn[];
}

export const studyTables = [
  "participants",
  "doses",
  "check_ins",
  "questionnaires",
  "symptom_reports",
  "blood_pressures",
  "other_substances",
  "notes",
] as const;
export type StudyTable = (typeof studyTables)[number];

/** The category each event table needs. */
export const categoryOfTable: Readonly<Record<Exclude<StudyTable, "participants">, StudyCategory>> =
  {
    doses: "doses",
    check_ins: "checkIns",
    questionnaires: "questionnaires",
    symptom_reports: "symptoms",
    blood_pressures: "bloodPressure",
    other_substances: "otherSubstances",
    notes: "notes",
  };

/** What each category shares, in words, for the consent screen and the codebook. */
export const categoryDescriptions: Readonly<Record<StudyCategory, string>> = {
  doses: "your doses: substance, amount, route, whether estimated and whether planned",
  checkIns: "your check-in ratings of the study's items (0–10)",
  questionnaires: "your answers to the study's questionnaires, with their totals and bands",
  symptoms: "the symptom checklists you fill in: which symptoms you ticked",
  bloodPressure: "your blood-pressure and pulse readings",
  otherSubstances:
    "other substances you log, as a kind only (alcohol, a known interacting medicine, or “other”)",
  notes:
    "everything you write in words: notes on doses, check-ins and symptoms, effects and after-effects, the names of other substances, and notes of their own",
};

export interface CodebookOptions {
  readonly checkInItems: readonly RatingName[];
  readonly questionnaires: readonly QuestionnaireId[];
  /** The categories and date choices of every consent version the study has published. */
  readonly versions: readonly {
    readonly collects: readonly StudyCategory[];
    readonly dates: DateChoice;
  }[];
}

const participant: CodebookColumn = {
  name: "participant",
  type: "text",
  description:
    "The participant's pseudonym in this study (P- and 10 characters): the same in every export of this study, different in every other study, and not derived from any name.",
};

function timing(exact: boolean): CodebookColumn[] {
  const columns: CodebookColumn[] = [
    {
      name: "day",
      type: "integer",
      description:
        "Study day of the entry: 0 is the participant's first day in the study (the day they consented, or the study's start date if later), counted in the time zone the entry was made in.",
    },
    {
      name: "time",
      type: "time",
      description: "Local time of day of the entry, HH:MM, in the time zone it was made in.",
    },
  ];
  if (exact) {
    columns.push(
      {
        name: "date",
        type: "date",
        description: "Local calendar date of the entry, YYYY-MM-DD.",
        requires: "exact",
      },
      {
        name: "at",
        type: "instant",
        description: "The instant of the entry, ISO 8601 in UTC.",
        requires: "exact",
      },
    );
  }
  return columns;
}

const ratingDescriptions: Readonly<Record<RatingName, string>> = {
  mood: "Mood, 0 (worst) to 10 (best); empty when not rated.",
  energy: "Energy, 0 (none) to 10 (most); empty when not rated.",
  focus: "Focus, 0 (none) to 10 (most); empty when not rated.",
  anxiety: "Anxiety, 0 (none) to 10 (most): higher is worse; empty when not rated.",
  sleep: "Sleep the night before, 0 (worst) to 10 (best); empty when not rated.",
};

/** The export's tables for a study, columns in order. */
export function studyCodebook(options: CodebookOptions): CodebookTable[] {
  const collected = new Set(options.versions.flatMap((v) => v.collects));
  const exact = options.versions.some((v) => v.dates === "exact");
  const notes = collected.has("notes");
  const when = timing(exact);
  const note = (description: string): CodebookColumn[] =>
    notes ? [{ name: "note", type: "text", description, requires: "notes" }] : [];

  const tables: CodebookTable[] = [
    {
      name: "participants",
      description:
        "One row per participant who has consented and not withdrawn with their data deleted. No names, usernames or account ids.",
      category: null,
      columns: [
        participant,
        {
          name: "consent_version",
          type: "integer",
          description:
            "The consent version the participant accepted last; it decides what they share.",
        },
        {
          name: "status",
          type: "text",
          description:
            "active (in the study now), completed (the study's end date has passed) or withdrawn (their data up to withdrawal is kept, as their consent said).",
        },
        {
          name: "days_in_study",
          type: "integer",
          description:
            "Days from the participant's first study day to the last (the end date, their withdrawal, or today), both counted.",
        },
        {
          name: "withdrawn_day",
          type: "integer",
          description: "Study day of the withdrawal; empty when the participant has not withdrawn.",
        },
        {
          name: "dates",
          type: "text",
          description:
            "How this participant's dates are given: shifted (study day and time only) or exact (calendar date and instant too).",
        },
        {
          name: "shares_notes",
          type: "boolean",
          description:
            "Whether this participant's consent covers free text; when false their text columns are empty.",
        },
        ...(exact
          ? [
              {
                name: "first_date",
                type: "date",
                description: "Local date of study day 0.",
                requires: "exact",
              } satisfies CodebookColumn,
            ]
          : []),
      ],
    },
  ];
  const add = (table: Omit<CodebookTable, "columns">, columns: CodebookColumn[]) => {
    if (table.category && collected.has(table.category)) {
      tables.push({ ...table, columns: [participant, ...when, ...columns] });
    }
  };
  add(
    {
      name: "doses",
      description: "Every dose the participant logged during the study.",
      category: "doses",
    },
    [
      { name: "substance", type: "text", description: "ketamine, psilocybin, lsd or mushrooms." },
      {
        name: "amount",
        type: "number",
        description: "The amount taken, in `unit`; empty when the participant did not know it.",
      },
      { name: "unit", type: "text", description: "µg, mg or g." },
      {
        name: "route",
        type: "text",
        description: "oral, sublingual, nasal, insufflated, intramuscular or intravenous.",
      },
      {
        name: "is_estimate",
        type: "boolean",
        description: "True when the participant marked the amount as an estimate.",
      },
      {
        name: "planned",
        type: "boolean",
        description: "True when the dose belongs to one of the participant's dosing plans.",
      },
      ...note("The participant's note on the dose."),
    ],
  );
  add(
    {
      name: "check_ins",
      description:
        "Every check-in during the study, with the study's items only (other ratings are not exported).",
      category: "checkIns",
    },
    [
      ...options.checkInItems.map(
        (item): CodebookColumn => ({
          name: item,
          type: "integer",
          description: ratingDescriptions[item],
        }),
      ),
      ...(notes
        ? ([
            {
              name: "effects",
              type: "text",
              description: "Effects the participant described.",
              requires: "notes",
            },
            {
              name: "after_effects",
              type: "text",
              description: "After-effects the participant described.",
              requires: "notes",
            },
          ] satisfies CodebookColumn[])
        : []),
      ...note("The participant's note on the check-in."),
    ],
  );
  add(
    {
      name: "questionnaires",
      description: `Every answered questionnaire of the study's (${options.questionnaires.join(", ") || "none"}) during the study.`,
      category: "questionnaires",
    },
    [
      { name: "instrument", type: "text", description: "phq9, gad7, phq2 or gad2." },
      {
        name: "answers",
        type: "text",
        description: "The answer to each item in order, separated by `;` (0–3 each).",
      },
      { name: "total", type: "integer", description: "The total score." },
      { name: "band", type: "text", description: "The severity band the total falls into." },
      {
        name: "crisis",
        type: "boolean",
        description:
          "True when an answer signalled a risk of self-harm (PHQ-9 item 9 above 0); the participant was shown crisis resources at once.",
      },
    ],
  );
  add(
    {
      name: "symptom_reports",
      description: "Every symptom checklist the participant filled in during the study.",
      category: "symptoms",
    },
    [
      {
        name: "checklist",
        type: "text",
        description: "bladder, nasal, kidney-liver, mental or dependence.",
      },
      {
        name: "symptoms",
        type: "text",
        description: "The ids of the symptoms ticked, separated by `;`; empty for none.",
      },
      ...note("The participant's note on the report."),
    ],
  );
  add(
    {
      name: "blood_pressures",
      description: "Every blood-pressure reading during the study.",
      category: "bloodPressure",
    },
    [
      { name: "systolic_mm_hg", type: "integer", description: "Systolic pressure, mmHg." },
      { name: "diastolic_mm_hg", type: "integer", description: "Diastolic pressure, mmHg." },
      { name: "pulse_bpm", type: "integer", description: "Pulse, beats a minute; may be empty." },
    ],
  );
  add(
    {
      name: "other_substances",
      description: "Every other substance the participant logged during the study.",
      category: "otherSubstances",
    },
    [
      {
        name: "agent",
        type: "text",
        description:
          "What the name the participant typed refers to among the catalog's interacting agents (alcohol, benzodiazepines, …), or other. The name itself is free text, exported only with consent to notes.",
      },
      ...(notes
        ? ([
            {
              name: "name",
              type: "text",
              description: "The name as the participant typed it.",
              requires: "notes",
            },
            {
              name: "amount",
              type: "number",
              description: "The amount, in `unit`.",
              requires: "notes",
            },
            {
              name: "unit",
              type: "text",
              description: "The unit as typed.",
              requires: "notes",
            },
            {
              name: "route",
              type: "text",
              description: "The route as typed.",
              requires: "notes",
            },
          ] satisfies CodebookColumn[])
        : []),
      ...note("The participant's note."),
    ],
  );
  add(
    {
      name: "notes",
      description: "Notes the participant wrote during the study.",
      category: "notes",
    },
    [{ name: "text", type: "text", description: "The note.", requires: "notes" }],
  );
  return tables;
}
