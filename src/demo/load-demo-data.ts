import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import { buildDemoData } from './build-demo-data.ts';
import { bulkInsert, readColumns, type TableColumns } from './bulk-insert.ts';
import type { DemoDataSet } from './drafts.ts';
import { allocateIds } from './id-allocation.ts';
import { type TableWriter, writeAll } from './insert.ts';
import {
  backtestRunRow,
  equitySnapshotRow,
  fillRow,
  mlModelRow,
  orderRow,
  positionRow,
  predictionRow,
  riskEventRow,
  signalRow,
  strategyPerformanceRow,
  strategyRow,
} from './rows.ts';

/** Rows written per table by `loadDemoData`, keyed like the Prisma client's delegates. */
export interface DemoDataSummary {
  strategies: number;
  mlModels: number;
  predictions: number;
  backtestRuns: number;
  signals: number;
  positions: number;
  orders: number;
  fills: number;
  equitySnapshots: number;
  strategyPerformance: number;
  riskEvents: number;
}

/** The table behind each list of the data set, in foreign-key order (parents first). */
export const DEMO_TABLES: { [Table in keyof DemoDataSet & keyof DemoDataSummary]: string } = {
  strategies: 'strategies',
  mlModels: 'ml_models',
  predictions: 'predictions',
  backtestRuns: 'backtest_runs',
  signals: 'signals',
  positions: 'positions',
  orders: 'orders',
  fills: 'fills',
  equitySnapshots: 'equity_snapshots',
  strategyPerformance: 'strategy_performance',
  riskEvents: 'risk_events',
};

/** Options of {@link loadDemoData}; all optional. */
export interface LoadDemoDataOptions {
  /**
   * Volume multiplier, > 0 and <= 10 (default 1: ~5,000 signals, ~4,000 orders, ~8,000 fills,
   * ~3,000 predictions, hourly equity curves). Smaller scales keep every kind of row and
   * space the snapshots and predictions further apart.
   */
  scale?: number;
  /** PRNG seed (default 1). The same seed, scale and `now` give the same data set. */
  seed?: number;
  /** End of the 30-day window the data covers (default: the current time). */
  now?: Date;
  /** Called after every batch with rows written so far, rows in total and the table's name. */
  onProgress?: (done: number, total: number, label: string) => void;
  /**
   * Load only into a database without strategies, and resolve to null otherwise (default
   * false). Safe when several gateways start at once on one empty database: the check and the
   * load happen under one transaction-level advisory lock, so exactly one of them loads.
   */
  onlyIfEmpty?: boolean;
}

/** Advisory lock key serializing demo loads across processes (any constant unique to this). */
const DEMO_LOAD_LOCK = 7_361_024_519n;

/**
 * Loads the demo data set: strategies in the shape of the five source systems (arb_engine,
 * Gal-Friday, EA OKX, BTC Signal Trader, Abidance; see `metadata.source`) with their signals,
 * orders, fills, positions, equity curves, ML predictions, backtests, daily performance and risk
 * events over the 30 days before `now`, consistent with each other the way a real system's
 * rows are. Writes in one transaction, so a failed load leaves nothing behind. Meant for an
 * empty database: the strategies' (name, version) are unique.
 */
export async function loadDemoData(
  prisma: PrismaClient,
  options: LoadDemoDataOptions & { onlyIfEmpty: true },
): Promise<DemoDataSummary | null>;
export async function loadDemoData(
  prisma: PrismaClient,
  options?: LoadDemoDataOptions,
): Promise<DemoDataSummary>;
export async function loadDemoData(
  prisma: PrismaClient,
  options: LoadDemoDataOptions = {},
): Promise<DemoDataSummary | null> {
  const scale = options.scale ?? 1;
  if (!Number.isFinite(scale) || scale <= 0 || scale > 10) {
    throw new RangeError(`demo data scale must be > 0 and <= 10, got ${scale}`);
  }
  const now = options.now ?? new Date();
  if (Number.isNaN(now.getTime())) throw new RangeError('demo data `now` is an invalid date');
  if (options.onlyIfEmpty && (await hasAnyData(prisma))) return null;
  const data = buildDemoData({ scale, seed: options.seed ?? 1, now: now.getTime() });
  return prisma.$transaction(
    async (tx) => {
      if (options.onlyIfEmpty) {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${DEMO_LOAD_LOCK})`;
        if ((await tx.strategy.findFirst({ select: { id: true } })) !== null) return null;
      }
      const columns = await readColumns(tx, Object.values(DEMO_TABLES));
      const missing = Object.values(DEMO_TABLES).filter((table) => !columns.has(table));
      if (missing.length > 0) {
        throw new Error(
          `demo data: tables ${missing.join(', ')} do not exist; apply the migrations`,
        );
      }
      await allocateIds(tx, data, DEMO_TABLES);
      return writeAll(writersFor(tx, data, columns), options.onProgress);
    },
    { maxWait: 10_000, timeout: 10 * 60_000 },
  );
}

function writersFor(
  tx: Prisma.TransactionClient,
  data: DemoDataSet,
  columns: TableColumns,
): TableWriter<keyof DemoDataSummary>[] {
  const writer = <Draft>(
    label: keyof DemoDataSet,
    drafts: Draft[],
    toRow: (d: Draft) => object,
  ) => {
    const table = DEMO_TABLES[label];
    const tableColumns = columns.get(table) ?? new Map();
    return {
      label,
      rows: drafts.length,
      write: (from: number, to: number) =>
        bulkInsert(tx, table, tableColumns, drafts.slice(from, to).map(toRow)),
    };
  };
  return [
    writer('strategies', data.strategies, strategyRow),
    writer('mlModels', data.mlModels, mlModelRow),
    writer('predictions', data.predictions, predictionRow),
    writer('backtestRuns', data.backtestRuns, backtestRunRow),
    writer('signals', data.signals, signalRow),
    writer('positions', data.positions, positionRow),
    writer('orders', data.orders, orderRow),
    writer('fills', data.fills, fillRow),
    writer('equitySnapshots', data.equitySnapshots, equitySnapshotRow),
    writer('strategyPerformance', data.strategyPerformance, strategyPerformanceRow),
    writer('riskEvents', data.riskEvents, riskEventRow),
  ];
}

/** True when the strategies table has any row: the gateway loads the demo only when false. */
export async function hasAnyData(prisma: PrismaClient): Promise<boolean> {
  return (await prisma.strategy.findFirst({ select: { id: true } })) !== null;
}
