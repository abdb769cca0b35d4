import type { Prisma, TradingMode } from '../generated/prisma/client.ts';
import type { BacktestRunDraft, DemoDataSet, StrategyDraft } from './drafts.ts';
import type { ExternalIds, IdStyle } from './external-ids.ts';
import type { Instrument } from './instruments.ts';
import type { Market } from './market.ts';
import type { Random } from './random.ts';

/** What every generator of the demo data set works with. */
export interface DemoContext {
  readonly data: DemoDataSet;
  readonly market: Market;
  readonly ids: ExternalIds;
  /** Multiplies event counts (signals, trades, predictions); 1 is the full demo. */
  readonly scale: number;
  /** The instant the data set ends at, epoch ms. */
  readonly now: number;
  /** Each generator derives its own stream from this, see `Random.derive`. */
  readonly random: Random;
}

/** Where and how one strategy's orders are executed. */
export interface Venue {
  readonly strategy: StrategyDraft;
  readonly instrument: Instrument;
  readonly mode: TradingMode;
  readonly backtestRun?: BacktestRunDraft;
  readonly ids: IdStyle;
  readonly feeAsset: string;
  /** Inclusive range of fills a full market or limit execution is split into. */
  readonly fillsPerOrder: readonly [number, number];
  /** Live trading measures signal-to-order, acknowledgement and fill latencies. */
  readonly measuresLatency: boolean;
  /** Source-specific fields copied into every order's metadata. */
  readonly orderMetadata?: Prisma.InputJsonObject;
}
