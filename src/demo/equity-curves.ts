import type { Prisma, TradingMode } from '../generated/prisma/client.ts';
import type { DemoContext } from './context.ts';
import { type Decimal, dec, money, ratio, sum, ZERO } from './decimal.ts';
import type {
  BacktestRunDraft,
  EquitySnapshotDraft,
  PositionDraft,
  StrategyDraft,
} from './drafts.ts';
import { DrawdownTracker } from './drawdowns.ts';
import { INSTRUMENTS, type Instrument } from './instruments.ts';
import { DAY_MS, MINUTE_MS } from './market.ts';
import { DEMO_DAYS } from './timeline.ts';

/** The positions of one strategy in one mode (and backtest run), which share one account. */
export interface Book {
  strategy: StrategyDraft;
  mode: TradingMode;
  backtestRun?: BacktestRunDraft;
  positions: PositionDraft[];
  capital: Decimal;
  currency: string;
  /** The book's snapshots, oldest first, once `generateEquityCurves` ran. */
  curve: EquitySnapshotDraft[];
}

const INSTRUMENT_BY_KEY = new Map<string, Instrument>(
  Object.values(INSTRUMENTS).map((instrument) => [
    `${instrument.exchange}|${instrument.symbol}`,
    instrument,
  ]),
);

/** Groups the positions into books (strategy x mode x backtest run). */
export function booksOf(ctx: DemoContext): Book[] {
  const books = new Map<string, Book>();
  for (const position of ctx.data.positions) {
    const key = `${position.strategy.name}|${position.mode}|${position.backtestRun?.name ?? ''}`;
    let book = books.get(key);
    if (!book) {
      const capital = position.backtestRun?.initialCapital ?? position.strategy.allocatedCapital;
      book = {
        strategy: position.strategy,
        mode: position.mode,
        backtestRun: position.backtestRun,
        positions: [],
        capital: dec(String(capital ?? 10_000)),
        currency: String(position.strategy.baseCurrency ?? 'USD'),
        curve: [],
      };
      books.set(key, book);
    }
    book.positions.push(position);
  }
  return [...books.values()];
}

/** Minutes between two snapshots: hourly at scale 1, sparser below it, never under 15. */
export function snapshotInterval(scale: number): number {
  return Math.min(24 * 60, Math.max(15, Math.round(60 / scale / 15) * 15));
}

/**
 * One snapshot per book per interval over the demo window (a backtest over its period), from
 * the books' fills and the market: equity = capital + realized P&L (fees and funding included)
 * + unrealized P&L at the mark; drawdowns in percent below the running, daily and weekly peaks.
 */
export function generateEquityCurves(ctx: DemoContext, books: Book[]): void {
  const step = snapshotInterval(ctx.scale) * MINUTE_MS;
  for (const book of books) {
    const run = book.backtestRun;
    const from = run ? new Date(String(run.periodStart)).getTime() : ctx.now - DEMO_DAYS * DAY_MS;
    const until = run ? new Date(String(run.periodEnd)).getTime() : ctx.now;
    const times: number[] = [];
    for (let time = Math.ceil(from / step) * step; time <= until; time += step) times.push(time);
    book.curve = curveOf(ctx, book, times);
    ctx.data.equitySnapshots.push(...book.curve);
  }
}

function curveOf(ctx: DemoContext, book: Book, times: number[]): EquitySnapshotDraft[] {
  const events = realizedEvents(book.positions);
  const drawdowns = new DrawdownTracker();
  let eventIndex = 0;
  let realized = ZERO;
  return times.map((time) => {
    while (eventIndex < events.length && (events[eventIndex]?.time ?? Infinity) <= time) {
      realized = realized.plus(events[eventIndex]?.amount ?? ZERO);
      eventIndex++;
    }
    const open = openAt(ctx, book.positions, time);
    const unrealized = sum(open.map((entry) => entry.unrealized));
    const exposure = sum(open.map((entry) => entry.exposure));
    const margin = sum(open.map((entry) => entry.margin));
    const equity = money(book.capital.plus(realized).plus(unrealized));
    const snapshot: EquitySnapshotDraft = {
      id: 0n,
      strategy: book.strategy,
      backtestRun: book.backtestRun,
      account: accountOf(book),
      mode: book.mode,
      currency: book.currency,
      equity,
      availableBalance: money(equity.minus(margin)),
      exposure: money(exposure),
      exposurePct: ratio(exposure.div(equity).times(100)),
      unrealizedPnl: money(unrealized),
      realizedPnl: money(realized),
      openPositionCount: open.length,
      positions: open.map((entry) => entry.json),
      metadata: { source: sourceOf(book.strategy), realized_pnl_period: 'CUMULATIVE' },
      time: new Date(time),
      createdAt: new Date(time + (book.mode === 'BACKTEST' ? 0 : 350)),
      ...drawdowns.update(time, equity),
    };
    return snapshot;
  });
}

/**
 * The account-level curve (strategy_id null, account `default`): the sum of the live books at each
 * snapshot time, as Gal-Friday's portfolio snapshots record the whole account.
 */
export function generateAccountCurve(ctx: DemoContext, books: Book[]): void {
  const live = books.filter((book) => book.mode === 'LIVE' && !book.backtestRun);
  const first = live[0];
  if (!first) return;
  const drawdowns = new DrawdownTracker();
  first.curve.forEach((snapshot, i) => {
    const parts = live.map((book) => book.curve[i]).filter((part) => part !== undefined);
    const total = (pick: (part: EquitySnapshotDraft) => unknown) =>
      money(sum(parts.map((part) => dec(String(pick(part) ?? 0)))));
    const equity = total((part) => part.equity);
    const exposure = total((part) => part.exposure);
    ctx.data.equitySnapshots.push({
      id: 0n,
      account: 'default',
      mode: 'LIVE',
      currency: 'USD',
      equity,
      availableBalance: total((part) => part.availableBalance),
      exposure,
      exposurePct: ratio(exposure.div(equity).times(100)),
      unrealizedPnl: total((part) => part.unrealizedPnl),
      realizedPnl: total((part) => part.realizedPnl),
      openPositionCount: parts.reduce((count, part) => count + Number(part.openPositionCount), 0),
      positions: parts.flatMap((part) => part.positions as Prisma.InputJsonArray),
      metadata: {
        source: 'tradegraph',
        realized_pnl_period: 'CUMULATIVE',
        strategies: live.map((book) => book.strategy.name),
      },
      time: snapshot.time,
      createdAt: new Date(snapshot.time.getTime() + 900),
      ...drawdowns.update(snapshot.time.getTime(), equity),
    });
  });
}

interface OpenEntry {
  unrealized: Decimal;
  exposure: Decimal;
  margin: Decimal;
  json: Prisma.InputJsonObject;
}

function openAt(ctx: DemoContext, positions: PositionDraft[], time: number): OpenEntry[] {
  const out: OpenEntry[] = [];
  for (const position of positions) {
    if (position.openedAt.getTime() > time) continue;
    const closedAt = position.closedAt instanceof Date ? position.closedAt.getTime() : Infinity;
    if (closedAt <= time) continue;
    const long = position.direction === 'LONG';
    let quantity = ZERO;
    for (const fill of position.fills) {
      if (fill.executedAt.getTime() > time) break;
      quantity =
        (fill.side === 'BUY') === long
          ? quantity.plus(fill.quantity)
          : quantity.minus(fill.quantity);
    }
    if (quantity.isZero()) continue;
    const instrument = INSTRUMENT_BY_KEY.get(`${position.exchange}|${position.symbol}`);
    if (!instrument) continue;
    const mark = ctx.market.quote(instrument, ctx.market.minuteAt(time));
    const entry = dec(String(position.averageEntryPrice));
    const unrealized = mark
      .minus(entry)
      .times(quantity)
      .times(long ? 1 : -1);
    const exposure = mark.times(quantity);
    const leverage = position.leverage ? dec(String(position.leverage)) : undefined;
    out.push({
      unrealized,
      exposure,
      margin: leverage ? entry.times(quantity).div(leverage) : long ? exposure : ZERO,
      json: {
        symbol: position.symbol,
        side: long ? 'long' : 'short',
        qty: quantity.toString(),
        entry_price: entry.toString(),
        mark_price: mark.toString(),
        unrealized_pnl: money(unrealized).toString(),
      },
    });
  }
  return out;
}

/** Fees when paid, P&L of each exit fill, funding when the position ends; in time order. */
function realizedEvents(positions: PositionDraft[]): Array<{ time: number; amount: Decimal }> {
  const events: Array<{ time: number; amount: Decimal }> = [];
  for (const position of positions) {
    const long = position.direction === 'LONG';
    const entry = dec(String(position.averageEntryPrice));
    for (const fill of position.fills) {
      const exit = (fill.side === 'BUY') !== long;
      const pnl = exit
        ? fill.price
            .minus(entry)
            .times(fill.quantity)
            .times(long ? 1 : -1)
        : ZERO;
      events.push({ time: fill.executedAt.getTime(), amount: pnl.minus(fill.fee) });
    }
    const funding = dec(String(position.fundingFees ?? 0));
    if (!funding.isZero()) {
      const end = position.closedAt instanceof Date ? position.closedAt.getTime() : Infinity;
      events.push({ time: end, amount: funding.negated() });
    }
  }
  return events.sort((a, b) => a.time - b.time);
}

function accountOf(book: Book): string {
  if (book.backtestRun) return 'backtest';
  return book.mode === 'PAPER' ? `${book.strategy.name}-paper` : book.strategy.name;
}

/** The source system named in a strategy's metadata. */
function sourceOf(strategy: StrategyDraft): string {
  return (strategy.metadata as { source?: string }).source ?? 'unknown';
}
