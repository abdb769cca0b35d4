import { describe, expect, it } from 'vitest';
import { createSignal, createStrategy } from '../support/fixtures.ts';
import { gid, mutate, useApp, WRITER_ERROR, type WriterErrorResult } from './support.ts';

const app = useApp();

const RECORD_SIGNAL = `mutation($input: RecordSignalInput!) {
  recordSignal(input: $input) {
    __typename
    ... on RecordSignalSuccess {
      created
      signal { externalId status confidence takeProfits generatedAt strategy { name } }
    }
    ${WRITER_ERROR}
  }
}`;

const DECIDE_SIGNAL = `mutation($input: DecideSignalInput!) {
  decideSignal(input: $input) {
    __typename
    ... on DecideSignalSuccess { signal { status rejectionReason decidedAt } }
    ${WRITER_ERROR}
  }
}`;

describe('recordSignal', () => {
  it('records a PROPOSED signal, then returns it unchanged for the same externalId', async () => {
    const strategy = await createStrategy(app().prisma, { name: 'signal-writer' });
    const input = {
      strategyId: gid('Strategy', strategy.id),
      externalId: 'sig-1',
      exchange: 'kraken',
      symbol: 'XRP/USD',
      direction: 'LONG',
      confidence: '0.875',
      takeProfits: ['0.55', '0.6'],
      generatedAt: '2026-01-01T10:00:00.000Z',
    };
    const first = await mutate(app(), RECORD_SIGNAL, { input });
    expect(first).toEqual({
      __typename: 'RecordSignalSuccess',
      created: true,
      signal: {
        externalId: 'sig-1',
        status: 'PROPOSED',
        confidence: '0.875',
        takeProfits: ['0.55', '0.6'],
        generatedAt: '2026-01-01T10:00:00.000Z',
        strategy: { name: 'signal-writer' },
      },
    });
    const retry = await mutate<{ created: boolean }>(app(), RECORD_SIGNAL, { input });
    expect(retry.created).toBe(false);
  });

  it('returns INVALID for a confidence above 1', async () => {
    const strategy = await createStrategy(app().prisma);
    const result = await mutate<WriterErrorResult>(app(), RECORD_SIGNAL, {
      input: {
        strategyId: gid('Strategy', strategy.id),
        exchange: 'kraken',
        symbol: 'XRP/USD',
        direction: 'LONG',
        confidence: '1.5',
        generatedAt: '2026-01-01T10:00:00.000Z',
      },
    });
    expect(result).toEqual({
      __typename: 'WriterError',
      code: 'INVALID',
      field: 'confidence',
      message: 'confidence must be a fraction between 0 and 1, got 1.5.',
    });
  });
});

describe('decideSignal', () => {
  it('rejects a proposed signal with its reason', async () => {
    const strategy = await createStrategy(app().prisma);
    const signal = await createSignal(app().prisma, { strategyId: strategy.id });
    const result = await mutate(app(), DECIDE_SIGNAL, {
      input: {
        signalId: gid('Signal', signal.id),
        status: 'REJECTED',
        reason: 'exposure limit',
        at: '2026-01-01T00:01:00.000Z',
      },
    });
    expect(result).toEqual({
      __typename: 'DecideSignalSuccess',
      signal: {
        status: 'REJECTED',
        rejectionReason: 'exposure limit',
        decidedAt: '2026-01-01T00:01:00.000Z',
      },
    });
  });

  it('returns ILLEGAL_TRANSITION for approving an executed signal', async () => {
    const strategy = await createStrategy(app().prisma);
    const signal = await createSignal(app().prisma, {
      strategyId: strategy.id,
      status: 'EXECUTED',
    });
    const result = await mutate<WriterErrorResult>(app(), DECIDE_SIGNAL, {
      input: { signalId: gid('Signal', signal.id), status: 'APPROVED' },
    });
    expect(result).toMatchObject({ code: 'ILLEGAL_TRANSITION', field: 'status' });
    expect(result.message).toMatch(/is EXECUTED and cannot become APPROVED/);
  });
});
