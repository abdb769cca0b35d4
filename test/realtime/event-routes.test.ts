import { describe, expect, it } from 'vitest';
import type { EventStream, LiveEvent } from '../../src/realtime/event-log.ts';
import { EventRoutes } from '../../src/realtime/event-routes.ts';
import { strategiesRequiredBy } from '../../src/realtime/where-matcher.ts';

let next = 1n;
function event(stream: EventStream, strategyId: bigint | null): LiveEvent {
  const id = next++;
  return {
    cursor: `c${id}`,
    stream,
    operation: 'INSERT',
    entityId: id,
    strategyId,
    committedAt: new Date(0),
  };
}

/** A listener that records each call's events (by cursor) and checks the batch it came with. */
function recorder(batch: readonly LiveEvent[]) {
  const calls: string[][] = [];
  const listener = (events: readonly LiveEvent[], from: readonly LiveEvent[]) => {
    expect(from).toBe(batch);
    calls.push(events.map((e) => e.cursor));
  };
  return { calls, listener };
}

describe('EventRoutes', () => {
  const batch = [
    event('fill_created', 1n),
    event('signal_created', 1n),
    event('fill_created', 2n),
    event('fill_created', 3n),
    event('fill_created', 1n),
    event('prediction_created', null),
  ];
  const cursors = (pick: (e: LiveEvent) => boolean) => batch.filter(pick).map((e) => e.cursor);

  it('calls each listener once per batch with only the stream and strategies it asked for, in order', () => {
    const routes = new EventRoutes();
    const everything = recorder(batch);
    const fills = recorder(batch);
    const strategyOne = recorder(batch);
    const strategiesOneAndThree = recorder(batch);
    const otherStrategy = recorder(batch);
    const predictions = recorder(batch);
    const orders = recorder(batch);
    routes.add(everything.listener);
    routes.add(fills.listener, { stream: 'fill_created' });
    routes.add(strategyOne.listener, { stream: 'fill_created', strategyIds: new Set(['1']) });
    routes.add(strategiesOneAndThree.listener, {
      stream: 'fill_created',
      strategyIds: new Set(['3', '1']),
    });
    routes.add(otherStrategy.listener, { stream: 'fill_created', strategyIds: new Set(['9']) });
    routes.add(predictions.listener, { stream: 'prediction_created' });
    routes.add(orders.listener, { stream: 'order_updated' });
    expect(routes.size).toBe(7);

    routes.deliver(batch, (error) => {
      throw error;
    });

    const fill = (e: LiveEvent) => e.stream === 'fill_created';
    expect(everything.calls).toEqual([batch.map((e) => e.cursor)]);
    expect(fills.calls).toEqual([cursors(fill)]);
    expect(strategyOne.calls).toEqual([cursors((e) => fill(e) && e.strategyId === 1n)]);
    expect(strategiesOneAndThree.calls).toEqual([
      cursors((e) => fill(e) && (e.strategyId === 1n || e.strategyId === 3n)),
    ]);
    expect(otherStrategy.calls).toEqual([]);
    expect(predictions.calls).toEqual([cursors((e) => e.stream === 'prediction_created')]);
    expect(orders.calls).toEqual([]);
  });

  it('stops calling a removed listener and reports a failing one without skipping the others', () => {
    const routes = new EventRoutes();
    const kept = recorder(batch);
    const removed = recorder(batch);
    const failure = new Error('listener failed');
    routes.add(() => {
      throw failure;
    });
    routes.add(kept.listener, { stream: 'fill_created', strategyIds: new Set(['2']) });
    const remove = routes.add(removed.listener, {
      stream: 'fill_created',
      strategyIds: new Set(['1', '2']),
    });
    remove();
    remove();
    expect(routes.size).toBe(2);
    const errors: unknown[] = [];
    routes.deliver(batch, (error) => errors.push(error));
    expect(errors).toEqual([failure]);
    expect(kept.calls).toEqual([
      cursors((e) => e.stream === 'fill_created' && e.strategyId === 2n),
    ]);
    expect(removed.calls).toEqual([]);
  });
});

describe('strategiesRequiredBy', () => {
  it('finds the strategies a condition requires, intersecting AND parts', () => {
    expect(strategiesRequiredBy(undefined)).toBeUndefined();
    expect(strategiesRequiredBy({ side: 'BUY', strategyId: undefined })).toBeUndefined();
    expect(strategiesRequiredBy({ strategyId: 7n })).toEqual(new Set(['7']));
    expect(strategiesRequiredBy({ strategyId: { in: [1n, 2n] }, side: 'BUY' })).toEqual(
      new Set(['1', '2']),
    );
    // A filter inside a strategy limit (limitWhere's shape).
    expect(
      strategiesRequiredBy({
        AND: [{ strategyId: { in: [1n, 2n, 3n] } }, { strategyId: { in: [2n, 3n, 4n] } }],
      }),
    ).toEqual(new Set(['2', '3']));
    expect(
      strategiesRequiredBy({ AND: [{ strategyId: { in: [1n] } }, { strategyId: 2n }] }),
    ).toEqual(new Set());
    // Conditions that do not pin strategies leave them open.
    expect(strategiesRequiredBy({ strategyId: { not: null } })).toBeUndefined();
    expect(strategiesRequiredBy({ AND: [{ side: 'BUY' }, {}] })).toBeUndefined();
  });
});
