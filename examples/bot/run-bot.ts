import { createTradegraphClient } from '../../src/client/client.ts';
import { expectSuccess } from '../../src/client/errors.ts';
import {
  FillCreatedDocument,
  type FillCreatedSubscription,
  RecordOrderDocument,
  SignalUpdatedDocument,
  type SignalUpdatedSubscription,
  StrategyByNameDocument,
} from '../../src/client/generated/graphql.ts';

/** Options of {@link runBot}. */
export interface BotOptions {
  /** GraphQL endpoint (default http://127.0.0.1:4000/graphql). */
  url?: string;
  /** API key with the read and trade scopes. */
  apiKey?: string;
  /** Strategy name (default gal-friday-xrp, from the demo data). */
  strategy?: string;
  /** Quantity of each order, a decimal string (default '100'). */
  quantity?: string;
  /** Where lines are printed (default console.log). */
  log?: (line: string) => void;
  /** Stops the bot when aborted. */
  signal?: AbortSignal;
  /** A WebSocket implementation (Node 20 has none built in). */
  webSocketImpl?: unknown;
  /** Send registered hashes instead of query texts (for PERSISTED_OPERATIONS=only). */
  persisted?: boolean;
}

/** Client order ids of the bot's orders start with this; its fill stream keeps only those. */
export const ORDER_PREFIX = 'example-bot-';

type Signal = SignalUpdatedSubscription['signalUpdated']['signal'];
type Fill = FillCreatedSubscription['fillCreated']['fill'];

/**
 * The example bot: follows the strategy's signals as they become APPROVED (the signalUpdated
 * stream filtered on that status: created approved, or approved later), records an order
 * `example-bot-<signal id>` for each through the recordOrder mutation (idempotent: a signal seen
 * twice is ordered once), and prints each fill of its own orders with the position and its P&L.
 * Resolves when `signal` aborts.
 */
export async function runBot(options: BotOptions = {}): Promise<void> {
  const log = options.log ?? console.log;
  const client = createTradegraphClient({
    url: options.url ?? 'http://127.0.0.1:4000/graphql',
    apiKey: options.apiKey,
    webSocketImpl: options.webSocketImpl,
    persisted: options.persisted,
    onReconnect: ({ attempt, delayMs }) =>
      log(`reconnecting (attempt ${attempt}) in ${delayMs} ms`),
  });
  const name = options.strategy ?? 'gal-friday-xrp';
  const { strategy } = await client.request(StrategyByNameDocument, { name });
  if (!strategy) throw new Error(`No strategy named ${name}: pass --strategy <name>`);
  log(`following ${strategy.name} ${strategy.version}`);

  async function orderFor(signal: Signal) {
    const recorded = expectSuccess(
      (
        await client.request(RecordOrderDocument, {
          input: {
            clientOrderId: `${ORDER_PREFIX}${signal.databaseId}`,
            strategyId: strategy?.id ?? '',
            signalId: signal.id,
            exchange: signal.exchange,
            symbol: signal.symbol,
            side: signal.direction === 'SHORT' ? 'SELL' : 'BUY',
            type: 'MARKET',
            quantity: options.quantity ?? '100',
          },
        })
      ).recordOrder,
    );
    if (!recorded.created) return;
    log(`order ${recorded.order.clientOrderId} recorded for APPROVED signal ${signal.databaseId}`);
  }

  const printFill = (fill: Fill) => {
    // The strategy's stream also carries fills of orders other engines placed: follow only the
    // bot's own orders (this run's and earlier runs', by their client order id prefix).
    if (!fill.order.clientOrderId.startsWith(ORDER_PREFIX)) return;
    const p = fill.position;
    const position = p
      ? `position ${p.direction} ${p.remainingSize} @ ${p.averageEntryPrice} ${p.status}, ` +
        `realized P&L ${p.realizedPnl}, unrealized P&L ${p.unrealizedPnl ?? 'n/a'}`
      : 'no position';
    log(
      `fill ${fill.side} ${fill.quantity} ${fill.symbol} @ ${fill.price} on ${fill.order.clientOrderId}: ${position}`,
    );
  };

  const filter = { strategyIds: [strategy.id] };
  const signals = client.subscribe(SignalUpdatedDocument, {
    filter: { ...filter, statuses: ['APPROVED'] },
    after: null,
  });
  const fills = client.subscribe(
    FillCreatedDocument,
    { filter, after: null },
    {
      next: (data) => printFill(data.fillCreated.fill),
      error: (error) => log(`fill stream ended: ${String(error)}`),
    },
  );
  options.signal?.addEventListener('abort', () => {
    signals.close();
    fills.close();
  });
  try {
    for await (const { signalUpdated } of signals) {
      const { signal } = signalUpdated;
      log(`signal ${signal.databaseId} ${signal.symbol} ${signal.direction} APPROVED`);
      await orderFor(signal).catch((error) => log(`order failed: ${error}`));
    }
  } finally {
    await client.close();
  }
}
