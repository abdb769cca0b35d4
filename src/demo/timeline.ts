import type { DemoContext } from './context.ts';
import { DAY_MS } from './market.ts';
import type { Random } from './random.ts';

/** Days of history the demo covers, ending at `now`. */
export const DEMO_DAYS = 30;

/** `base` events at scale 1, scaled; at least `min` so small scales still show everything. */
export function scaledCount(ctx: DemoContext, base: number, min = 1): number {
  return Math.max(min, Math.round(base * ctx.scale));
}

/** `count` instants spread at random over the demo window, ascending, epoch ms. */
export function randomTimes(ctx: DemoContext, random: Random, count: number): number[] {
  const from = ctx.now - DEMO_DAYS * DAY_MS;
  const times = Array.from({ length: count }, () => Math.floor(random.float(from, ctx.now)));
  return times.sort((a, b) => a - b);
}
