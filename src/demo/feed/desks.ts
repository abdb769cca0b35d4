import type { Database } from '../../db/prisma.ts';
import type { Strategy } from '../../generated/prisma/client.ts';
import { upsertStrategy } from '../../writers/index.ts';
import { type Decimal, dec, ZERO } from '../decimal.ts';
import { DrawdownTracker } from '../drawdowns.ts';
import { INSTRUMENTS, type Instrument } from '../instruments.ts';

/** One strategy's account: its equity curve continues from its latest live snapshot. */
export interface Book {
  strategy: Strategy;
  account: string;
  currency: string;
  startEquity: Decimal;
  /** Net realized P&L of the positions the feed closed. */
  realized: Decimal;
  drawdowns: DrawdownTracker;
}

/** Where a strategy trades one instrument; the feed keeps at most one trade open per desk. */
export interface Desk {
  book: Book;
  instrument: Instrument;
  /** Lowest score the risk manager approves. */
  minScore: number;
  /** Spot accounts cannot short. */
  longOnly: boolean;
}

interface DeskPlan {
  strategy: string;
  instrument: Instrument;
  minScore: number;
  longOnly?: boolean;
}

/** The demo data set's strategies the feed trades for, on the instruments they trade there. */
const DEMO_DESKS: readonly DeskPlan[] = [
  { strategy: 'v51_baseline', instrument: INSTRUMENTS.binanceUsdmBtc, minScore: 70 },
  { strategy: 'v51_baseline', instrument: INSTRUMENTS.binanceUsdmEth, minScore: 70 },
  { strategy: 'gal-friday-xrp', instrument: INSTRUMENTS.krakenXrp, minScore: 62 },
  {
    strategy: 'btc_signal_trader',
    instrument: INSTRUMENTS.coinbaseBtc,
    minScore: 75,
    longOnly: true,
  },
];

/** The strategy the feed creates when the database has none of the demo's. */
export const FEED_STRATEGY = 'live-feed-momentum';

/**
 * The desks the feed trades: those of the demo's strategies present in the database (found by
 * name, the most recently deployed version), else the feed's own strategy, created (or found
 * again) with `upsertStrategy`. `now` starts the drawdown tracking.
 */
export async function resolveDesks(db: Database, now: Date): Promise<Desk[]> {
  const books = new Map<string, Book>();
  const desks: Desk[] = [];
  for (const plan of DEMO_DESKS) {
    let book = books.get(plan.strategy);
    if (!book) {
      const strategy = await db.strategy.findFirst({
        where: { name: plan.strategy, status: { in: ['ACTIVE', 'TESTING'] } },
        orderBy: [{ deployedAt: { sort: 'desc', nulls: 'last' } }, { id: 'desc' }],
      });
      if (!strategy) continue;
      book = await openBook(db, strategy, now);
      books.set(plan.strategy, book);
    }
    desks.push({ book, ...plan, longOnly: plan.longOnly ?? false });
  }
  if (desks.length > 0) return desks;

  const { row } = await upsertStrategy(db, {
    name: FEED_STRATEGY,
    version: '1',
    kind: 'MOMENTUM',
    status: 'ACTIVE',
    description:
      'Written by npm run demo:feed: a simulated momentum strategy whose signals, orders, ' +
      'fills and positions stream in live.',
    parameters: { min_score: 65, stop_pct: [0.4, 0.8], take_profit_r: 1.5 },
    riskLimits: { risk_per_trade_usd: 40, max_positions_per_symbol: 1 },
    symbols: ['BTCUSDT', 'ETHUSDT', 'XRP/USD'],
    timeframes: ['1m'],
    baseCurrency: 'USDT',
    allocatedCapital: '25000',
    metadata: { source: 'demo_feed' },
  });
  const book = await openBook(db, row, now);
  return [INSTRUMENTS.binanceUsdmBtc, INSTRUMENTS.binanceUsdmEth, INSTRUMENTS.krakenXrp].map(
    (instrument) => ({ book, instrument, minScore: 65, longOnly: false }),
  );
}

async function openBook(db: Database, strategy: Strategy, now: Date): Promise<Book> {
  const latest = await db.equitySnapshot.findFirst({
    where: { strategyId: strategy.id, mode: 'LIVE' },
    orderBy: [{ time: 'desc' }, { id: 'desc' }],
  });
  const startEquity = latest?.equity ?? strategy.allocatedCapital ?? dec(10_000);
  const drawdowns = new DrawdownTracker();
  drawdowns.update(now.getTime(), startEquity);
  return {
    strategy,
    account: latest?.account ?? 'default',
    currency: latest?.currency ?? strategy.baseCurrency ?? 'USD',
    startEquity,
    realized: ZERO,
    drawdowns,
  };
}
