/**
 * Doses: logging one taken (always recorded, however high or soon: the journal must tell the
 * truth; the findings come back at once) and checking one before it is taken (nothing is
 * written; the web app calls it as the person types, so a warning shows in time).
 */
import type { FastifyPluginAsync } from "fastify";
import type * as z from "zod/mini";
import type { Finding } from "../../core/safety/finding.ts";
import { checkDose } from "../../store/journal/check-dose.ts";
import { type DoseRequest, logDose } from "../../store/journal/log.ts";
import type { ServerContext } from "../context.ts";
import { defineRoute } from "../route.ts";
import { DoseBody, DoseChecked, DoseLogged } from "../schemas/doses.ts";
import { entryInstant } from "../views.ts";

const doseErrors = [
  "NOT_FOUND",
  "BATCH_REQUIRED",
  "BATCH_INCOMPLETE",
  "BATCH_MISMATCH",
  "ROUTE_UNKNOWN",
  "TIME_IN_FUTURE",
  "TIME_TOO_OLD",
  "STORE_NOT_INITIALISED",
] as const;

const isDanger = (findings: readonly Finding[]) => findings.some((f) => f.severity === "danger");

export const dosesRoutes: FastifyPluginAsync<ServerContext> = async (app, context) => {
  const { store } = context;

  async function requestOf(userId: string, body: z.infer<typeof DoseBody>): Promise<DoseRequest> {
    const at = await entryInstant(store, userId, body.at, context.now());
    return { ...body, at };
  }

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/doses",
    operationId: "logDose",
    summary: "Record a dose you took; the safety rules run at once",
    description:
      "Always recorded, however high or soon. Anything left out comes from the preset, the batch or the one active plan; a volume or sprays become an amount through the batch. The answer lists what the dose brought (`findings`) and every active finding.",
    tags: ["doses"],
    body: DoseBody,
    status: 201,
    response: DoseLogged,
    errors: [...doseErrors],
    handler: async ({ userId, body }) => {
      const logged = await logDose(store, userId, await requestOf(userId, body), context.now());
      return { ...logged, advisedNotToDose: isDanger(logged.active) };
    },
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/doses/check",
    operationId: "checkDose",
    summary: "What the safety rules would say about a dose, writing nothing",
    description:
      "The same body as POST /api/v1/doses. Answers the dose as it would be recorded and the findings about it (too soon, above the ceiling, a combination…), then every other finding active at its time.",
    tags: ["doses"],
    body: DoseBody,
    response: DoseChecked,
    errors: [...doseErrors],
    handler: async ({ userId, body }) => {
      const checked = await checkDose(store, userId, await requestOf(userId, body), context.now());
      return { ...checked, advisedNotToDose: isDanger(checked.findings) };
    },
  });
};
