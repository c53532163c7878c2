/**
 * The insights over a period (GET /api/v1/insights) and the clinician report as a
 * self-contained HTML download (GET /api/v1/report). Both read only the signed-in account.
 */
import type { FastifyPluginAsync } from "fastify";
import { REPORT_CSP } from "../../core/report/render-report.ts";
import { parseExclude } from "../../core/report/report-data.ts";
import { loadInsights } from "../../store/journal/insights.ts";
import { buildReport } from "../../store/journal/report.ts";
import type { ServerContext } from "../context.ts";
import { defineRoute, FileAnswer } from "../route.ts";
import { Insights, InsightsQuery, ReportQuery } from "../schemas/insights.ts";

export const insightsRoutes: FastifyPluginAsync<ServerContext> = async (app, context) => {
  defineRoute(app, {
    method: "GET",
    url: "/api/v1/insights",
    operationId: "getInsights",
    summary: "What the journal shows over a period, every number with its 95 % interval",
    description:
      "The daily series of each rating with its 7-day mean and dose days (columns, ready for uPlot); dose days vs other days, the day after a dose vs baseline days, and on-protocol days vs days before the first dose, for each rating, as mean differences with Welch's 95 % interval and Hedges' g; dose against the next day's ratings; PHQ-9 and GAD-7 trajectories with response, remission and (PHQ-9) 5-point changes; and a tolerance signal. Below 5 values per group an estimate is `{ enoughData: false, reason }`: show \"not enough data yet\" and no number. The same journal and query give the same answer.",
    tags: ["insights"],
    query: InsightsQuery,
    response: Insights,
    errors: ["STORE_NOT_INITIALISED"],
    handler: async ({ userId, query }) =>
      loadInsights(
        context.store,
        userId,
        { since: query.since, until: query.until },
        context.now(),
      ),
  });

  defineRoute(app, {
    method: "GET",
    url: "/api/v1/report",
    operationId: "getReport",
    summary: "The clinician report: one self-contained, printable HTML page, as a download",
    description:
      "Answers `text/html` (not JSON) as an attachment: plans, adherence, doses, daily ratings, symptoms, blood pressure, PHQ-9/GAD-7 trajectories, the findings from the ratings, a blinded experiment and the safety findings over the period. `exclude` leaves sections out (the page names them); leaving out `notes` removes all free text. The page has no script and loads nothing; its own Content-Security-Policy says so.",
    tags: ["insights"],
    query: ReportQuery,
    downloads: [
      {
        contentType: "text/html",
        description:
          "One self-contained HTML page with inline CSS (print rules) and inline SVG charts.",
      },
    ],
    errors: ["STORE_NOT_INITIALISED"],
    handler: async ({ userId, principal, query, reply }) => {
      const exclude = parseExclude(query.exclude);
      const version = "version" in context ? String(context.version) : "unknown";
      const { html, data } = await buildReport(
        context.store,
        userId,
        { since: query.since, until: query.until, username: principal.username, version },
        exclude,
        context.now(),
      );
      const { from, to } = data.insights.period;
      // Stricter than the app's policy, and allows the page's own inline styles if opened here.
      reply.header("content-security-policy", `${REPORT_CSP}; frame-ancestors 'none'`);
      return new FileAnswer("text/html", `titrate-report-${from}-to-${to}.html`, html);
    },
  });
};
