import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ORDER_PREFIX, runBot } from '../examples/bot/run-bot.ts';
import { decideSignal, recordFill, recordSignal } from '../src/writers/index.ts';
import { insertStrategyAndOrder, pg, sleep, waitFor } from './client/support.ts';
import { createTestApp, type TestApp } from './support/test-app.ts';

let app: TestApp;
let sql: pg.Client;
let url: string;

beforeAll(async () => {
  app = await createTestApp({ live: true });
  sql = new pg.Client({ connectionString: app.database.url });
  await sql.connect();
  url = await app.listen();
});

afterAll(async () => {
  await sql?.end();
  await app?.close();
});

it('orders an approved signal and prints the position and P&L from its fills', async () => {
  const { strategy } = await insertStrategyAndOrder(sql, 'bot-test');
  const lines: string[] = [];
  const abort = new AbortController();
  const bot = runBot({
    url,
    apiKey: app.adminKey,
    strategy: 'bot-test',
    // Room for the three fills below: 60 + 40, then 1 more after the other engine's fill.
    quantity: '101',
    log: (line) => lines.push(line),
    signal: abort.signal,
    webSocketImpl: WebSocket,
  });
  try {
    await waitFor(() => lines.some((line) => line.startsWith('following')), 10_000, 'the bot');
    // Until the bot's subscription is live, an approval may pass unseen: propose and approve
    // signals until the bot orders one.
    let seen: string | undefined;
    for (let n = 0; !seen && n < 100; n += 1) {
      const { row } = await recordSignal(app.prisma, {
        strategyId: BigInt(strategy),
        exchange: 'kraken',
        symbol: 'XRP/USD',
        direction: 'LONG',
        generatedAt: new Date(),
      });
      await decideSignal(app.prisma, { signalId: row.id, status: 'APPROVED' });
      await sleep(100);
      seen = lines.map((line) => /^order example-bot-(\d+) recorded/.exec(line)?.[1]).find(Boolean);
    }
    if (!seen) throw new Error('the bot never ordered an approved signal');
    await waitFor(
      () => lines.some((line) => line.startsWith(`order ${ORDER_PREFIX}${seen} recorded`)),
      10_000,
      'the order',
    );
    await recordFill(app.prisma, {
      clientOrderId: `${ORDER_PREFIX}${seen}`,
      exchangeFillId: 'bot-f1',
      price: '0.5',
      quantity: '60',
      executedAt: new Date(),
    });
    await recordFill(app.prisma, {
      clientOrderId: `${ORDER_PREFIX}${seen}`,
      exchangeFillId: 'bot-f2',
      price: '0.6',
      quantity: '40',
      executedAt: new Date(),
    });
    await waitFor(
      () => lines.filter((line) => line.startsWith('fill')).length >= 2,
      10_000,
      'the fills',
    );
    // A fill of another engine's order on the same strategy: not the bot's to follow.
    await recordFill(app.prisma, {
      clientOrderId: 'bot-test-order',
      exchangeFillId: 'other-f1',
      price: '0.5',
      quantity: '10',
      executedAt: new Date(),
    });
    // Both streams deliver in commit order, so a later fill of the bot's own order proves the
    // other one has been seen and skipped.
    await recordFill(app.prisma, {
      clientOrderId: `${ORDER_PREFIX}${seen}`,
      exchangeFillId: 'bot-f3',
      price: '0.7',
      quantity: '1',
      executedAt: new Date(),
    });
    await waitFor(
      () => lines.filter((line) => line.startsWith('fill')).length >= 3,
      10_000,
      'the third fill',
    );
    const fills = lines.filter((line) => line.startsWith('fill'));
    expect(fills).toHaveLength(3);
    expect(fills.join('\n')).not.toContain('bot-test-order');
    expect(fills[1]).toMatch(
      new RegExp(
        `^fill BUY 40 XRP/USD @ 0.6 on ${ORDER_PREFIX}${seen}: position LONG 100 @ 0.54 OPEN, realized P&L -?0(\\.0+)?, unrealized P&L`,
      ),
    );
  } finally {
    abort.abort();
    await bot;
  }
});
