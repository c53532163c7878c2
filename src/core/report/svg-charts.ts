/**
 * Inline SVG charts for the clinician report: no script, no external file, readable in
 * black and white. Each has a <title> and a <desc> giving its numbers in words, for screen
 * readers and for anyone reading a printout without the colours.
 */
import type { Interval } from "../insights/estimate.ts";
import { escapeHtml } from "./html.ts";

const WIDTH = 640;
const ACCENT = "#1f5fa8";
const INK = "#222";
const GRID = "#ccc";

const fixed = (n: number) => (Math.round(n * 10) / 10).toString();

/** The opening tag, with a title and a description the screen reader reads (ids unique per page). */
function svgOpen(id: string, height: number, title: string, desc: string): string {
  return `<svg viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-labelledby="${id}-title" aria-describedby="${id}-desc"><title id="${id}-title">${escapeHtml(title)}</title><desc id="${id}-desc">${escapeHtml(desc)}</desc>`;
}

/** A polyline path through the non-null points, broken where values are missing. */
function pathOf(points: readonly ({ x: number; y: number } | null)[]): string {
  let d = "";
  let pen = false;
  for (const p of points) {
    if (p === null) {
      pen = false;
      continue;
    }
    d += `${pen ? "L" : "M"}${fixed(p.x)} ${fixed(p.y)}`;
    pen = true;
  }
  return d;
}

export interface RatingChartInput {
  /** Unique on the page. */
  readonly id: string;
  readonly title: string;
  readonly desc: string;
  readonly daily: readonly (number | null)[];
  readonly rolling: readonly (number | null)[];
  readonly doseDay: readonly boolean[];
  readonly firstDate: string;
  readonly lastDate: string;
}

/** One rating over the period: daily values as dots, the 7-day mean as a line, doses as ticks. */
export function ratingChart(input: RatingChartInput): string {
  const height = 130;
  const left = 28;
  const right = WIDTH - 8;
  const top = 8;
  const bottom = height - 30;
  const n = Math.max(1, input.daily.length - 1);
  const x = (i: number) => left + ((right - left) * i) / n;
  const y = (v: number) => bottom - ((bottom - top) * v) / 10;
  let svg = svgOpen(input.id, height, input.title, input.desc);
  for (const v of [0, 5, 10]) {
    svg += `<line x1="${left}" x2="${right}" y1="${fixed(y(v))}" y2="${fixed(y(v))}" stroke="${GRID}" stroke-width="1"/><text x="${left - 4}" y="${fixed(y(v) + 4)}" font-size="10" text-anchor="end" fill="${INK}">${v}</text>`;
  }
  input.doseDay.forEach((dosed, i) => {
    if (dosed) {
      svg += `<line x1="${fixed(x(i))}" x2="${fixed(x(i))}" y1="${bottom + 2}" y2="${bottom + 10}" stroke="${ACCENT}" stroke-width="2"/>`;
    }
  });
  input.daily.forEach((v, i) => {
    if (v !== null) svg += `<circle cx="${fixed(x(i))}" cy="${fixed(y(v))}" r="1.8" fill="#888"/>`;
  });
  svg += `<path d="${pathOf(input.rolling.map((v, i) => (v === null ? null : { x: x(i), y: y(v) })))}" fill="none" stroke="${ACCENT}" stroke-width="2"/>`;
  svg += `<text x="${left}" y="${height - 4}" font-size="10" fill="${INK}">${escapeHtml(input.firstDate)}</text><text x="${right}" y="${height - 4}" font-size="10" text-anchor="end" fill="${INK}">${escapeHtml(input.lastDate)}</text><text x="${WIDTH / 2}" y="${height - 4}" font-size="10" text-anchor="middle" fill="${ACCENT}">ticks: dose days; line: 7-day mean; dots: daily</text>`;
  return `${svg}</svg>`;
}

export interface TrajectoryChartInput {
  readonly id: string;
  readonly title: string;
  readonly desc: string;
  readonly maxTotal: number;
  readonly bands: readonly { readonly label: string; readonly min: number; readonly max: number }[];
  /** Day index within the period, and the total. */
  readonly points: readonly { readonly day: number; readonly total: number }[];
  readonly days: number;
  readonly firstDate: string;
  readonly lastDate: string;
}

/** A questionnaire's totals over the period on its bands (minimal at the bottom). */
export function trajectoryChart(input: TrajectoryChartInput): string {
  const height = 190;
  const left = 28;
  const right = WIDTH - 150;
  const top = 8;
  const bottom = height - 24;
  const x = (day: number) => left + ((right - left) * day) / Math.max(1, input.days - 1);
  const y = (v: number) => bottom - ((bottom - top) * v) / input.maxTotal;
  let svg = svgOpen(input.id, height, input.title, input.desc);
  input.bands.forEach((band, i) => {
    const y1 = y(Math.min(band.max + 0.5, input.maxTotal));
    const y2 = y(Math.max(0, band.min - 0.5));
    svg += `<rect x="${left}" y="${fixed(y1)}" width="${right - left}" height="${fixed(y2 - y1)}" fill="${i % 2 === 0 ? "#f2f2f2" : "#e4e4e4"}"/><text x="${right + 6}" y="${fixed((y1 + y2) / 2 + 4)}" font-size="10" fill="${INK}">${escapeHtml(`${band.label} (${band.min}–${band.max})`)}</text>`;
  });
  svg += `<line x1="${left}" x2="${left}" y1="${top}" y2="${bottom}" stroke="${INK}"/><text x="${left - 4}" y="${fixed(y(0) + 4)}" font-size="10" text-anchor="end">0</text><text x="${left - 4}" y="${fixed(y(input.maxTotal) + 8)}" font-size="10" text-anchor="end">${input.maxTotal}</text>`;
  svg += `<path d="${pathOf(input.points.map((p) => ({ x: x(p.day), y: y(p.total) })))}" fill="none" stroke="${ACCENT}" stroke-width="2"/>`;
  for (const p of input.points) {
    svg += `<circle cx="${fixed(x(p.day))}" cy="${fixed(y(p.total))}" r="3" fill="${ACCENT}"/>`;
  }
  svg += `<text x="${left}" y="${height - 6}" font-size="10">${escapeHtml(input.firstDate)}</text><text x="${right}" y="${height - 6}" font-size="10" text-anchor="end">${escapeHtml(input.lastDate)}</text>`;
  return `${svg}</svg>`;
}

export interface IntervalRow {
  readonly label: string;
  /** Null: not enough data (the row says so instead of drawing a bar). */
  readonly estimate: number | null;
  readonly ci95: Interval | null;
}

/** A forest plot: each row's estimate with its 95 % interval, around a line at zero. */
export function intervalChart(
  id: string,
  title: string,
  desc: string,
  rows: readonly IntervalRow[],
): string {
  const rowHeight = 24;
  const height = rows.length * rowHeight + 30;
  const left = 90;
  const right = WIDTH - 20;
  const ends = rows.flatMap((r) => (r.ci95 ? [Math.abs(r.ci95[0]), Math.abs(r.ci95[1])] : []));
  const reach = Math.max(1, Math.ceil(Math.max(0, ...ends)));
  const x = (v: number) => left + ((right - left) * (v + reach)) / (2 * reach);
  let svg = svgOpen(id, height, title, desc);
  svg += `<line x1="${fixed(x(0))}" x2="${fixed(x(0))}" y1="4" y2="${height - 22}" stroke="${INK}" stroke-dasharray="3 3"/>`;
  rows.forEach((row, i) => {
    const cy = 16 + i * rowHeight;
    svg += `<text x="${left - 8}" y="${cy + 4}" font-size="11" text-anchor="end">${escapeHtml(row.label)}</text>`;
    if (row.estimate === null || row.ci95 === null) {
      svg += `<text x="${left + 4}" y="${cy + 4}" font-size="11" fill="#666">not enough data yet</text>`;
      return;
    }
    svg += `<line x1="${fixed(x(row.ci95[0]))}" x2="${fixed(x(row.ci95[1]))}" y1="${cy}" y2="${cy}" stroke="${ACCENT}" stroke-width="3"/><circle cx="${fixed(x(row.estimate))}" cy="${cy}" r="4.5" fill="${INK}"/>`;
  });
  svg += `<text x="${left}" y="${height - 6}" font-size="10">${-reach}</text><text x="${fixed(x(0))}" y="${height - 6}" font-size="10" text-anchor="middle">0</text><text x="${right}" y="${height - 6}" font-size="10" text-anchor="end">+${reach}</text>`;
  return `${svg}</svg>`;
}
