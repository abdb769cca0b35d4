import { describe, expect, it } from 'vitest';
import { createPosition, createStrategy } from '../support/fixtures.ts';
import { gid, mutate, useApp, WRITER_ERROR, type WriterErrorResult } from './support.ts';

const app = useApp();

const POSITION = 'status remainingSize averageEntryPrice stopLoss takeProfits unrealizedPnl';

const OPEN = `mutation($input: OpenPositionInput!) {
  openPosition(input: $input) {
    __typename
    ... on OpenPositionSuccess { created position { ${POSITION} strategy { name } } }
    ${WRITER_ERROR}
  }
}`;

const ADJUST = `mutation($input: AdjustPositionInput!) {
  adjustPosition(input: $input) {
    __typename
    ... on AdjustPositionSuccess { position { ${POSITION} } }
    ${WRITER_ERROR}
  }
}`;

const CLOSE = `mutation($input: ClosePositionInput!) {
  closePosition(input: $input) {
    __typename
    ... on ClosePositionSuccess { position { status remainingSize realizedPnl exitReason closedAt } }
    ${WRITER_ERROR}
  }
}`;

describe('position mutations', () => {
  it('opens a position idempotently by externalId', async () => {
    const strategy = await createStrategy(app().prisma, { name: 'positions' });
    const input = {
      strategyId: gid('Strategy', strategy.id),
      externalId: 'pos-1',
      exchange: 'binance',
      symbol: 'ETHUSDT',
      direction: 'LONG',
      size: '2',
      averageEntryPrice: '3000.25',
      stopLoss: '2900',
      openedAt: '2026-01-01T00:00:00.000Z',
    };
    const result = await mutate(app(), OPEN, { input });
    expect(result).toEqual({
      __typename: 'OpenPositionSuccess',
      created: true,
      position: {
        status: 'OPEN',
        remainingSize: '2',
        averageEntryPrice: '3000.25',
        stopLoss: '2900',
        takeProfits: [],
        unrealizedPnl: null,
        strategy: { name: 'positions' },
      },
    });
    expect(await mutate(app(), OPEN, { input })).toMatchObject({ created: false });
  });

  it('adjusts stops and marks, computing the unrealized P&L from the mark price', async () => {
    const strategy = await createStrategy(app().prisma);
    const position = await createPosition(app().prisma, {
      strategyId: strategy.id,
      stopLoss: '90',
    });
    const result = await mutate(app(), ADJUST, {
      input: {
        positionId: gid('Position', position.id),
        stopLoss: null,
        takeProfits: ['110', '120'],
        markPrice: '105',
      },
    });
    expect(result).toMatchObject({
      __typename: 'AdjustPositionSuccess',
      position: { stopLoss: null, takeProfits: ['110', '120'], unrealizedPnl: '5' },
    });
  });

  it('closes a position, then refuses to close it again with CONFLICT', async () => {
    const strategy = await createStrategy(app().prisma);
    const position = await createPosition(app().prisma, { strategyId: strategy.id });
    const input = {
      positionId: gid('Position', position.id),
      price: '110',
      exitReason: 'TAKE_PROFIT',
      closedAt: '2026-01-02T00:00:00.000Z',
    };
    expect(await mutate(app(), CLOSE, { input })).toEqual({
      __typename: 'ClosePositionSuccess',
      position: {
        status: 'CLOSED',
        remainingSize: '0',
        realizedPnl: '10',
        exitReason: 'TAKE_PROFIT',
        closedAt: '2026-01-02T00:00:00.000Z',
      },
    });
    const again = await mutate<WriterErrorResult>(app(), CLOSE, { input });
    expect(again).toMatchObject({ code: 'CONFLICT', field: 'positionId' });
    expect(again.message).toMatch(/already CLOSED/);
  });
});
