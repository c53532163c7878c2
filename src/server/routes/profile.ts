/**
 * The profile: weight, units, time zone, conditions, country and crisis contacts. One PATCH
 * both sets it up (the web app's first run: an account starts without a profile) and changes
 * it later, so a client needs no separate "initialise" call (docs/decisions.md, "API routes").
 */
import type { FastifyPluginAsync } from "fastify";
import { normaliseCountry } from "../../core/crisis.ts";
import type { Profile } from "../../core/schemas/journal.ts";
import { parseTimeZone } from "../../core/time.ts";
import { saveProfileChanges } from "../../store/journal/profile.ts";
import { getProfile, weightHistory } from "../../store/repos/profile.ts";
import type { ServerContext } from "../context.ts";
import { defineRoute } from "../route.ts";
import { ProfileAnswer, ProfileChanges, ProfileSaved, WeightHistory } from "../schemas/profile.ts";
import { crisisView } from "../views.ts";

export const profileRoutes: FastifyPluginAsync<ServerContext> = async (app, context) => {
  defineRoute(app, {
    method: "GET",
    url: "/api/v1/profile",
    operationId: "getProfile",
    summary: "Your profile and crisis resources (profile null until it is set up)",
    tags: ["profile"],
    response: ProfileAnswer,
    handler: async ({ userId, principal }) => {
      const profile = await getProfile(context.store.db, userId);
      return { username: principal.username, profile, crisis: crisisView(profile) };
    },
  });

  defineRoute(app, {
    method: "PATCH",
    url: "/api/v1/profile",
    operationId: "updateProfile",
    summary: "Set up or change your profile (only the fields given change)",
    description:
      "On an account without a profile this creates it (first-run setup): `timeZone` is then required; the rest default to no weight, metric units, no conditions, no country, no contacts of your own. A weight change is kept in the weight history.",
    tags: ["profile"],
    body: ProfileChanges,
    response: ProfileSaved,
    errors: ["TIME_ZONE_UNKNOWN"],
    handler: async ({ userId, body }) => {
      const changes: Partial<Profile> = { ...body };
      if (body.timeZone !== undefined) changes.timeZone = parseTimeZone(body.timeZone, "timeZone");
      if (body.country !== undefined) changes.country = normaliseCountry(body.country);
      const saved = await saveProfileChanges(context.store, userId, changes, context.now());
      return { ...saved, crisis: crisisView(saved.profile) };
    },
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/profile/weights",
    operationId: "listWeights",
    summary: "Your weight history, oldest first (kg)",
    tags: ["profile"],
    response: WeightHistory,
    handler: async ({ userId }) => ({ weights: await weightHistory(context.store.db, userId) }),
  });
};
