/**
 * Plans: preview (nothing stored), store, list with adherence, a month calendar, the
 * iCalendar download, end, and move to another time zone. Every plan goes through
 * previewPlan's checks: no plan is stored, listed or exported without its minimum-interval
 * and ceiling checks (FACTS K-DOSE-1, K-DOSE-2, P-PROT-1).
 */
import type { FastifyPluginAsync } from "fastify";
import type * as z from "zod/mini";
import type { PlanPreview } from "../../core/schedule/preview.ts";
import { localDateTimeText, parseTimeZone } from "../../core/time.ts";
import {
  checkPlan,
  createStoredPlan,
  endStoredPlan,
  moveStoredPlan,
  planCalendar,
  planStatuses,
  storedPlanIcs,
} from "../../store/journal/plans.ts";
import { getProfile } from "../../store/repos/profile.ts";
import type { ServerContext } from "../context.ts";
import { defineRoute, FileAnswer } from "../route.ts";
import { idParams } from "../schemas/common.ts";
import {
  CalendarQuery,
  IcsQuery,
  MoveZoneBody,
  PlanAnswer,
  PlanBody,
  PlanCalendar,
  PlanCreated,
  PlanList,
  PlanPreview as PlanPreviewAnswer,
} from "../schemas/plans.ts";

const planRefusals = [
  "PLAN_INTERVAL_TOO_SHORT",
  "WEIGHT_REQUIRED",
  "DOSE_ABOVE_CEILING",
  "MEASUREMENT_TOO_COARSE",
  "SUBSTANCE_UNKNOWN",
  "TIME_ZONE_UNKNOWN",
] as const;

function previewAnswer(preview: PlanPreview) {
  const { plan, substance, dose, occurrences, clockChanges, warnings } = preview;
  return {
    plan,
    substance: {
      id: substance.id,
      name: substance.name,
      unit: substance.unit,
      step: substance.step,
    },
    dose,
    occurrences,
    clockChanges,
    warnings,
    minIntervalDays: preview.minIntervalDays,
    shortestSpacingDays: preview.shortestSpacingDays,
    intervalDays: preview.intervalDays,
  };
}

export const plansRoutes: FastifyPluginAsync<ServerContext> = async (app, context) => {
  const { store } = context;

  /** The draft with the profile's zone when none is given, and the profile's weight. */
  async function draftOf(userId: string, body: z.infer<typeof PlanBody>) {
    const profile = await getProfile(store.db, userId);
    const timeZone = body.timeZone ?? profile?.timeZone;
    return {
      draft: { ...body, ...(timeZone === undefined ? {} : { timeZone }) },
      weightKg: profile?.weightKg ?? undefined,
    };
  }

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/plans/preview",
    operationId: "previewPlan",
    summary: "Check a plan and list its doses, storing nothing",
    description:
      "Refuses doses closer than the substance's minimum interval (422 PLAN_INTERVAL_TOO_SHORT, unless `acceptRisk`), a target above the microdose ceiling (422 DOSE_ABOVE_CEILING, checked against your profile's weight), never quietly lowering it, and a ketamine target when your profile has no weight (400 WEIGHT_REQUIRED: the ceiling could not be checked). Without a target the dose is the start dose when it can be sized. `warnings` says when doses are already past; `findings` is what the safety rules say about a dose of the plan at its first dose ahead (a contraindication, a medication's combination, an active danger). `timeZone` defaults to your profile's.",
    tags: ["plans"],
    body: PlanBody,
    response: PlanPreviewAnswer,
    errors: [...planRefusals, "STORE_NOT_INITIALISED"],
    handler: async ({ userId, body }) => {
      const { draft } = await draftOf(userId, body);
      const checked = await checkPlan(store, userId, draft, context.now());
      return {
        ...previewAnswer(checked.preview),
        warnings: checked.warnings,
        findings: checked.findings,
      };
    },
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/plans",
    operationId: "createPlan",
    summary: "Store a plan (checked like a preview); the next dose then follows it",
    description:
      "Checked like a preview, with the same `warnings` and `findings`. A second active plan of the same or a cross-tolerant substance is refused (422 PLAN_OVERLAPS, naming the other plan; `acceptRisk` does not override it): end that one first.",
    tags: ["plans"],
    body: PlanBody,
    status: 201,
    response: PlanCreated,
    errors: [...planRefusals, "PLAN_TARGET_REQUIRED", "PLAN_OVERLAPS", "STORE_NOT_INITIALISED"],
    handler: async ({ userId, body }) => {
      const { draft } = await draftOf(userId, body);
      const { plan, warnings, findings } = await createStoredPlan(
        store,
        userId,
        draft,
        context.now(),
      );
      return { plan, warnings, findings };
    },
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/plans",
    operationId: "listPlans",
    summary: "Your plans, newest first, with the next dose, adherence and warnings",
    tags: ["plans"],
    response: PlanList,
    handler: async ({ userId }) => ({
      plans: (await planStatuses(store, userId, context.now())).map((s) => ({
        plan: s.plan,
        isActive: s.isActive,
        next: s.next,
        adherence: s.adherence.summary,
        warnings: s.warnings,
      })),
    }),
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/plans/:id/calendar",
    operationId: "planCalendar",
    summary: "A plan's doses with their status, extra doses and breaks, for a month calendar",
    description:
      "Each occurrence is taken (on time), late, missed, skipped (the minimum interval after an earlier dose moved it) or pending. Dates are local dates in the plan's zone.",
    tags: ["plans"],
    params: idParams("plans"),
    query: CalendarQuery,
    response: PlanCalendar,
    errors: ["NOT_FOUND"],
    handler: async ({ userId, params, query }) => {
      const calendar = await planCalendar(store, userId, params.id, context.now());
      const { timeZone } = calendar.adherence;
      const inMonth = (date: string) => query.month === undefined || date.startsWith(query.month);
      return {
        plan: calendar.plan,
        timeZone,
        month: query.month ?? null,
        occurrences: calendar.adherence.entries
          .filter((e) => inMonth(e.occurrence.date))
          .map((e) => ({
            ...e.occurrence,
            status: e.status,
            doseId: e.dose?.id ?? null,
            minutesFromPlan: e.minutesFromPlan,
          })),
        extra: calendar.adherence.extra
          .map((dose) => ({ dose, date: localDateTimeText(dose.at, timeZone).slice(0, 10) }))
          .filter((e) => inMonth(e.date)),
        breaks: calendar.breaks.filter(
          (b) =>
            query.month === undefined ||
            (b.from.slice(0, 7) <= query.month && b.until.slice(0, 7) >= query.month),
        ),
        next: calendar.next,
        summary: calendar.adherence.summary,
      };
    },
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/plans/:id/ics",
    operationId: "planIcs",
    summary: "Download a plan as an iCalendar file for your calendar program",
    description:
      "One event per dose with a reminder; times in the plan's zone (with its VTIMEZONE) unless `utc=true`. The same plan gives the same event UIDs, so a calendar updates rather than duplicates. `discreet=true` leaves the substance and dose out, for a shared calendar.",
    tags: ["plans"],
    params: idParams("plans"),
    query: IcsQuery,
    downloads: [{ contentType: "text/calendar", description: "An iCalendar file (RFC 5545)." }],
    errors: ["NOT_FOUND"],
    handler: async ({ userId, params, query }) => {
      const { plan, ics } = await storedPlanIcs(store, userId, params.id, context.now(), {
        times: query.utc === "true" ? "utc" : "zoned",
        reminderMinutesBefore:
          query.remindMinutes === undefined ? undefined : Number(query.remindMinutes),
        discreet: query.discreet === "true",
      });
      const name = query.discreet === "true" ? "titrate-plan" : `titrate-plan-${plan.substance}`;
      return new FileAnswer("text/calendar", `${name}-${plan.startDate}.ics`, ics);
    },
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/plans/:id/end",
    operationId: "endPlan",
    summary: "End a plan (it stays in the journal)",
    tags: ["plans"],
    params: idParams("plans"),
    response: PlanAnswer,
    errors: ["NOT_FOUND"],
    handler: async ({ userId, params }) => ({
      plan: await endStoredPlan(store, userId, params.id, context.now()),
    }),
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/plans/:id/move-zone",
    operationId: "movePlanZone",
    summary: "Move a plan to another time zone, keeping its local time of day",
    tags: ["plans"],
    params: idParams("plans"),
    body: MoveZoneBody,
    response: PlanAnswer,
    errors: ["NOT_FOUND", "TIME_ZONE_UNKNOWN", "PLAN_ENDED"],
    handler: async ({ userId, params, body }) => ({
      plan: await moveStoredPlan(
        store,
        userId,
        params.id,
        parseTimeZone(body.timeZone, "timeZone"),
      ),
    }),
  });
};
