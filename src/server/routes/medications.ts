/**
 * Medications taken regularly: each counts against every dose while current (the
 * combination rule), so they live in the journal, not only in the person's head.
 */
import type { FastifyPluginAsync } from "fastify";
import { knownCombinations as knownCombinationsOf } from "../../core/safety/agent-match.ts";
import { substances } from "../../core/substances/catalog.ts";
import { formatInstant } from "../../core/time.ts";
import { addMedication, endMedication, listMedications } from "../../store/repos/medications.ts";
import type { ServerContext } from "../context.ts";
import { defineRoute } from "../route.ts";
import { idParams } from "../schemas/common.ts";
import {
  MedicationAdded,
  MedicationAnswer,
  MedicationBody,
  MedicationList,
} from "../schemas/profile.ts";
import { entryInstant } from "../views.ts";

export const medicationsRoutes: FastifyPluginAsync<ServerContext> = async (app, context) => {
  const { store } = context;

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/medications",
    operationId: "listMedications",
    summary: "Your medications, current and ended",
    tags: ["profile"],
    response: MedicationList,
    handler: async ({ userId }) => ({ medications: await listMedications(store.db, userId) }),
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/medications",
    operationId: "addMedication",
    summary:
      "Add a medication you take; every dose is checked against the combinations Titrate knows",
    description:
      "`knownCombinations` lists what every dose will be checked for with it; when it is empty, Titrate knows no combination for that name, which is not a sign that it is safe: ask a pharmacist.",
    tags: ["profile"],
    body: MedicationBody,
    status: 201,
    response: MedicationAdded,
    errors: ["TIME_IN_FUTURE", "TIME_TOO_OLD", "STORE_NOT_INITIALISED"],
    handler: async ({ userId, body }) => {
      const now = context.now();
      const addedAt =
        (await entryInstant(store, userId, body.addedAt, now, "addedAt")) ?? formatInstant(now);
      const medication = await store.transaction((tx) =>
        addMedication(tx, userId, { name: body.name, addedAt }),
      );
      const knownCombinations = knownCombinationsOf(substances, body.name).map(
        ({ substance, combination }) => ({
          substance: substance.id,
          agent: combination.agent,
          severity: combination.severity,
        }),
      );
      return { medication, knownCombinations };
    },
  });

  defineRoute(app, {
    method: "POST",
    url: "/api/v1/medications/:id/end",
    operationId: "endMedication",
    summary: "Record that you stopped taking a medication",
    tags: ["profile"],
    params: idParams("medications"),
    response: MedicationAnswer,
    errors: ["NOT_FOUND"],
    handler: async ({ userId, params }) => {
      const endedAt = formatInstant(context.now());
      const medication = await store.transaction((tx) =>
        endMedication(tx, userId, params.id, endedAt),
      );
      return { medication };
    },
  });
};
