/**
 * Sizes for the hand-drawn SVG charts (docs/decisions.md, "Web: insights"): a chart is drawn
 * in CSS pixels at the width its box has, so text stays 12 px on a phone and on a desktop
 * instead of shrinking with a scaled viewBox.
 */
import type { Ref } from "preact";
import { useLayoutEffect, useRef, useState } from "preact/hooks";

/** The width of the element `ref` is put on, in CSS pixels, following resizes. */
export function useWidth<T extends HTMLElement>(fallbackPx = 600): [Ref<T>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(fallbackPx);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measured = Math.round(element.getBoundingClientRect().width);
    if (measured > 0) setWidth(measured);
    const observer = new ResizeObserver((entries) => {
      const next = Math.round(entries[0]?.contentRect.width ?? 0);
      if (next > 0) setWidth(next);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

/** A linear map from [d0, d1] onto [r0, r1]. */
export function linear(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  const span = d1 - d0 || 1;
  return (v) => r0 + ((v - d0) / span) * (r1 - r0);
}

/** One decimal is plenty for a pixel. */
export const px = (n: number) => Math.round(n * 10) / 10;

/** A path through the points, lifted where a value is missing (a gap, never a made-up line). */
export function pathThrough(points: readonly ({ x: number; y: number } | null)[]): string {
  let d = "";
  let penDown = false;
  for (const p of points) {
    if (p === null) {
      penDown = false;
      continue;
    }
    d += `${penDown ? "L" : "M"}${px(p.x)} ${px(p.y)}`;
    penDown = true;
  }
  return d;
}

const monthNames = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
];

/** "28 Aug" for 2026-08-28. */
export function shortDate(date: string): string {
  return `${Number(date.slice(8, 10))} ${monthNames[Number(date.slice(5, 7)) - 1] ?? ""}`;
}

/**
 * Where the x axis gets a label: the first day of each month ("Sep"), or, in a period with
 * fewer than two month starts, its first and last dates. At most `max` labels, evenly thinned.
 */
export function dateTicks(
  dates: readonly string[],
  max: number,
): { readonly index: number; readonly label: string }[] {
  let ticks = dates.flatMap((date, index) =>
    date.endsWith("-01")
      ? [
          {
            index,
            label:
              date.slice(5, 7) === "01" ? date.slice(0, 4) : (shortDate(date).split(" ")[1] ?? ""),
          },
        ]
      : [],
  );
  if (ticks.length < 2 && dates.length > 0) {
    ticks = [
      { index: 0, label: shortDate(dates[0] as string) },
      { index: dates.length - 1, label: shortDate(dates.at(-1) as string) },
    ];
  }
  const every = Math.ceil(ticks.length / Math.max(1, max));
  return ticks.filter((_, i) => i % every === 0);
}
