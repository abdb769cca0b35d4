import type { Database } from '../../db/prisma.ts';
import type { Random } from '../random.ts';
import type { LivePrices } from './live-prices.ts';

/** How many rows of each kind a feed run wrote (through the writers). */
export interface FeedCounts {
  steps: number;
  signals: number;
  approved: number;
  rejected: number;
  orders: number;
  canceledOrders: number;
  fills: number;
  positionsOpened: number;
  positionsClosed: number;
  positionMarks: number;
  equitySnapshots: number;
  predictions: number;
  resolvedPredictions: number;
}

/** All counts zero. */
export function emptyCounts(): FeedCounts {
  return {
    steps: 0,
    signals: 0,
    approved: 0,
    rejected: 0,
    orders: 0,
    canceledOrders: 0,
    fills: 0,
    positionsOpened: 0,
    positionsClosed: 0,
    positionMarks: 0,
    equitySnapshots: 0,
    predictions: 0,
    resolvedPredictions: 0,
  };
}

/** What every part of the feed works with. */
export interface FeedContext {
  readonly db: Database;
  /** The run's one seeded generator: the same seed gives the same events in the same order. */
  readonly random: Random;
  readonly prices: LivePrices;
  /** The current time; every written time comes from it. */
  now(): Date;
  readonly counts: FeedCounts;
  /** Steps (events) taken so far, including the current one. */
  step: number;
  /** Events per second the feed is paced at; used to label horizons in seconds. */
  readonly rate: number;
  /**
   * A new id for a client order, fill, signal...: unique to this run (it starts with the run's
   * start time), so a second run with the same seed does not collide with the first.
   */
  nextId(kind: 'o' | 'f' | 's' | 'x'): string;
}

/** One printed line: `10:15:03 signal  BTCUSDT LONG score 82  -> APPROVED`. */
export function feedLine(at: Date, kind: string, text: string): string {
  const time = [at.getHours(), at.getMinutes(), at.getSeconds()]
    .map((part) => String(part).padStart(2, '0'))
    .join(':');
  return `${time} ${kind.padEnd(8)} ${text}`;
}

/** A signed amount for a line: `+12.30`, `-4.10`. */
export function signed(value: { toFixed(digits: number): string; isNegative(): boolean }): string {
  const text = value.toFixed(2);
  return value.isNegative() || text.startsWith('-') ? text : `+${text}`;
}
