/**
 * Supplies: batches with their strength, and reagent tests read against the colour the
 * catalog expects (FACTS TEST-1, P-TEST-1). Street supply is often not what it claims.
 */
import type { FastifyPluginAsync } from "fastify";
import {
  findReagentExpectation,
  howToTest,
  reagentVerdictMeaning,
} from "../../core/safety/reagent-verdict.ts";
import { getSubstance } from "../../core/substances/catalog.ts";
import { formatInstant } from "../../core/time.ts";
import { createBatch, testBatch } from "../../store/journal/supplies.ts";
import { listBatches } from "../../store/repos/batches.ts";
import type { ServerContext } from "../context.ts";
import { defineRoute } from "../route.ts";
import { idParams } from "../schemas/common.ts";
import {
  BatchAnswer,
  BatchBody,
  BatchList,
  ReagentTestAnswer,
  ReagentTestBody,
} from "../schemas/supplies.ts";
import { entryInstant } from "../views.ts";

export const batchesRoutes: FastifyPluginAsync<ServerContext> = async (app, context) => {
  const { store } = context;

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/batches",
    operationId: "listBatches",
    summary: "Your batches and their reagent tests",
    tags: ["supplies"],
    response: BatchList,
    handler: async ({ userId }) => ({ batches: await listBatches(store.db, userId) }),
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/batches",
    operationId: "addBatch",
    summary: "Add a batch of a substance (test it before use)",
    tags: ["supplies"],
    body: BatchBody,
    status: 201,
    response: BatchAnswer,
    errors: ["LABEL_TAKEN", "PREPARATION_IMPOSSIBLE"],
    handler: async ({ userId, body }) => {
      const batch = await createBatch(
        store,
        userId,
        {
          ...body,
          concentrationMgPerMl: body.concentrationMgPerMl ?? null,
          mlPerSpray: body.mlPerSpray ?? null,
          purityPercent: body.purityPercent ?? null,
        },
        context.now(),
      );
      return { batch, howToTest: howToTest(getSubstance(batch.substance)) };
    },
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/batches/:id/tests",
    operationId: "testBatch",
    summary: "Record a reagent test; the answer says whether it matches the expected colour",
    description:
      "`test.verdict` is match, mismatch (the batch may not be what it was sold as: do not use it) or unknown (compare with your kit's chart). Reagents show identity, not purity or amount (FACTS TEST-1).",
    tags: ["supplies"],
    params: idParams("batches"),
    body: ReagentTestBody,
    status: 201,
    response: ReagentTestAnswer,
    errors: ["NOT_FOUND", "TIME_IN_FUTURE", "TIME_TOO_OLD", "STORE_NOT_INITIALISED"],
    handler: async ({ userId, params, body }) => {
      const now = context.now();
      const at = (await entryInstant(store, userId, body.at, now)) ?? formatInstant(now);
      const { batch, test } = await testBatch(store, userId, params.id, {
        reagent: body.reagent,
        result: body.result,
        at,
      });
      const expectation = findReagentExpectation(getSubstance(batch.substance), test.reagent);
      return {
        batch,
        test,
        expected: expectation?.expected ?? null,
        verdictMeaning: reagentVerdictMeaning[test.verdict],
      };
    },
  });
};
