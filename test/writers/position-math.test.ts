import { describe, expect, it } from 'vitest';
import { exact } from '../../src/writers/decimal-input.ts';
import { WriterError } from '../../src/writers/errors.ts';
import {
  addFill,
  applyExecution,
  exitReasonOf,
  openState,
  type PositionState,
  unrealizedAt,
} from '../../src/writers/position-math.ts';

const d = exact;
const run = (
  first: { side: 'BUY' | 'SELL'; price: string; quantity: string; fee?: string },
  ...rest: Array<{ side: 'BUY' | 'SELL'; price: string; quantity: string; fee?: string }>
): PositionState => {
  const toExecution = (e: typeof first) => ({
    side: e.side,
    price: d(e.price),
    quantity: d(e.quantity),
    fee: d(e.fee ?? '0'),
  });
  return rest.reduce(
    (state, e) => applyExecution(state, toExecution(e)),
    openState(toExecution(first)),
  );
};

describe('position arithmetic', () => {
  it('averages the entry over several entry fills, exactly', () => {
    const state = run(
      { side: 'BUY', price: '100', quantity: '1' },
      { side: 'BUY', price: '110', quantity: '2' },
      { side: 'BUY', price: '0.1', quantity: '0.2' },
    );
    // (100 + 220 + 0.02) / 3.2
    expect(state.averageEntryPrice.toFixed()).toBe('100.00625');
    expect(state.size.toFixed()).toBe('3.2');
    expect(state.remainingSize.toFixed()).toBe('3.2');
  });

  it('rounds a non-terminating average to 18 decimals, half away from zero', () => {
    const state = run(
      { side: 'BUY', price: '1', quantity: '1' },
      { side: 'BUY', price: '2', quantity: '2' },
    );
    expect(state.averageEntryPrice.toFixed()).toBe('1.666666666666666667');
  });

  it('realizes long P&L net of every fee, and closes at zero', () => {
    const partly = run(
      { side: 'BUY', price: '100', quantity: '2', fee: '0.2' },
      { side: 'SELL', price: '110', quantity: '0.5', fee: '0.055' },
    );
    expect(partly.status).toBe('PARTIALLY_CLOSED');
    expect(partly.realizedPnl.toFixed()).toBe('4.745'); // 5 - 0.2 - 0.055
    expect(partly.remainingSize.toFixed()).toBe('1.5');
    const closed = applyExecution(partly, {
      side: 'SELL',
      price: d('120'),
      quantity: d('1.5'),
      fee: d('0.18'),
    });
    expect(closed.status).toBe('CLOSED');
    expect(closed.remainingSize.isZero()).toBe(true);
    // 5 + 30 - 0.2 - 0.055 - 0.18
    expect(closed.realizedPnl.toFixed()).toBe('34.565');
    // (110 × 0.5 + 120 × 1.5) / 2
    expect(closed.averageExitPrice?.toFixed()).toBe('117.5');
    expect(closed.fees.toFixed()).toBe('0.435');
    expect(closed.unrealizedPnl?.toFixed()).toBe('0');
  });

  it('realizes short P&L reversed: a short gains when the price falls', () => {
    const state = run(
      { side: 'SELL', price: '50', quantity: '4', fee: '0.1' },
      { side: 'BUY', price: '45', quantity: '4', fee: '0.09' },
    );
    expect(state.direction).toBe('SHORT');
    expect(state.status).toBe('CLOSED');
    expect(state.realizedPnl.toFixed()).toBe('19.81'); // (50 - 45) × 4 - 0.19
    const losing = run(
      { side: 'SELL', price: '50', quantity: '1' },
      { side: 'BUY', price: '52.5', quantity: '1', fee: '0.01' },
    );
    expect(losing.realizedPnl.toFixed()).toBe('-2.51');
  });

  it('measures later exits against the average cost of what is still open', () => {
    const state = run(
      { side: 'BUY', price: '100', quantity: '2' },
      { side: 'SELL', price: '110', quantity: '1' },
      { side: 'BUY', price: '130', quantity: '1' },
      { side: 'SELL', price: '120', quantity: '2' },
    );
    // open 1 @100 + 1 @130 = 2 @115; realized 10 + (120 - 115) × 2 = 20
    expect(state.realizedPnl.toFixed()).toBe('20');
    expect(state.size.toFixed()).toBe('3');
    expect(state.averageExitPrice?.toFixed()).toBe('116.666666666666666667');
  });

  it('refuses a fill that would flip the position through zero', () => {
    expect(() =>
      run(
        { side: 'BUY', price: '100', quantity: '1' },
        { side: 'SELL', price: '100', quantity: '1.5' },
      ),
    ).toThrow(/flip a position through zero/);
  });

  it('refuses to change a closed position', () => {
    const closed = run(
      { side: 'BUY', price: '1', quantity: '1' },
      { side: 'SELL', price: '1', quantity: '1' },
    );
    expect(() =>
      applyExecution(closed, { side: 'BUY', price: d('1'), quantity: d('1'), fee: d('0') }),
    ).toThrow(WriterError);
  });

  it('computes unrealized P&L and P&L in R', () => {
    const open = { ...run({ side: 'SELL', price: '10', quantity: '3' }), riskAmount: d('6') };
    expect(unrealizedAt(open, d('9.5')).toFixed()).toBe('1.5');
    const closed = applyExecution(open, {
      side: 'BUY',
      price: d('8'),
      quantity: d('3'),
      fee: d('0'),
    });
    expect(closed.pnlR?.toFixed()).toBe('1');
  });

  it('keeps an order average and refuses overfills', () => {
    const order = {
      quantity: d('3'),
      filledQuantity: d('0'),
      averageFillPrice: null,
      fees: d('0'),
    };
    const once = addFill(order, { side: 'BUY', price: d('10'), quantity: d('1'), fee: d('0.01') });
    const twice = addFill(once, { side: 'BUY', price: d('13'), quantity: d('2'), fee: d('-0.02') });
    expect(twice.averageFillPrice?.toFixed()).toBe('12');
    expect(twice.fees.toFixed()).toBe('-0.01');
    expect(() =>
      addFill(twice, {
        side: 'BUY',
        price: d('1'),
        quantity: d('0.000000000000000001'),
        fee: d('0'),
      }),
    ).toThrow(/exceeds the order's remaining 0/);
  });

  it('derives an exit reason only from order types that say why they fired', () => {
    expect(exitReasonOf('STOP')).toBe('STOP_LOSS');
    expect(exitReasonOf('TAKE_PROFIT_LIMIT')).toBe('TAKE_PROFIT');
    expect(exitReasonOf('TRAILING_STOP')).toBe('TRAILING_STOP');
    expect(exitReasonOf('MARKET')).toBeNull();
  });
});
