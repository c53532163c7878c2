/**
 * Study mode, the coordinator's side: a study's design and dates, its consent versions, its
 * invitations, its dashboard and its de-identified export. Every route acts on the signed-in
 * account's own studies only; another account's study is 404 NOT_FOUND, exactly as an id that
 * never existed (a participant of a study is not its coordinator and gets the same 404).
 */
import { Readable } from "node:stream";
import type { FastifyPluginAsync } from "fastify";
import { InvitationRequest, StudyChange, StudyInput } from "../../core/schemas/study.ts";
import {
  changeStudy,
  createStudy,
  listStudies,
  publishConsent,
  studyView,
} from "../../store/study/coordinate.ts";
import { studyDashboard } from "../../store/study/dashboard.ts";
import {
  type StudyExportFile,
  studyCodebookFile,
  studyExportFile,
} from "../../store/study/export.ts";
import {
  createInvitations,
  listInvitations,
  revokeInvitation,
} from "../../store/study/invitations.ts";
import type { ServerContext } from "../context.ts";
import { defineRoute, FileAnswer } from "../route.ts";
import {
  CodebookQuery,
  ConsentBody,
  ExportQuery,
  InvitationList,
  InvitationParams,
  InvitationView,
  NewInvitations,
  StudyDashboard,
  StudyList,
  StudyParams,
  StudyView,
} from "../schemas/studies.ts";

const tags = ["studies"];

function fileAnswer(file: StudyExportFile): FileAnswer {
  return new FileAnswer(file.contentType, file.filename, Readable.from(file.chunks));
}

export const studiesRoutes: FastifyPluginAsync<ServerContext> = async (app, context) => {
  const { store } = context;

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/studies",
    operationId: "createStudy",
    summary: "Coordinate a new study: its design, dates and consent (version 1)",
    description:
      "The protocol is a plan template participants may start as their own plan; questionnaires are answered every `everyDays` days from each participant's first study day; `checkInItems` are the daily ratings the study asks for (and the only ones it exports). The consent says what the study may see (`collects`), what a withdrawal does to the participant's data (`onWithdrawal`: delete or keep) and how dates reach you (`dates`: shifted to study days, or exact). Dates are read in `timeZone`.",
    tags,
    body: StudyInput,
    status: 201,
    response: StudyView,
    errors: ["TIME_ZONE_UNKNOWN"],
    handler: ({ userId, body }) => createStudy(store, userId, body, context.now()),
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/studies",
    operationId: "listStudies",
    summary: "The studies you coordinate, newest first",
    tags,
    response: StudyList,
    handler: async ({ userId }) => ({
      studies: await listStudies(store.db, userId, context.now()),
    }),
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/studies/:id",
    operationId: "getStudy",
    summary:
      "One of your studies: design, every consent version, participant and invitation counts",
    tags,
    params: StudyParams,
    response: StudyView,
    errors: ["NOT_FOUND"],
    handler: ({ userId, params }) => studyView(store.db, userId, params.id, context.now()),
  });

  defineRoute(app, {
    method: "PATCH",
    url: "/api/v1/studies/:id",
    operationId: "changeStudy",
    summary: "Change a study's title, description, design or dates",
    description:
      "The consent is never changed here: publish a new version (POST /api/v1/studies/{id}/consent). Once anyone has joined, a change that would share more of their journals (a new check-in item or questionnaire, an earlier start, a later end) is refused with STUDY_DESIGN_WIDENS; narrowing is allowed.",
    tags,
    params: StudyParams,
    body: StudyChange,
    response: StudyView,
    errors: ["NOT_FOUND", "STUDY_DESIGN_WIDENS"],
    handler: ({ userId, params, body }) =>
      changeStudy(store, userId, params.id, body, context.now()),
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/studies/:id/consent",
    operationId: "publishStudyConsent",
    summary: "Publish a new consent version",
    description:
      "The next version number; published versions never change. People who join from now on accept this version; participants keep the version they accepted (and what it covers) until they accept this one.",
    tags,
    params: StudyParams,
    body: ConsentBody,
    status: 201,
    response: StudyView,
    errors: ["NOT_FOUND", "STUDY_CONSENT_UNCHANGED"],
    handler: ({ userId, params, body }) =>
      publishConsent(store, userId, params.id, body, context.now()),
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/studies/:id/invitations",
    operationId: "createStudyInvitations",
    summary: "Make single-use invitation codes (shown once)",
    description:
      "Each code lets one person join, until it expires (`expiresInDays`, default 14). Only a hash of each code is kept, and a used code does not record who used it.",
    tags,
    params: StudyParams,
    body: InvitationRequest,
    status: 201,
    response: NewInvitations,
    errors: ["NOT_FOUND", "STUDY_CLOSED"],
    handler: async ({ userId, params, body }) => ({
      invitations: await createInvitations(store, userId, params.id, body, context.now()),
    }),
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/studies/:id/invitations",
    operationId: "listStudyInvitations",
    summary: "A study's invitations by their last four characters, with their status",
    tags,
    params: StudyParams,
    response: InvitationList,
    errors: ["NOT_FOUND"],
    handler: async ({ userId, params }) => ({
      invitations: await listInvitations(store.db, userId, params.id, context.now()),
    }),
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/study-invitations/:id/revoke",
    operationId: "revokeStudyInvitation",
    summary: "Withdraw an unused invitation code",
    tags,
    params: InvitationParams,
    response: InvitationView,
    errors: ["NOT_FOUND"],
    handler: ({ userId, params }) => revokeInvitation(store, userId, params.id, context.now()),
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/studies/:id/dashboard",
    operationId: "getStudyDashboard",
    summary: "Progress and week-by-week means, pseudonymous, as each consent allows",
    description:
      "Participant counts; each participant's progress under their pseudonym (null where their consent does not cover it); week-by-week means of the check-in items and questionnaire totals with n and SD (descriptive: entries of one person are not independent). Weeks count from each participant's first study day by UTC date. Participants who withdrew with deletion are only counted.",
    tags,
    params: StudyParams,
    response: StudyDashboard,
    errors: ["NOT_FOUND"],
    handler: ({ userId, params }) => studyDashboard(store.db, userId, params.id, context.now()),
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/studies/:id/export",
    operationId: "exportStudyTable",
    summary: "One table of the study's de-identified export, CSV or JSON",
    description:
      "Rows name participants by pseudonym only; columns are the codebook's (GET …/codebook). Dates are study days and local times, and calendar dates only for participants whose consent says exact; free text only where the consent covers notes. STUDY_TABLE_NOT_COLLECTED for a table no consent version collects.",
    tags,
    params: StudyParams,
    query: ExportQuery,
    downloads: [
      { contentType: "text/csv", description: "The table as CSV (RFC 4180, UTF-8)." },
      { contentType: "application/json", description: "The table as a JSON array of rows." },
    ],
    errors: ["NOT_FOUND", "STUDY_TABLE_NOT_COLLECTED"],
    handler: async ({ userId, params, query }) =>
      fileAnswer(
        await studyExportFile(
          store.db,
          userId,
          params.id,
          query.table,
          query.format ?? "csv",
          context.now(),
        ),
      ),
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/studies/:id/codebook",
    operationId: "getStudyCodebook",
    summary: "The codebook of the study's export: every table and column, and what it means",
    tags,
    params: StudyParams,
    query: CodebookQuery,
    downloads: [
      { contentType: "application/json", description: "The codebook as JSON." },
      {
        contentType: "text/csv",
        description: "The codebook as CSV: table, column, type, filled_when, description.",
      },
    ],
    errors: ["NOT_FOUND"],
    handler: async ({ userId, params, query }) =>
      fileAnswer(await studyCodebookFile(store.db, userId, params.id, query.format ?? "json")),
  });
};
