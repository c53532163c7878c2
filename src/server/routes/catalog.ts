/**
 * The catalog: substances, questionnaires and checklists, and the conditions Titrate asks
 * about, so the web app renders its forms from the same data the rules use.
 */
import type { FastifyPluginAsync } from "fastify";
import { instruments } from "../../core/questionnaires/instruments.ts";
import { reagentVerdictMeaning } from "../../core/safety/reagent-verdict.ts";
import { batchForms, conditions } from "../../core/schemas/journal.ts";
import { substances } from "../../core/substances/catalog.ts";
import type { Range, Substance } from "../../core/substances/substance.ts";
import type { ServerContext } from "../context.ts";
import { defineRoute } from "../route.ts";
import { Catalog } from "../schemas/catalog.ts";

const range = (r: Range) => ({ low: r.low, high: r.high, typical: r.typical ?? null });
const rangeOrNull = (r: Range | null) => (r === null ? null : range(r));

function substanceView(s: Substance) {
  return {
    id: s.id,
    name: s.name,
    aliases: s.aliases,
    measuredAs: s.measuredAs,
    unit: s.unit,
    step: s.step,
    sizing:
      s.sizing.kind === "per-kg" ? s.sizing : { ...s.sizing, typical: range(s.sizing.typical) },
    minIntervalDays: s.minIntervalDays,
    minIntervalFacts: s.minIntervalFacts,
    defaultProtocol: s.defaultProtocol,
    defaultCycle: s.defaultCycle,
    defaultRoute: s.defaultRoute,
    routes: s.routes.map((r) => ({
      route: r.route,
      bioavailability: rangeOrNull(r.bioavailability),
      onsetMinutes: rangeOrNull(r.onsetMinutes),
      effectHours: rangeOrNull(r.effectHours),
      afterEffectHours: rangeOrNull(r.afterEffectHours),
      note: r.note ?? null,
      uncertain: r.uncertain,
      facts: r.facts,
    })),
    reagents: s.reagents.map(({ reagent, expected, uncertain, facts }) => ({
      reagent,
      expected,
      uncertain,
      facts,
    })),
    risks: s.risks,
    tolerance: s.tolerance,
    notes: s.notes,
    facts: s.facts,
  };
}

/** Built once: the catalog is part of the program, not of anyone's journal. */
const catalog = {
  substances: substances.map(substanceView),
  instruments: instruments.map((i) => ({
    id: i.id,
    kind: i.kind,
    name: i.name,
    title: i.title,
    stem: i.stem,
    items: i.items,
    options: i.options,
    bands: i.bands.map((b) => ({ ...b, followUp: b.followUp ?? null })),
    crisisItemIndex: i.crisisItemIndex,
    attribution: i.kind === "questionnaire" ? i.attribution : null,
    facts: i.facts,
  })),
  conditions: conditions.map((c) => ({ id: c.id, label: c.label })),
  batchForms,
  reagentVerdicts: reagentVerdictMeaning,
};

export const catalogRoutes: FastifyPluginAsync<ServerContext> = async (app) => {
  defineRoute(app, {
    method: "GET",
    url: "/api/v1/catalog",
    operationId: "getCatalog",
    summary: "Substances, questionnaires, checklists and conditions, to render forms",
    description:
      "Each substance with its unit, rounding step, sizing (start and ceiling), minimum interval, default protocol and cycle, routes with their onset and effect figures (null where no source gives one), reagents and risks; each questionnaire and checklist with its items, answer scale and bands; the health conditions asked about, with their labels.",
    tags: ["catalog"],
    response: Catalog,
    handler: () => catalog,
  });
};
