import type { DemoContext } from './context.ts';
import { type Decimal, dec, money, ratio, sum, ZERO } from './decimal.ts';
import type { EquitySnapshotDraft, PositionDraft, StrategyPerformanceDraft } from './drafts.ts';
import type { Book } from './equity-curves.ts';
import { DAY_MS, MINUTE_MS } from './market.ts';
import { returnStatistics, tradeStatistics } from './statistics.ts';

/**
 * Daily rows (period `DAY`, like EA OKX's strategy_performance) and one `ALL_TIME` row per
 * live or paper book. Trades count on the day they closed; volume is the notional of the fills
 * executed that day; ratios come from the book's equity curve. Win rate is a fraction 0-1,
 * `*_pct` columns are percentages.
 */
export function generatePerformance(ctx: DemoContext, books: Book[], intervalMinutes: number) {
  const periodsPerYear = (365 * 24 * 60) / intervalMinutes;
  for (const book of books) {
    if (book.backtestRun || book.curve.length === 0) continue;
    const days = new Map<number, EquitySnapshotDraft[]>();
    for (const snapshot of book.curve) {
      const day = Math.floor(snapshot.time.getTime() / DAY_MS) * DAY_MS;
      days.set(day, [...(days.get(day) ?? []), snapshot]);
    }
    const rows = [...days].map(([day, snapshots]) =>
      row(ctx, book, { name: 'DAY', start: day, end: day + DAY_MS, snapshots }, periodsPerYear),
    );
    // An ALL_TIME row counts everything; its period_end is the instant it is as of.
    const start = book.curve[0]?.time.getTime() ?? ctx.now;
    const allTime: Period = { name: 'ALL_TIME', start, end: ctx.now, snapshots: book.curve };
    rows.push(row(ctx, book, allTime, periodsPerYear, [-Infinity, Infinity]));
    ctx.data.strategyPerformance.push(...rows);
  }
}

interface Period {
  name: 'DAY' | 'ALL_TIME';
  start: number;
  end: number;
  /** The book's equity snapshots in the period. */
  snapshots: EquitySnapshotDraft[];
}

function row(
  ctx: DemoContext,
  book: Book,
  period: Period,
  periodsPerYear: number,
  [from, to]: [number, number] = [period.start, period.end],
): StrategyPerformanceDraft {
  const { snapshots } = period;
  const trades = tradeStatistics(
    book.positions.filter((position) => closedBetween(position, from, to)),
  );
  const equity = snapshots.map((snapshot) => dec(String(snapshot.equity)));
  const opening = equity[0] ?? book.capital;
  const stats = returnStatistics(equity, periodsPerYear);
  const worst = snapshots.reduce((max, snapshot) => {
    const drawdown = dec(String(snapshot.drawdownPct ?? 0));
    return drawdown.greaterThan(max) ? drawdown : max;
  }, ZERO);
  const last = snapshots[snapshots.length - 1]?.time.getTime() ?? period.start;
  return {
    id: 0n,
    strategy: book.strategy,
    mode: book.mode,
    period: period.name,
    periodStart: new Date(period.start),
    periodEnd: new Date(period.end),
    tradeCount: trades.tradeCount,
    winCount: trades.winCount,
    lossCount: trades.lossCount,
    grossPnl: money(trades.grossPnl),
    fees: money(trades.fees),
    netPnl: money(trades.netPnl),
    returnPct: opening.isZero() ? null : ratio(trades.netPnl.div(opening).times(100)),
    volume: money(volumeBetween(book, from, to)),
    winRate: trades.winRate,
    averageWin: trades.averageWin,
    averageLoss: trades.averageLoss,
    profitFactor: trades.profitFactor,
    sharpeRatio: stats.sharpeRatio,
    sortinoRatio: stats.sortinoRatio,
    maxDrawdownPct: worst,
    volatilityPct: stats.volatilityPct,
    metrics: { snapshots: snapshots.length, currency: book.currency },
    // Computed a few minutes after the period's last snapshot, and never after now.
    createdAt: new Date(Math.min(period.end, ctx.now, last + 5 * MINUTE_MS)),
  };
}

function closedBetween(position: PositionDraft, from: number, to: number): boolean {
  if (!(position.closedAt instanceof Date)) return false;
  const time = position.closedAt.getTime();
  return time >= from && time < to;
}

function volumeBetween(book: Book, from: number, to: number): Decimal {
  return sum(
    book.positions.flatMap((position) =>
      position.fills
        .filter((fill) => fill.executedAt.getTime() >= from && fill.executedAt.getTime() < to)
        .map((fill) => fill.price.times(fill.quantity)),
    ),
  );
}

/**
 * Fills in a completed backtest run's results from its positions and equity curve (the
 * backtest closes everything at the end of its period, so final equity = capital + P&L).
 */
export function summarizeBacktests(books: Book[], intervalMinutes: number): void {
  for (const book of books) {
    const run = book.backtestRun;
    if (run?.status !== 'COMPLETED') continue;
    const trades = tradeStatistics(book.positions.filter((position) => position.closedAt));
    const equity = book.curve.map((snapshot) => dec(String(snapshot.equity)));
    const stats = returnStatistics(equity, (365 * 24 * 60) / intervalMinutes);
    const finalEquity = money(book.capital.plus(trades.netPnl));
    run.finalEquity = finalEquity;
    run.totalPnl = money(trades.netPnl);
    run.totalReturnPct = ratio(trades.netPnl.div(book.capital).times(100));
    run.maxDrawdownPct = book.curve[book.curve.length - 1]?.maxDrawdownPct ?? null;
    run.sharpeRatio = stats.sharpeRatio;
    run.sortinoRatio = stats.sortinoRatio;
    run.profitFactor = trades.profitFactor;
    run.winRate = trades.winRate;
    run.tradeCount = trades.tradeCount;
    run.winCount = trades.winCount;
    run.lossCount = trades.lossCount;
    run.metrics = {
      fees: money(trades.fees).toString(),
      average_win: trades.averageWin?.toString() ?? null,
      average_loss: trades.averageLoss?.toString() ?? null,
      volatility_pct: stats.volatilityPct?.toString() ?? null,
      exposure_time_pct: exposureTime(book).toString(),
    };
  }
}

/** Share of the period with a position open, in percent. */
function exposureTime(book: Book): Decimal {
  const run = book.backtestRun;
  if (!run) return ZERO;
  const start = new Date(String(run.periodStart)).getTime();
  const end = new Date(String(run.periodEnd)).getTime();
  const held = book.positions.reduce((total, position) => {
    const closed = position.closedAt instanceof Date ? position.closedAt.getTime() : end;
    return total + (closed - position.openedAt.getTime());
  }, 0);
  return ratio((held / (end - start)) * 100);
}
