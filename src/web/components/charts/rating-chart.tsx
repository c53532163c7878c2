/**
 * One rating over a period, hand-drawn in SVG: the day's rating as a dot, the trailing 7-day
 * mean as a line (broken where fewer than 4 of the 7 days were rated), dose days as a
 * marker under the axis and a faint line up through the plot. The y axis is always the
 * whole 0–10 scale, so a small change looks small. The numbers are also in words beside it
 * (`describedBy`), for screen readers and for anyone who prefers them.
 */
import { dateTicks, linear, pathThrough, px, useWidth } from "./chart-size.ts";

export interface RatingChartProps {
  /** Names the chart for screen readers: "Mood over the period". */
  readonly label: string;
  /** The id of the element that says the chart's numbers in words. */
  readonly describedBy: string;
  readonly dates: readonly string[];
  readonly daily: readonly (number | null)[];
  readonly rolling: readonly (number | null)[];
  readonly doseDay: readonly boolean[];
}

const HEIGHT = 190;
const LEFT = 26;
const RIGHT = 10;
const TOP = 10;
const BOTTOM = 44;

export function RatingChart({
  label,
  describedBy,
  dates,
  daily,
  rolling,
  doseDay,
}: RatingChartProps) {
  const [box, width] = useWidth<HTMLDivElement>();
  const plotBottom = HEIGHT - BOTTOM;
  const x = linear(0, Math.max(1, dates.length - 1), LEFT, width - RIGHT);
  const y = linear(0, 10, plotBottom, TOP);
  const ticks = dateTicks(dates, Math.max(2, Math.floor(width / 56)));
  const dotRadius = dates.length > 200 ? 1.6 : 2.4;
  return (
    <div class="chart" ref={box}>
      <svg
        width={width}
        height={HEIGHT}
        viewBox={`0 0 ${width} ${HEIGHT}`}
        role="img"
        aria-label={label}
        aria-describedby={describedBy}
      >
        {[0, 5, 10].map((v) => (
          <g key={v}>
            <line class="chart-grid" x1={LEFT} x2={width - RIGHT} y1={px(y(v))} y2={px(y(v))} />
            <text class="chart-text" x={LEFT - 6} y={px(y(v) + 4)} text-anchor="end">
              {v}
            </text>
          </g>
        ))}
        {doseDay.map((dosed, i) =>
          dosed ? (
            <g key={dates[i]}>
              <line class="chart-dose-line" x1={px(x(i))} x2={px(x(i))} y1={TOP} y2={plotBottom} />
              <path class="chart-dose" d={`M${px(x(i))} ${plotBottom + 3}l5 8h-10z`} />
            </g>
          ) : null,
        )}
        {daily.map((v, i) =>
          v === null ? null : (
            <circle key={dates[i]} class="chart-daily" cx={px(x(i))} cy={px(y(v))} r={dotRadius} />
          ),
        )}
        <path
          class="chart-mean"
          d={pathThrough(rolling.map((v, i) => (v === null ? null : { x: x(i), y: y(v) })))}
        />
        {ticks.map((t) => (
          <text
            key={t.index}
            class="chart-text"
            x={px(x(t.index))}
            y={HEIGHT - 8}
            text-anchor={t.index === 0 ? "start" : t.index === dates.length - 1 ? "end" : "middle"}
          >
            {t.label}
          </text>
        ))}
      </svg>
    </div>
  );
}

/** The key to the rating chart's marks. */
export function RatingLegend() {
  return (
    <ul class="chart-legend" aria-label="Key">
      <li>
        <svg width="14" height="14" aria-hidden="true">
          <circle class="chart-daily" cx="7" cy="7" r="3" />
        </svg>
        the day's rating
      </li>
      <li>
        <svg width="22" height="14" aria-hidden="true">
          <path class="chart-mean" d="M1 7H21" />
        </svg>
        7-day mean
      </li>
      <li>
        <svg width="14" height="14" aria-hidden="true">
          <path class="chart-dose" d="M7 2l5 9H2z" />
        </svg>
        dose day
      </li>
    </ul>
  );
}
