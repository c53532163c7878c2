/**
 * The clinician report as one self-contained HTML page: inline CSS with print rules, inline
 * SVG charts, no script and no request to anywhere (its own Content-Security-Policy forbids
 * both, in case a browser opens it from disk). Every section is in unless left out, and the
 * page says which were left out, so a reader knows the picture is partial.
 */

import { countText } from "../safety/format.ts";
import { escapeHtml, paragraph } from "./html.ts";
import {
  type ReportData,
  type ReportSection,
  reportSections,
  sectionTitles,
} from "./report-data.ts";
import {
  adherenceSection,
  bloodPressureSection,
  dosesSection,
  experimentSection,
  findingsSection,
  insightsSection,
  notesSection,
  otherSubstancesSection,
  planSection,
  profileSection,
  ratingsSection,
  screeningsSection,
  symptomsSection,
} from "./report-sections.ts";
import { reportStyle } from "./report-style.ts";

/** No script, no network: styles inline, images only as data. */
export const REPORT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** The report page for `data`, without the sections in `exclude`. */
export function renderReport(data: ReportData, exclude: readonly ReportSection[] = []): string {
  const included = reportSections.filter((s) => !exclude.includes(s));
  const withNotes = included.includes("notes");
  const render: Record<ReportSection, () => string> = {
    profile: () => profileSection(data),
    plan: () => planSection(data),
    adherence: () => adherenceSection(data),
    doses: () => dosesSection(data, withNotes),
    ratings: () => ratingsSection(data),
    symptoms: () => symptomsSection(data, withNotes),
    "blood-pressure": () => bloodPressureSection(data),
    screenings: () => screeningsSection(data),
    insights: () => insightsSection(data),
    experiment: () => experimentSection(data),
    findings: () => findingsSection(data, exclude),
    "other-substances": () => otherSubstancesSection(data, withNotes),
    notes: () => notesSection(data),
  };
  const { period, counts } = data.insights;
  const title = `Titrate report: ${data.username}, ${period.from} to ${period.to}`;
  const header = [
    `<h1>${escapeHtml(title)}</h1>`,
    paragraph(
      `${countText(period.days, "day")} in ${period.timeZone}: ${countText(counts.checkInDays, "day")} with a check-in, ${countText(counts.doseDays, "dose day")}, ${countText(counts.screenings, "screening")}. Prepared with Titrate ${data.version}.`,
      "meta",
    ),
    `<p class="caution">${escapeHtml(
      "A self-kept journal, shared by the person it belongs to: ratings and symptoms are self-reported, and not a medical record. Every estimate comes with its 95 % interval and sample size; expectation explains much of what people report from microdosing (Kaertner et al. 2021; Szigeti et al. 2021).",
    )}</p>`,
    exclude.length === 0
      ? ""
      : paragraph(
          `Left out at the person's request: ${exclude.map((s) => sectionTitles[s]).join(", ")}${exclude.includes("notes") ? " (all free text, including notes on doses and symptoms)" : ""}.`,
          "excluded",
        ),
  ].join("");
  const body = included
    .map(
      (s) => `<section id="${s}"><h2>${escapeHtml(sectionTitles[s])}</h2>${render[s]()}</section>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${reportStyle}</style>
</head>
<body>
<header>${header}</header>
<main>
${body}
</main>
</body>
</html>
`;
}
