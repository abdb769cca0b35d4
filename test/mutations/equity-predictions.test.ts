import { describe, expect, it } from 'vitest';
import { createModel, createPrediction, createStrategy } from '../support/fixtures.ts';
import { gid, mutate, useApp, WRITER_ERROR, type WriterErrorResult } from './support.ts';

const app = useApp();

const RECORD_EQUITY = `mutation($input: RecordEquitySnapshotInput!) {
  recordEquitySnapshot(input: $input) {
    __typename
    ... on RecordEquitySnapshotSuccess { created equitySnapshot { equity drawdownPct time strategy { name } } }
    ${WRITER_ERROR}
  }
}`;

const RECORD_PREDICTION = `mutation($input: RecordPredictionInput!) {
  recordPrediction(input: $input) {
    __typename
    ... on RecordPredictionSuccess { created prediction { value confidence model { name } } }
    ${WRITER_ERROR}
  }
}`;

const RESOLVE_PREDICTION = `mutation($input: ResolvePredictionInput!) {
  resolvePrediction(input: $input) {
    __typename
    ... on ResolvePredictionSuccess { prediction { value actualValue error } }
    ${WRITER_ERROR}
  }
}`;

describe('recordEquitySnapshot', () => {
  it('records a strategy snapshot and recognises its replay', async () => {
    const strategy = await createStrategy(app().prisma, { name: 'equity' });
    const input = {
      strategyId: gid('Strategy', strategy.id),
      equity: '10250.123456789012345678',
      drawdownPct: '1.25',
      time: '2026-01-01T12:00:00.000Z',
    };
    expect(await mutate(app(), RECORD_EQUITY, { input })).toEqual({
      __typename: 'RecordEquitySnapshotSuccess',
      created: true,
      equitySnapshot: {
        equity: '10250.123456789012345678',
        drawdownPct: '1.25',
        time: '2026-01-01T12:00:00.000Z',
        strategy: { name: 'equity' },
      },
    });
    expect(await mutate(app(), RECORD_EQUITY, { input })).toMatchObject({ created: false });
  });

  it('returns INVALID for a negative drawdown', async () => {
    const result = await mutate<WriterErrorResult>(app(), RECORD_EQUITY, {
      input: { equity: '1', drawdownPct: '-1', time: '2026-01-01T12:00:00.000Z' },
    });
    expect(result).toMatchObject({ code: 'INVALID', field: 'drawdownPct' });
  });
});

describe('predictions', () => {
  it('records a prediction of a model', async () => {
    const model = await createModel(app().prisma, { name: 'xrp-direction' });
    const result = await mutate(app(), RECORD_PREDICTION, {
      input: {
        modelId: gid('MlModel', model.id),
        exchange: 'kraken',
        symbol: 'XRP/USD',
        target: 'price_direction',
        value: '0.71',
        confidence: '0.9',
        time: '2026-01-01T00:00:00.000Z',
      },
    });
    expect(result).toEqual({
      __typename: 'RecordPredictionSuccess',
      created: true,
      prediction: { value: '0.71', confidence: '0.9', model: { name: 'xrp-direction' } },
    });
  });

  it('returns NOT_FOUND for a model that does not exist', async () => {
    const result = await mutate<WriterErrorResult>(app(), RECORD_PREDICTION, {
      input: {
        modelId: gid('MlModel', 987654321n),
        exchange: 'kraken',
        symbol: 'XRP/USD',
        target: 'price_direction',
        value: '1',
        time: '2026-01-01T00:00:00.000Z',
      },
    });
    expect(result).toMatchObject({ code: 'NOT_FOUND', field: 'modelId' });
  });

  it('resolves a prediction once and refuses a different outcome with CONFLICT', async () => {
    const model = await createModel(app().prisma);
    const prediction = await createPrediction(app().prisma, { modelId: model.id, value: '0.62' });
    const input = { predictionId: gid('Prediction', prediction.id), actualValue: '1' };
    expect(await mutate(app(), RESOLVE_PREDICTION, { input })).toEqual({
      __typename: 'ResolvePredictionSuccess',
      prediction: { value: '0.62', actualValue: '1', error: '0.38' },
    });
    const changed = await mutate<WriterErrorResult>(app(), RESOLVE_PREDICTION, {
      input: { ...input, actualValue: '0' },
    });
    expect(changed).toMatchObject({ code: 'CONFLICT', field: 'actualValue' });
  });
});
