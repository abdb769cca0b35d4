/**
 * Authorization cases of the bad-input corpus: keys without the scope an operation needs, and
 * strategy-limited keys reaching for another strategy's rows. Refused writes get FORBIDDEN (403
 * over HTTP) and leave the database unchanged; reads of foreign rows get null or an empty list,
 * exactly like rows that do not exist, so they do not reveal what another strategy has.
 */
import type { Case, CorpusIds, Expected } from './corpus.ts';

const FORBIDDEN = (message: RegExp): Expected => ({ code: 'FORBIDDEN', message, status: 403 });
const FOREIGN_WRITE = FORBIDDEN(
  /^This API key may only write for strategies [A-Za-z0-9+/=]+; \w+ would write for strategy [A-Za-z0-9+/=]+\.$/,
);
/** A read that succeeds with `data`: no error, nothing of the foreign strategy. */
const HIDDEN = (data: Expected['data']): Expected => ({ code: 'OK', message: /^$/, data });

const writer = (field: string, inputType: string) =>
  `mutation($input: ${inputType}!) { ${field}(input: $input) { __typename ... on WriterError { code message } } }`;
const withInput =
  (query: string, input: (ids: CorpusIds) => Record<string, unknown>) => (ids: CorpusIds) => ({
    query,
    variables: { input: input(ids) },
  });
const order = (strategyId: string, clientOrderId: string) => ({
  strategyId,
  clientOrderId,
  exchange: 'binance',
  symbol: 'BTCUSDT',
  side: 'BUY',
  type: 'MARKET',
  quantity: '1',
});
const fill = (orderId: string, exchangeFillId: string) => ({
  orderId,
  exchangeFillId,
  price: '100',
  quantity: '0.1',
  executedAt: '2026-01-01T00:00:05Z',
});
const signal = (strategyId: string) => ({
  strategyId,
  exchange: 'binance',
  symbol: 'BTCUSDT',
  direction: 'LONG',
  generatedAt: '2026-01-01T00:00:00Z',
});

export const authzCases: Case[] = [
  // Keys without the scope the operation needs.
  {
    name: 'a read-only key recording a fill',
    as: 'reader',
    operation: withInput(writer('recordFill', 'RecordFillInput'), (ids) =>
      fill(ids.orderA, 'authz-1'),
    ),
    expect: FORBIDDEN(/^This API key lacks the 'write' scope needed for recordFill\./),
  },
  {
    name: 'a read-only key recording an order',
    as: 'reader',
    operation: withInput(writer('recordOrder', 'RecordOrderInput'), (ids) =>
      order(ids.strategyA, 'authz-reader-order'),
    ),
    expect: FORBIDDEN(/lacks the 'write' or 'trade' scope needed for recordOrder/),
  },
  {
    name: 'a read-only key deciding a signal',
    as: 'reader',
    operation: withInput(writer('decideSignal', 'DecideSignalInput'), (ids) => ({
      signalId: ids.signalA,
      status: 'APPROVED',
    })),
    expect: FORBIDDEN(/lacks the 'write' scope needed for decideSignal/),
  },
  {
    name: 'a write-only key reading strategies',
    as: 'writer',
    operation: () => ({ query: '{ strategies { totalCount } }' }),
    expect: FORBIDDEN(/^This API key lacks the 'read' scope needed for strategies\./),
  },
  {
    name: 'a write-only key reading two lists at once',
    as: 'writer',
    operation: () => ({ query: '{ orders { totalCount } fills { totalCount } }' }),
    expect: FORBIDDEN(/lacks the 'read' scope needed for (orders|fills)/),
  },
  {
    name: 'a write-only key fetching a node',
    as: 'writer',
    operation: (ids) => ({
      query: 'query($id: ID!) { node(id: $id) { id } }',
      variables: { id: ids.orderA },
    }),
    expect: FORBIDDEN(/lacks the 'read' scope needed for node/),
  },
  {
    name: 'a write-only key subscribing',
    as: 'writer',
    operation: () => ({ query: 'subscription { fillCreated { cursor } }' }),
    expect: FORBIDDEN(/lacks the 'read' scope needed for fillCreated/),
  },
  {
    name: 'a trade key recording a fill',
    as: 'trader',
    operation: withInput(writer('recordFill', 'RecordFillInput'), (ids) =>
      fill(ids.orderA, 'authz-2'),
    ),
    expect: FORBIDDEN(/lacks the 'write' scope needed for recordFill/),
  },
  {
    name: 'a trade key recording a signal',
    as: 'trader',
    operation: withInput(writer('recordSignal', 'RecordSignalInput'), (ids) =>
      signal(ids.strategyA),
    ),
    expect: FORBIDDEN(/lacks the 'write' scope needed for recordSignal/),
  },
  {
    name: 'a trade key closing a position',
    as: 'trader',
    operation: withInput(writer('closePosition', 'ClosePositionInput'), (ids) => ({
      positionId: ids.positionA,
      price: '100',
      exitReason: 'MANUAL',
    })),
    expect: FORBIDDEN(/lacks the 'write' scope needed for closePosition/),
  },
  {
    name: 'a limited read-only key recording an order for its own strategy',
    as: 'limitedA',
    operation: withInput(writer('recordOrder', 'RecordOrderInput'), (ids) =>
      order(ids.strategyA, 'authz-limited-order'),
    ),
    expect: FORBIDDEN(/lacks the 'write' or 'trade' scope needed for recordOrder/),
  },
  {
    name: 'a read-only key listing API keys',
    as: 'reader',
    operation: () => ({ query: '{ apiKeys { name prefix } }' }),
    expect: FORBIDDEN(/^This API key lacks the 'admin' scope needed for apiKeys\./),
  },
  {
    name: 'a write-only key creating an admin API key',
    as: 'writer',
    operation: () => ({
      query:
        'mutation { createApiKey(input: { name: "escalate", scopes: [ADMIN] }) { __typename ... on CreateApiKeySuccess { secret } } }',
    }),
    expect: FORBIDDEN(/lacks the 'admin' scope needed for createApiKey/),
  },
  {
    name: 'a limited key revoking the admin key',
    as: 'limitedA',
    operation: () => ({
      query: 'mutation { revokeApiKey(input: { key: "1" }) { __typename } }',
    }),
    expect: FORBIDDEN(/lacks the 'admin' scope needed for revokeApiKey/),
  },
  {
    name: 'a trade key reconfiguring a strategy',
    as: 'trader',
    operation: () => ({
      query:
        'mutation { upsertStrategy(input: { name: "hijack", status: STOPPED }) { __typename } }',
    }),
    expect: FORBIDDEN(/lacks the 'admin' scope needed for upsertStrategy/),
  },

  // Strategy-limited keys reaching for another strategy's rows.
  {
    name: 'a limited key fetching a foreign order by node id',
    as: 'limitedA',
    operation: (ids) => ({
      query: 'query($id: ID!) { node(id: $id) { id } }',
      variables: { id: ids.orderB },
    }),
    expect: HIDDEN({ node: null }),
  },
  {
    name: 'a limited key fetching foreign and own nodes together',
    as: 'limitedA',
    operation: (ids) => ({
      query: 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }',
      variables: { ids: [ids.signalB, ids.signalA, ids.strategyB] },
    }),
    expect: HIDDEN((ids: CorpusIds) => ({ nodes: [null, { id: ids.signalA }, null] })),
  },
  {
    name: 'a limited key looking up a foreign strategy',
    as: 'limitedA',
    operation: (ids) => ({
      query: 'query($id: ID!) { strategy(id: $id) { id name } }',
      variables: { id: ids.strategyB },
    }),
    expect: HIDDEN({ strategy: null }),
  },
  {
    name: 'a limited key filtering orders on a foreign strategy',
    as: 'limitedA',
    operation: (ids) => ({
      query:
        'query($s: [ID!]) { orders(filter: { strategyIds: $s }) { totalCount edges { cursor } } }',
      variables: { s: [ids.strategyB] },
    }),
    expect: HIDDEN({ orders: { totalCount: 0, edges: [] } }),
  },
  {
    name: 'a limited writer recording an order for a foreign strategy',
    as: 'limitedWriterA',
    operation: withInput(writer('recordOrder', 'RecordOrderInput'), (ids) =>
      order(ids.strategyB, 'authz-foreign-order'),
    ),
    expect: FOREIGN_WRITE,
  },
  {
    name: 'a limited writer updating a foreign order',
    as: 'limitedWriterA',
    operation: withInput(writer('updateOrderStatus', 'UpdateOrderStatusInput'), (ids) => ({
      orderId: ids.orderB,
      status: 'CANCELED',
    })),
    expect: FOREIGN_WRITE,
  },
  {
    name: 'a limited writer filling a foreign order',
    as: 'limitedWriterA',
    operation: withInput(writer('recordFill', 'RecordFillInput'), (ids) =>
      fill(ids.orderB, 'authz-3'),
    ),
    expect: FOREIGN_WRITE,
  },
  {
    name: 'a limited writer deciding a foreign signal',
    as: 'limitedWriterA',
    operation: withInput(writer('decideSignal', 'DecideSignalInput'), (ids) => ({
      signalId: ids.signalB,
      status: 'APPROVED',
    })),
    expect: FOREIGN_WRITE,
  },
  {
    name: 'a limited writer recording a signal for a foreign strategy',
    as: 'limitedWriterA',
    operation: withInput(writer('recordSignal', 'RecordSignalInput'), (ids) =>
      signal(ids.strategyB),
    ),
    expect: FOREIGN_WRITE,
  },
  {
    name: 'a limited writer recording an account-wide equity snapshot',
    as: 'limitedWriterA',
    operation: withInput(writer('recordEquitySnapshot', 'RecordEquitySnapshotInput'), () => ({
      equity: '1000',
      time: '2026-01-01T00:00:00Z',
    })),
    expect: FORBIDDEN(/writes an account-wide equity snapshot, which belongs to no strategy/),
  },
];
