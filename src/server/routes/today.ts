/**
 * The Today data: what matters now, in one request. The next dose of each active plan (and
 * why it is not sooner), the earliest next dose of substances taken without a plan, the last
 * dose, the findings (danger first), whether Titrate advises not to dose at all, where to
 * turn in a crisis, and the state of automatic backups (a failure is shown, never hidden).
 */
import type { FastifyPluginAsync } from "fastify";
import { requireProfile } from "../../store/journal/profile.ts";
import { today } from "../../store/journal/today.ts";
import { BACKUPS_OFF } from "../automatic-backups.ts";
import type { ServerContext } from "../context.ts";
import { defineRoute } from "../route.ts";
import { Today } from "../schemas/findings.ts";
import { crisisView } from "../views.ts";

export const todayRoutes: FastifyPluginAsync<ServerContext> = async (app, context) => {
  defineRoute(app, {
    method: "GET",
    url: "/api/v1/today",
    operationId: "getToday",
    summary: "What matters now: next doses, findings, crisis resources, backups",
    description:
      "Next dose per active plan (with `reason` when the minimum interval after your last dose pushed it back), unplanned substances' earliest next dose, the last dose, active findings (danger first) and acknowledged ones, `advisedNotToDose` while a danger finding is active, crisis resources for your profile, and the status of automatic backups (`failing` when the last one failed).",
    tags: ["today"],
    response: Today,
    errors: ["STORE_NOT_INITIALISED"],
    handler: async ({ userId }) => {
      const now = context.now();
      const profile = await requireProfile(context.store, userId);
      const data = await today(context.store, userId, now);
      return {
        plans: data.plans,
        unplanned: data.unplanned,
        lastDose: data.lastDose,
        findings: { active: data.findings.active, acknowledged: data.findings.acknowledged },
        advisedNotToDose: data.advisedNotToDose,
        crisis: crisisView(profile),
        backups: context.backups?.status() ?? BACKUPS_OFF,
      };
    },
  });
};
