/**
 * Where the usage chart draws what: the scales from days and visitors to the SVG's coordinates,
 * the axis ticks, and the forecast line clipped to the billing period. Pure, so that the chart
 * component only draws.
 */
import { addDays, daysBetween, type IsoDate } from '../../../../lib/rules/calendar';

/** The SVG's own coordinates; it is scaled to the width it is given. */
export const CHART = { width: 640, height: 240, left: 68, right: 16, top: 22, bottom: 30 } as const;

export interface ChartPoint {
  day: IsoDate;
  used: number;
  x: number;
  y: number;
}

export interface ChartLayout {
  /** The last day of the period. */
  lastDay: IsoDate;
  points: ChartPoint[];
  /** The quota line's height. */
  quotaY: number;
  xTicks: { day: IsoDate; x: number }[];
  yTicks: { value: number; y: number }[];
  /** The forecast from the last point towards the run-out day, ending at the period's last day at the latest. */
  forecast?: { x1: number; y1: number; x2: number; y2: number; reached: boolean };
}

/** A round step (1, 2 or 5 times a power of ten) that splits `max` into about four parts. */
export function niceStep(max: number): number {
  const raw = Math.max(max, 1) / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const scaled = raw / magnitude;
  const factor = scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10;
  return Math.max(1, factor * magnitude);
}

/** Tick days: the first day, every seventh day after it, and the last day (in place of a tick too close to it). */
export function dayTicks(lastIndex: number): number[] {
  const ticks: number[] = [];
  for (let index = 0; index <= lastIndex; index += 7) ticks.push(index);
  const previous = ticks[ticks.length - 1] ?? 0;
  if (lastIndex - previous < 4 && ticks.length > 1) ticks.pop();
  if (ticks[ticks.length - 1] !== lastIndex) ticks.push(lastIndex);
  return ticks;
}

export interface ChartInput {
  period: IsoDate;
  nextPeriod: IsoDate;
  quota: number;
  samples: readonly { day: IsoDate; used: number }[];
  /** The run-out day to draw the forecast towards, if any. */
  runsOutOn?: IsoDate | undefined;
}

export function chartLayout({ period, nextPeriod, quota, samples, runsOutOn }: ChartInput): ChartLayout {
  const lastDay = addDays(nextPeriod, -1);
  const lastIndex = Math.max(1, daysBetween(period, lastDay));
  const plotWidth = CHART.width - CHART.left - CHART.right;
  const plotHeight = CHART.height - CHART.top - CHART.bottom;
  const highest = Math.max(quota, ...samples.map((sample) => sample.used));
  const step = niceStep(highest);
  const top = Math.max(step, Math.ceil(highest / step) * step);
  const xAt = (index: number) => CHART.left + (plotWidth * Math.min(Math.max(index, 0), lastIndex)) / lastIndex;
  const yAt = (value: number) => CHART.top + plotHeight * (1 - Math.min(Math.max(value, 0), top) / top);

  const points = samples.map((sample) => ({
    ...sample,
    x: xAt(daysBetween(period, sample.day)),
    y: yAt(sample.used),
  }));
  const yTicks: ChartLayout['yTicks'] = [];
  for (let value = 0; value <= top; value += step) yTicks.push({ value, y: yAt(value) });
  const layout: ChartLayout = {
    lastDay,
    points,
    quotaY: yAt(quota),
    xTicks: dayTicks(lastIndex).map((index) => ({ day: addDays(period, index), x: xAt(index) })),
    yTicks,
  };

  const last = samples[samples.length - 1];
  if (runsOutOn !== undefined && last) {
    const from = daysBetween(period, last.day);
    const to = daysBetween(period, runsOutOn);
    const end = Math.min(to, lastIndex);
    if (to > from && end > from) {
      // Straight from the last number to the quota on the run-out day, cut where the period ends.
      const value = last.used + ((quota - last.used) * (end - from)) / (to - from);
      layout.forecast = { x1: xAt(from), y1: yAt(last.used), x2: xAt(end), y2: yAt(value), reached: to <= lastIndex };
    }
  }
  return layout;
}
