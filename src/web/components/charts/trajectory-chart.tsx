/**
 * A questionnaire's totals over the period on its severity bands (minimal at the bottom),
 * hand-drawn in SVG, with the first score ever as a dashed line and, when they apply (a
 * first score of 5 or more), the response line (50 % below the first) and the remission
 * line (below 5), FACTS Q-PHQ9, Q-GAD7. The numbers are in words beside it (`describedBy`).
 */
import type { Trajectory } from "../../../core/insights/trajectories.ts";
import { linear, px, shortDate, useWidth } from "./chart-size.ts";

export interface TrajectoryChartProps {
  readonly trajectory: Trajectory;
  /** The period's dates, first and last included. */
  readonly from: string;
  readonly to: string;
  readonly describedBy: string;
}

const HEIGHT = 260;
const LEFT = 26;
const RIGHT = 10;
const TOP = 8;
const BOTTOM = 26;
const DAY_MS = 86_400_000;

const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

export function TrajectoryChart({ trajectory, from, to, describedBy }: TrajectoryChartProps) {
  const [box, width] = useWidth<HTMLDivElement>();
  const { maxTotal, bands, baseline, points } = trajectory;
  const plotBottom = HEIGHT - BOTTOM;
  const x = linear(dayOf(from), dayOf(to), LEFT, width - RIGHT);
  const y = linear(0, maxTotal, plotBottom, TOP);
  const applies = baseline !== null && baseline.total >= 5;
  const responseAt = baseline ? Math.floor(baseline.total / 2) : 0;
  const lines: { key: string; value: number; label: string; cls: string; below?: boolean }[] = [];
  if (baseline) {
    lines.push({
      key: "first",
      value: baseline.total,
      label: `first: ${baseline.total} (${shortDate(baseline.date)})`,
      cls: "chart-first",
    });
  }
  if (applies) {
    // Response: at most half the first total; remission: below 5. With a first score of 9
    // both lines fall between 4 and 5 and are one line.
    const same = responseAt === 4;
    const remissionAbove = responseAt < 4;
    lines.push({
      key: "response",
      value: responseAt + 0.5,
      label: same
        ? `response (${responseAt} or less) and remission (below 5)`
        : `response: ${responseAt} or less`,
      cls: "chart-threshold",
      below: remissionAbove,
    });
    if (!same) {
      lines.push({
        key: "remission",
        value: 4.5,
        label: "remission: below 5",
        cls: "chart-threshold",
        below: !remissionAbove,
      });
    }
  }
  return (
    <div class="chart" ref={box}>
      <svg
        width={width}
        height={HEIGHT}
        viewBox={`0 0 ${width} ${HEIGHT}`}
        role="img"
        aria-label={`${trajectory.name} totals over the period, on its bands`}
        aria-describedby={describedBy}
      >
        {bands.map((band, i) => {
          const top = y(Math.min(band.max + 0.5, maxTotal));
          const bottom = y(Math.max(0, band.min - 0.5));
          return (
            <rect
              key={band.id}
              class={`chart-band-${i % 2}`}
              x={LEFT}
              y={px(top)}
              width={Math.max(0, width - RIGHT - LEFT)}
              height={px(bottom - top)}
            />
          );
        })}
        {lines.map((l) => (
          <line
            key={l.key}
            class={l.cls}
            x1={LEFT}
            x2={width - RIGHT}
            y1={px(y(l.value))}
            y2={px(y(l.value))}
          />
        ))}
        {[0, maxTotal].map((v) => (
          <text key={v} class="chart-text" x={LEFT - 6} y={px(y(v) + 4)} text-anchor="end">
            {v}
          </text>
        ))}
        {/* Labels with a halo, so the dashed lines leave them readable; the scores go on top. */}
        {bands.map((band) => (
          <text
            key={band.id}
            class="chart-text chart-band-label chart-halo"
            x={width - RIGHT - 4}
            y={px(y(Math.min(band.max + 0.5, maxTotal)) + 13)}
            text-anchor="end"
          >
            {band.label} {band.min}–{band.max}
          </text>
        ))}
        {lines.map((l) => (
          <text
            key={l.key}
            class="chart-text chart-halo"
            x={LEFT + 4}
            y={px(y(l.value) + (l.below ? 14 : -4))}
          >
            {l.label}
          </text>
        ))}
        <path
          class="chart-mean"
          d={points
            .map((p, i) => `${i === 0 ? "M" : "L"}${px(x(dayOf(p.date)))} ${px(y(p.total))}`)
            .join("")}
        />
        {points.map((p) => (
          <circle
            key={p.at}
            class="chart-point"
            cx={px(x(dayOf(p.date)))}
            cy={px(y(p.total))}
            r="4"
          />
        ))}
        <text class="chart-text" x={LEFT} y={HEIGHT - 8}>
          {shortDate(from)}
        </text>
        <text class="chart-text" x={width - RIGHT} y={HEIGHT - 8} text-anchor="end">
          {shortDate(to)}
        </text>
      </svg>
    </div>
  );
}
