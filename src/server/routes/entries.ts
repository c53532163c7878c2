/**
 * The other journal entries — other substances, check-ins, symptom reports, blood pressure,
 * screenings — and reading, correcting or deleting any entry by its id. Each write answers
 * the findings it brought. A screening whose answers signal a risk of self-harm answers the
 * crisis resources with it, at once (FACTS Q-PHQ9, CRISIS-1).
 */
import type { FastifyPluginAsync } from "fastify";
import { type ErrorCode, isTitrateError, TitrateError } from "../../core/errors.ts";
import { type ScoreResult, scoreInstrument } from "../../core/questionnaires/score.ts";
import { tableOfId } from "../../store/ids.ts";
import { deleteEntry, editEntry, getEntry } from "../../store/journal/edit.ts";
import {
  logBloodPressure,
  logCheckIn,
  logOtherSubstance,
  logScreening,
  logSymptoms,
} from "../../store/journal/log.ts";
import { getProfile } from "../../store/repos/profile.ts";
import type { ServerContext } from "../context.ts";
import { defineRoute } from "../route.ts";
import {
  BloodPressureBody,
  BloodPressureLogged,
  CheckInBody,
  CheckInLogged,
  EntryAnswer,
  EntryChanges,
  EntryEdited,
  EntryParams,
  OtherSubstanceBody,
  OtherSubstanceLogged,
  ScreeningBody,
  ScreeningLogged,
  SymptomReportBody,
  SymptomReportLogged,
} from "../schemas/entries.ts";
import { crisisView, entryInstant } from "../views.ts";
import { entryOf } from "./timeline.ts";

const entryErrors: ErrorCode[] = ["TIME_IN_FUTURE", "TIME_TOO_OLD", "STORE_NOT_INITIALISED"];

/** Which fields an edit may change, by the table the id names (its prefix). */
const editable: Readonly<Record<string, readonly string[]>> = {
  doses: ["at", "amount", "route", "isEstimate", "note"],
  other_substances: ["at", "name", "amount", "unit", "route", "note"],
  check_ins: [
    "at",
    "mood",
    "energy",
    "focus",
    "anxiety",
    "sleep",
    "effects",
    "afterEffects",
    "shulgin",
    "note",
  ],
  symptom_reports: ["at", "symptoms", "note"],
  blood_pressures: ["at", "systolicMmHg", "diastolicMmHg", "pulseBpm"],
  screenings: ["at", "answers"],
  notes: ["at", "text"],
};

/** Text fields where an empty text means "none", as when the entry was logged. */
const clearable = new Set(["note", "effects", "afterEffects", "unit", "route"]);

export const entriesRoutes: FastifyPluginAsync<ServerContext> = async (app, context) => {
  const { store } = context;
  const when = (userId: string, at: string | undefined) =>
    entryInstant(store, userId, at, context.now());

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/other-substances",
    operationId: "logOtherSubstance",
    summary:
      "Record another substance (alcohol, a medicine taken once…) for the combination checks",
    tags: ["journal"],
    body: OtherSubstanceBody,
    status: 201,
    response: OtherSubstanceLogged,
    errors: [...entryErrors, "OTHER_SUBSTANCE_IN_CATALOG"],
    handler: async ({ userId, body }) =>
      logOtherSubstance(store, userId, { ...body, at: await when(userId, body.at) }, context.now()),
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/check-ins",
    operationId: "logCheckIn",
    summary: "Record how you are: ratings 0–10, effects, after-effects, a note",
    tags: ["journal"],
    body: CheckInBody,
    status: 201,
    response: CheckInLogged,
    errors: entryErrors,
    handler: async ({ userId, body }) =>
      logCheckIn(store, userId, { ...body, at: await when(userId, body.at) }, context.now()),
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/symptom-reports",
    operationId: "logSymptoms",
    summary: "Report the signs of a checklist you have (none: an all-clear report)",
    description:
      "A bladder or kidney-liver sign is a danger finding: stop and see a doctor (FACTS K-BLAD-1, K-HARM-2). An all-clear report later resolves it.",
    tags: ["journal"],
    body: SymptomReportBody,
    status: 201,
    response: SymptomReportLogged,
    errors: entryErrors,
    handler: async ({ userId, body }) =>
      logSymptoms(store, userId, { ...body, at: await when(userId, body.at) }, context.now()),
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/blood-pressures",
    operationId: "logBloodPressure",
    summary: "Record a blood-pressure reading (check before a ketamine dose)",
    tags: ["journal"],
    body: BloodPressureBody,
    status: 201,
    response: BloodPressureLogged,
    errors: entryErrors,
    handler: async ({ userId, body }) =>
      logBloodPressure(store, userId, { ...body, at: await when(userId, body.at) }, context.now()),
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/screenings",
    operationId: "logScreening",
    summary: "Score and record a questionnaire (PHQ-9, GAD-7, PHQ-2, GAD-2)",
    description:
      "When an answer signals a risk of self-harm (PHQ-9 item 9 above 0) the answer has `crisis: true` and `crisisResources`: show them at once, before anything else.",
    tags: ["journal"],
    body: ScreeningBody,
    status: 201,
    response: ScreeningLogged,
    errors: entryErrors,
    handler: async ({ userId, body }) => {
      const score = scoreOrNull(body.instrument, body.answers);
      try {
        const recorded = await logScreening(
          store,
          userId,
          { ...body, at: await when(userId, body.at) },
          context.now(),
        );
        const { record } = recorded;
        // Stored answers always fit their questionnaire: logScreening checked them.
        const scored = scoreInstrument(record.instrument, record.answers);
        return {
          ...recorded,
          score: {
            total: scored.total,
            maxTotal: scored.maxTotal,
            band: scored.band,
            bandLabel: scored.bandLabel,
            meaning: scored.meaning,
            followUp: scored.followUp,
          },
          crisis: record.crisis,
          crisisResources: record.crisis ? crisisView(await getProfile(store.db, userId)) : null,
        };
      } catch (error) {
        // Whatever kept the screening from being stored, someone who just said they think of
        // hurting themselves must still be told where to turn.
        if (score?.crisis && isTitrateError(error)) {
          const help = crisisView(await getProfile(store.db, userId).catch(() => null));
          throw new TitrateError(
            error.code,
            `${error.message}. ${help.message.join(" ")}`,
            error.fields,
          );
        }
        throw error;
      }
    },
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/entries/:id",
    operationId: "getEntry",
    summary: "One journal entry by its id",
    tags: ["journal"],
    params: EntryParams,
    response: EntryAnswer,
    errors: ["NOT_FOUND"],
    handler: async ({ userId, params }) => {
      const { record } = await getEntry(store, userId, params.id);
      return entryOf(params.id, record);
    },
  });

  defineRoute(app, {
    method: "PATCH",
    url: "/api/v1/entries/:id",
    operationId: "editEntry",
    summary: "Correct a journal entry; the safety rules run again",
    description:
      "Only the fields given change, and each must apply to the entry's kind (a dose: at, amount in its own unit, route, isEstimate, note). A screening is scored again from its answers. What an entry is linked to (substance, batch, plan, instrument, checklist) does not change: delete it and log it again.",
    tags: ["journal"],
    params: EntryParams,
    body: EntryChanges,
    response: EntryEdited,
    errors: [
      "NOT_FOUND",
      "TIME_IN_FUTURE",
      "TIME_TOO_OLD",
      "STORE_NOT_INITIALISED",
      "STUDY_ENTRY_KEPT",
    ],
    handler: async ({ userId, params, body }) => {
      const table = tableOfId(params.id) ?? "";
      const allowed = editable[table] ?? [];
      const misplaced = Object.keys(body).filter((field) => !allowed.includes(field));
      if (misplaced.length > 0) {
        throw new TitrateError(
          "VALIDATION_FAILED",
          `${misplaced.join(", ")}: not a field of this kind of entry; it takes ${allowed.join(", ")}`,
          misplaced.map((path) => ({
            path,
            message: `is not a field of this kind of entry (it takes ${allowed.join(", ")})`,
          })),
        );
      }
      const changes: Record<string, unknown> = {};
      for (const [field, value] of Object.entries(body)) {
        if (value === undefined) continue;
        changes[field] = clearable.has(field) && value === "" ? null : value;
      }
      if (body.at !== undefined) changes.at = await when(userId, body.at);
      const edited = await editEntry(store, userId, params.id, changes, context.now());
      return {
        entry: entryOf(params.id, edited.record),
        findings: edited.findings,
        active: edited.active,
      };
    },
  });

  defineRoute(app, {
    method: "DELETE",
    url: "/api/v1/entries/:id",
    operationId: "deleteEntry",
    summary: "Delete a wrong journal entry (its bytes do not linger in the file)",
    tags: ["journal"],
    params: EntryParams,
    status: 204,
    errors: ["NOT_FOUND"],
    handler: async ({ userId, params }) => {
      await deleteEntry(store, userId, params.id);
    },
  });
};

/** The score of answers that fit the questionnaire, or null (logging then names the fault). */
function scoreOrNull(instrument: string, answers: readonly number[]): ScoreResult | null {
  try {
    return scoreInstrument(instrument, answers);
  } catch {
    return null;
  }
}
