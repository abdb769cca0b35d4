import { createTradegraphClient } from '../../src/client/client.ts';
import { expectSuccess } from '../../src/client/errors.ts';
import {
  FillCreatedDocument,
  type FillCreatedSubscription,
  RecordOrderDocument,
  SignalCreatedDocument,
  type SignalCreatedSubscription,
  SignalStatusDocument,
  StrategyByNameDocument,
} from '../../src/client/generated/graphql.ts';

/** Options of {@link runBot}. */
export interface BotOptions {
  /** GraphQL endpoint (default http://127.0.0.1:4000/graphql). */
  url?: string;
  /** Strategy name (default gal-friday-xrp, from the demo data). */
  strategy?: string;
  /** Quantity of each order, a decimal string (default '100'). */
  quantity?: string;
  /** How often a PROPOSED signal's status is polled, in ms (default 1000). */
  pollMs?: number;
  /** How long a signal may wait for approval, in ms (default 60000). */
  approvalTimeoutMs?: number;
  /** Where lines are printed (default console.log). */
  log?: (line: string) => void;
  /** Stops the bot when aborted. */
  signal?: AbortSignal;
  /** A WebSocket implementation (Node 20 has none built in). */
  webSocketImpl?: unknown;
}

/** Client order ids of the bot's orders start with this; its fill stream keeps only those. */
export const ORDER_PREFIX = 'example-bot-';

type Signal = SignalCreatedSubscription['signalCreated']['signal'];
type Fill = FillCreatedSubscription['fillCreated']['fill'];

/**
 * The example bot: for each new signal of the strategy that is APPROVED (created approved, or
 * approved within `approvalTimeoutMs`: there is no signal-status stream, so it polls), records
 * an order `example-bot-<signal id>` through the recordOrder mutation; prints each fill of its own
 * orders with the position and its P&L. Resolves when `signal` aborts.
 */
export async function runBot(options: BotOptions = {}): Promise<void> {
  const log = options.log ?? console.log;
  const pollMs = options.pollMs ?? 1000;
  const client = createTradegraphClient({
    url: options.url ?? 'http://127.0.0.1:4000/graphql',
    webSocketImpl: options.webSocketImpl,
    onReconnect: ({ attempt, delayMs }) =>
      log(`reconnecting (attempt ${attempt}) in ${delayMs} ms`),
  });
  const name = options.strategy ?? 'gal-friday-xrp';
  const { strategy } = await client.request(StrategyByNameDocument, { name });
  if (!strategy) throw new Error(`No strategy named ${name}: pass --strategy <name>`);
  log(`following ${strategy.name} ${strategy.version}`);
  const stopped = () => options.signal?.aborted === true;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  async function awaitApproval(signal: Signal) {
    const deadline = Date.now() + (options.approvalTimeoutMs ?? 60_000);
    let status = signal.status;
    if (status === 'PROPOSED')
      log(`signal ${signal.databaseId} ${signal.symbol} PROPOSED: waiting`);
    while (status === 'PROPOSED' && Date.now() < deadline && !stopped()) {
      await sleep(pollMs);
      const { node } = await client.request(SignalStatusDocument, { id: signal.id });
      status = node && 'status' in node ? node.status : status;
    }
    if (status !== 'APPROVED') {
      if (!stopped()) {
        const outcome = status === 'PROPOSED' ? 'still PROPOSED after the approval window' : status;
        log(`signal ${signal.databaseId} ${signal.symbol} ${outcome}: no order`);
      }
      return;
    }
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
  const signals = client.subscribe(SignalCreatedDocument, { filter, after: null });
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
    for await (const { signalCreated } of signals) {
      void awaitApproval(signalCreated.signal).catch((error) => log(`order failed: ${error}`));
    }
  } finally {
    await client.close();
  }
}
