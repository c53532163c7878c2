/** Presets: a dose a person repeats, logged in one step with `preset` in POST /api/v1/doses. */
import type { FastifyPluginAsync } from "fastify";
import { createPreset } from "../../store/journal/presets.ts";
import { deletePreset, listPresets } from "../../store/repos/presets.ts";
import type { ServerContext } from "../context.ts";
import { defineRoute } from "../route.ts";
import { idParams } from "../schemas/common.ts";
import { PresetAnswer, PresetBody, PresetList } from "../schemas/supplies.ts";

export const presetsRoutes: FastifyPluginAsync<ServerContext> = async (app, context) => {
  const { store } = context;

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/presets",
    operationId: "listPresets",
    summary: "Your saved doses",
    tags: ["supplies"],
    response: PresetList,
    handler: async ({ userId }) => ({ presets: await listPresets(store.db, userId) }),
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/presets",
    operationId: "addPreset",
    summary: "Save a dose you repeat: an amount, or a volume or sprays of a batch",
    description:
      "A preset is a proposal, checked like one: refused above your ceiling (or, without a weight, above the ceiling at any weight: 422 DOSE_ABOVE_CEILING), on a batch whose reagent test did not match (422 BATCH_TEST_MISMATCH), of another substance (422 BATCH_MISMATCH), or as a volume or sprays of a batch without its concentration or spray volume (422 BATCH_INCOMPLETE).",
    tags: ["supplies"],
    body: PresetBody,
    status: 201,
    response: PresetAnswer,
    errors: [
      "LABEL_TAKEN",
      "NOT_FOUND",
      "BATCH_REQUIRED",
      "BATCH_INCOMPLETE",
      "BATCH_MISMATCH",
      "BATCH_TEST_MISMATCH",
      "DOSE_ABOVE_CEILING",
      "ROUTE_UNKNOWN",
    ],
    handler: async ({ userId, body }) => ({
      preset: await createPreset(store, userId, body, context.now()),
    }),
  });

  defineRoute(app, {
    method: "DELETE",
    url: "/api/v1/presets/:id",
    operationId: "deletePreset",
    summary: "Delete a saved dose (doses logged with it stay)",
    tags: ["supplies"],
    params: idParams("presets"),
    status: 204,
    errors: ["NOT_FOUND"],
    handler: async ({ userId, params }) => {
      await store.transaction((tx) => deletePreset(tx, userId, params.id));
    },
  });
};
