/**
 * The bad-input corpus: requests a hostile or broken client sends, each with the code and the
 * message it must get. Operation cases run over HTTP, SSE and graphql-ws; raw HTTP cases over
 * HTTP and SSE; raw WebSocket cases over graphql-ws only. None of them may change the database.
 */
import type { RawRequest } from './transports.ts';

/** Which credentials a case sends (see the keys made in the test's set-up). */
export type KeyName =
  | 'admin'
  | 'none'
  | 'revoked'
  | 'expired'
  | 'unknown'
  | 'malformed'
  | 'reader'
  | 'writer'
  | 'limitedA'
  | 'limitedWriterA'
  | 'trader';

/** Ids and cursors of the rows the set-up wrote, for cases that refer to them. */
export interface CorpusIds {
  strategyA: string;
  strategyB: string;
  signalA: string;
  signalB: string;
  orderA: string;
  orderB: string;
  positionA: string;
  fillA: string;
}

export interface Expected {
  code: string;
  message: RegExp;
  /** HTTP status over `Accept: application/json` (default 200, as GraphQL over HTTP has it). */
  status?: number;
  /** A mutation's typed refusal: the payload is a WriterError with `code` (not a GraphQL error). */
  writerError?: string;
  /**
   * A request that is answered, not refused: no errors and exactly this `data` (a strategy
   * limit hides foreign rows as if they did not exist); `code` and `message` are then unused.
   */
  data?: unknown | ((ids: CorpusIds) => unknown);
}

export interface Case {
  name: string;
  as?: KeyName;
  /** An operation, run over every transport. */
  operation?: (ids: CorpusIds) => {
    query: string;
    variables?: Record<string, unknown>;
    operationName?: string;
  };
  /** A raw HTTP request (HTTP and SSE only). */
  raw?: RawRequest;
  /** Raw graphql-ws messages after the ack (WebSocket only). */
  webSocketMessages?: Array<string | Buffer>;
  /** graphql-ws connectionParams instead of the key's. */
  connectionParams?: unknown;
  /** Send `webSocketMessages` without connection_init first. */
  skipInit?: boolean;
  /**
   * Sent to the app with a small rate limit (corpus-limits.ts), after this many requests of the
   * same operation that use up its burst.
   */
  flood?: number;
  expect: Expected;
}

const b64 = (text: string) => Buffer.from(text).toString('base64');
const op = (query: string, variables?: Record<string, unknown>) => () => ({ query, variables });
const input = (extra: Record<string, unknown>) => ({ input: extra });

const FILL =
  'mutation($input: RecordFillInput!) { recordFill(input: $input) { __typename ... on WriterError { code field message } } }';
const ORDER =
  'mutation($input: RecordOrderInput!) { recordOrder(input: $input) { __typename ... on WriterError { code field message } } }';
const DECIDE =
  'mutation($input: DecideSignalInput!) { decideSignal(input: $input) { __typename ... on WriterError { code field message } } }';

/** A writer mutation selecting its WriterError, for cases of typed refusals. */
const writer = (field: string, inputType: string) =>
  `mutation($input: ${inputType}!) { ${field}(input: $input) { __typename ... on WriterError { code field message } } }`;

const fill = (ids: CorpusIds, extra: Record<string, unknown>) =>
  input({
    orderId: ids.orderA,
    exchangeFillId: 'corpus-fill',
    price: '100',
    quantity: '0.1',
    executedAt: '2026-01-01T00:00:05Z',
    ...extra,
  });
const order = (ids: CorpusIds, extra: Record<string, unknown>) =>
  input({
    strategyId: ids.strategyA,
    clientOrderId: 'corpus-order',
    exchange: 'binance',
    symbol: 'BTCUSDT',
    side: 'BUY',
    type: 'LIMIT',
    quantity: '1',
    limitPrice: '100',
    ...extra,
  });

const UNAUTHENTICATED = (message: RegExp): Expected => ({
  code: 'UNAUTHENTICATED',
  message,
  status: 401,
});
const INVALID_SYNTAX = (message: RegExp): Expected => ({ code: 'GRAPHQL_PARSE_FAILED', message });
const INVALID = (message: RegExp): Expected => ({ code: 'GRAPHQL_VALIDATION_FAILED', message });
const BAD_INPUT = (message: RegExp, status = 200): Expected => ({
  code: 'BAD_USER_INPUT',
  message,
  status,
});
const BAD_VARIABLE = (message: RegExp): Expected => BAD_INPUT(message, 400);
const WRITER = (code: string, message: RegExp): Expected => ({
  code,
  message,
  writerError: code,
});

const QUERY = op('{ strategies { totalCount } }');
const SUBSCRIPTION = op('subscription { fillCreated { cursor } }');

export const cases: Case[] = [
  // Credentials: missing, wrong, revoked, expired.
  ...[QUERY, SUBSCRIPTION].flatMap((operation, index) => {
    const kind = index === 0 ? 'a query' : 'a subscription';
    return [
      {
        name: `${kind} without credentials`,
        as: 'none' as const,
        operation,
        expect: UNAUTHENTICATED(/Authentication required/),
      },
      {
        name: `${kind} with a revoked key`,
        as: 'revoked' as const,
        operation,
        expect: UNAUTHENTICATED(/has been revoked/),
      },
      {
        name: `${kind} with an expired key`,
        as: 'expired' as const,
        operation,
        expect: UNAUTHENTICATED(/has expired/),
      },
      {
        name: `${kind} with a key nobody issued`,
        as: 'unknown' as const,
        operation,
        expect: UNAUTHENTICATED(/not valid/),
      },
      {
        name: `${kind} with a malformed key`,
        as: 'malformed' as const,
        operation,
        expect: UNAUTHENTICATED(/malformed/),
      },
    ];
  }),
  {
    name: 'an Authorization header with another scheme',
    raw: {
      body: JSON.stringify({ query: '{ strategies { totalCount } }' }),
      headers: { authorization: 'Basic YWRtaW46YWRtaW4=' },
    },
    expect: UNAUTHENTICATED(/must read 'Bearer <key>'/),
  },
  {
    name: 'a key with an SQL injection appended',
    raw: {
      body: JSON.stringify({ query: '{ strategies { totalCount } }' }),
      headers: { authorization: "Bearer tg_AAAAAAAA_x' OR '1'='1" },
    },
    expect: UNAUTHENTICATED(/must read 'Bearer <key>'/),
  },
  {
    name: 'connectionParams that are not an object',
    connectionParams: 'Bearer tg_whatever',
    expect: { code: '4400', message: /Invalid message received/ },
    as: 'none',
    operation: QUERY,
  },

  // Bodies that are not GraphQL requests.
  {
    name: 'a body that is not JSON',
    raw: { body: '{"query": "{ signals { totalCount } "' },
    expect: { code: 'BAD_REQUEST', message: /invalid JSON/i, status: 400 },
  },
  {
    name: 'an empty body',
    raw: { body: '' },
    expect: {
      code: 'BAD_REQUEST',
      message: /invalid JSON: Unexpected end of JSON input/,
      status: 400,
    },
  },
  {
    name: 'a JSON array (batching)',
    raw: { body: '[{"query":"{ strategies { totalCount } }"}]' },
    expect: { code: 'BAD_REQUEST', message: /Batching is not supported/, status: 400 },
  },
  {
    name: 'a JSON string',
    raw: { body: '"{ strategies { totalCount } }"' },
    expect: { code: 'BAD_REQUEST', message: /./, status: 400 },
  },
  {
    name: 'a request without a query',
    raw: { body: '{"variables": {}}' },
    expect: { code: 'BAD_REQUEST', message: /Must provide query string/ },
  },
  {
    name: 'a query that is not a string',
    raw: { body: '{"query": {"signals": true}}' },
    expect: { code: 'BAD_REQUEST', message: /query/i, status: 400 },
  },
  {
    name: 'variables that are not an object',
    raw: { body: '{"query": "{ strategies { totalCount } }", "variables": [1, 2]}' },
    expect: { code: 'BAD_REQUEST', message: /variables/i, status: 400 },
  },
  {
    name: 'extensions that are not an object',
    raw: { body: '{"query": "{ strategies { totalCount } }", "extensions": "yes"}' },
    expect: { code: 'BAD_REQUEST', message: /extensions/i, status: 400 },
  },
  {
    name: 'a mutation over GET',
    raw: {
      method: 'GET',
      body: undefined,
      headers: {},
    },
    expect: {
      code: 'BAD_REQUEST',
      message: /Can only perform a mutation operation from a POST request/,
      status: 405,
    },
  },

  // GraphQL that does not parse or validate.
  {
    name: 'a syntax error',
    operation: op('{ signals(first: 1 { totalCount } }'),
    expect: INVALID_SYNTAX(/Syntax Error/),
  },
  {
    name: 'an unterminated string',
    operation: op('{ strategy(name: "abc) { id } }'),
    expect: INVALID_SYNTAX(/Unterminated string/),
  },
  {
    name: 'an empty document',
    operation: op('   '),
    expect: INVALID_SYNTAX(/Syntax Error: Unexpected <EOF>/),
  },
  {
    name: 'a field that does not exist',
    operation: op('{ signals { edges { node { password } } } }'),
    expect: INVALID(/Cannot query field "password" on type "Signal"/),
  },
  {
    name: 'an argument that does not exist',
    operation: op('{ signals(where: "1=1") { totalCount } }'),
    expect: INVALID(/Unknown argument "where"/),
  },
  {
    name: 'a missing required argument',
    operation: op('{ node { id } }'),
    expect: INVALID(/argument "id" of type "ID!" is required/),
  },
  {
    name: 'a literal of the wrong type',
    operation: op('{ signals(first: "ten") { totalCount } }'),
    expect: INVALID(/Int cannot represent non-integer value/),
  },
  {
    name: 'a fragment spreading itself',
    operation: op('{ signals { ...A } } fragment A on SignalConnection { ...A }'),
    expect: INVALID(/Cannot spread fragment "A" within itself/),
  },
  {
    name: 'an undefined fragment',
    operation: op('{ signals { ...Missing } }'),
    expect: INVALID(/Unknown fragment "Missing"/),
  },
  {
    name: 'an undefined variable',
    operation: op('{ signals(first: $n) { totalCount } }'),
    expect: INVALID(/Variable "\$n" is not defined/),
  },
  {
    name: 'two operations without operationName',
    operation: op('query A { strategies { totalCount } } query B { signals { totalCount } }'),
    expect: {
      code: 'OPERATION_RESOLUTION_FAILURE',
      message: /Could not determine what operation to execute|Unable to identify operation/,
      status: 400,
    },
  },
  {
    name: 'an operationName that names no operation',
    operation: () => ({ query: 'query A { strategies { totalCount } }', operationName: 'B' }),
    expect: {
      code: 'OPERATION_RESOLUTION_FAILURE',
      message: /Could not determine what operation to execute|Unable to identify operation/,
      status: 400,
    },
  },
  {
    name: 'a subscription with two root fields',
    operation: op('subscription { fillCreated { cursor } orderUpdated { cursor } }'),
    expect: INVALID(/must select only one top level field/),
  },
  {
    name: 'an unknown directive',
    operation: op('{ strategies @sql(raw: "DROP TABLE fills") { totalCount } }'),
    expect: INVALID(/Unknown directive "@sql"/),
  },
  {
    name: 'a fragment on a type that cannot apply',
    operation: op('{ signals { ... on Fill { price } } }'),
    expect: INVALID(/can never be of type "Fill"/),
  },

  // Variables that do not fit their types.
  {
    name: 'a string for an Int variable',
    operation: op('query($n: Int) { signals(first: $n) { totalCount } }', { n: 'ten' }),
    expect: BAD_VARIABLE(/Variable "\$n" got invalid value "ten"/),
  },
  {
    name: 'null for a non-null variable',
    operation: op('query($id: ID!) { node(id: $id) { id } }', { id: null }),
    expect: BAD_VARIABLE(/Variable "\$id" of non-null type "ID!" must not be null/),
  },
  {
    name: 'a missing non-null variable',
    operation: op('query($id: ID!) { node(id: $id) { id } }', {}),
    expect: BAD_VARIABLE(/Variable "\$id" of required type "ID!" was not provided/),
  },
  {
    name: 'an unknown field in an input object',
    operation: op('query($f: SignalFilter) { signals(filter: $f) { totalCount } }', {
      f: { symbol: 'BTCUSDT', password: 'x' },
    }),
    expect: BAD_VARIABLE(/Field "password" is not defined by type "SignalFilter"/),
  },
  {
    name: 'an unknown enum value in a variable',
    operation: op('query($f: SignalFilter) { signals(filter: $f) { totalCount } }', {
      f: { statuses: ['MAYBE'] },
    }),
    expect: BAD_VARIABLE(/Value "MAYBE" does not exist in "SignalStatus" enum/),
  },
  {
    name: 'an Int beyond 32 bits',
    operation: op('query($n: Int) { signals(first: $n) { totalCount } }', { n: 2 ** 40 }),
    expect: BAD_VARIABLE(/Int cannot represent non 32-bit signed integer value/),
  },
  {
    name: 'a time without an offset',
    operation: op('query($f: SignalFilter) { signals(filter: $f) { totalCount } }', {
      f: { generatedAt: { from: '2026-01-01T00:00:00' } },
    }),
    expect: BAD_VARIABLE(/not an ISO 8601 UTC instant/),
  },
  {
    name: 'an impossible date',
    operation: op('query($f: SignalFilter) { signals(filter: $f) { totalCount } }', {
      f: { generatedAt: { from: '2026-02-30T00:00:00Z' } },
    }),
    expect: BAD_VARIABLE(/not a valid date/),
  },
  {
    name: 'a time that is a number',
    operation: op('query($f: SignalFilter) { signals(filter: $f) { totalCount } }', {
      f: { generatedAt: { from: 1767225600000 } },
    }),
    expect: BAD_VARIABLE(/ISO 8601/),
  },
  {
    name: 'a decimal sent as a JSON number',
    operation: (ids) => ({ query: FILL, variables: fill(ids, { price: 100.5 }) }),
    expect: BAD_VARIABLE(/JSON number|string/i),
  },
  {
    name: 'a decimal in exponent notation',
    operation: (ids) => ({ query: FILL, variables: fill(ids, { price: '1e5' }) }),
    expect: BAD_VARIABLE(/decimal/i),
  },
  {
    name: 'a decimal with an injection',
    operation: (ids) => ({ query: FILL, variables: fill(ids, { price: '1; DROP TABLE fills' }) }),
    expect: BAD_VARIABLE(/decimal/i),
  },
  {
    name: 'a decimal with too many digits',
    operation: (ids) => ({ query: FILL, variables: fill(ids, { quantity: `1${'0'.repeat(40)}` }) }),
    expect: WRITER('INVALID', /quantity has 41 integer digits; the column is NUMERIC\(38,18\)/),
  },
  {
    name: 'a decimal that is NaN',
    operation: (ids) => ({ query: FILL, variables: fill(ids, { price: 'NaN' }) }),
    expect: BAD_VARIABLE(/decimal/i),
  },
  {
    name: 'JSON metadata that is a string of JSON',
    operation: (ids) => ({ query: ORDER, variables: order(ids, { metadata: '{"a":1}' }) }),
    expect: WRITER('INVALID', /metadata must be a JSON object, got a string/),
  },
  {
    name: 'JSON metadata that is an array',
    operation: (ids) => ({ query: ORDER, variables: order(ids, { metadata: [1, 2] }) }),
    expect: WRITER('INVALID', /metadata must be a JSON object, got an array/),
  },

  // Ids, cursors and filters: malformed, foreign, injection-like.
  {
    name: 'a node id that is not a global id',
    operation: op('{ node(id: "garbage") { id } }'),
    expect: BAD_INPUT(/Invalid global ID: garbage/),
  },
  {
    name: 'a node id of a type the API does not have',
    operation: op(`{ node(id: "${b64('ApiKey:1')}") { id } }`),
    expect: BAD_INPUT(/"ApiKey" in the ID is not a type of this API/),
  },
  {
    name: 'a node id with SQL in its key',
    operation: op(`{ node(id: "${b64('Signal:1 OR 1=1')}") { id } }`),
    expect: BAD_INPUT(/not a valid Signal ID/),
  },
  {
    name: 'a node id beyond 64 bits',
    operation: op(`{ node(id: "${b64('Signal:99999999999999999999999')}") { id } }`),
    expect: BAD_INPUT(/not a valid Signal ID/),
  },
  {
    name: 'nodes with one bad id among good ones',
    operation: (ids) => ({
      query: 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }',
      variables: { ids: [ids.signalA, 'nope'] },
    }),
    expect: BAD_INPUT(/Invalid global ID: nope/),
  },
  {
    name: 'a filter id of another type',
    operation: (ids) => ({
      query: 'query($ids: [ID!]) { signals(filter: { strategyIds: $ids }) { totalCount } }',
      variables: { ids: [ids.signalA] },
    }),
    expect: BAD_INPUT(/is the ID of a Signal, expected a Strategy/),
  },
  {
    name: 'a filter id with a path traversal',
    operation: op('{ orders(filter: { ids: ["../../etc/passwd"] }) { totalCount } }'),
    expect: BAD_INPUT(/not a valid Order ID/),
  },
  {
    name: 'a cursor that is not a cursor',
    operation: op('{ signals(after: "not-a-cursor") { totalCount } }'),
    expect: BAD_INPUT(/is not a valid cursor/),
  },
  {
    name: 'a cursor carrying SQL',
    operation: op(
      `{ signals(first: 2, after: "${b64('GPC:N:1; DROP TABLE signals;--')}") { totalCount } }`,
    ),
    expect: BAD_INPUT(/cursor/i),
  },
  {
    name: 'a cursor of a string id',
    operation: op(`{ fills(first: 2, after: "${b64('GPC:S:abc')}") { totalCount } }`),
    expect: BAD_INPUT(/cursor/i),
  },
  {
    name: 'a live-event cursor that is not one',
    operation: op('subscription { fillCreated(after: "zz") { cursor } }'),
    expect: BAD_INPUT(/is not a live event cursor/),
  },
  {
    name: 'a live-event cursor with SQL',
    operation: op(`subscription { orderUpdated(after: "${b64("1' OR '1'='1")}") { cursor } }`),
    expect: BAD_INPUT(/is not a live event cursor/),
  },
  {
    name: 'a page larger than the maximum',
    operation: op('{ signals(first: 101) { totalCount } }'),
    expect: BAD_INPUT(/above the maximum page size of 100/),
  },
  {
    name: 'a nested page larger than the maximum',
    operation: (ids) => ({
      query: 'query($id: ID!) { strategy(id: $id) { signals(last: 5000) { totalCount } } }',
      variables: { id: ids.strategyA },
    }),
    expect: BAD_INPUT(/"last" of Strategy\.signals is 5000, above the maximum page size of 100/),
  },
  {
    name: 'a negative page size',
    operation: op('{ orders(first: -1) { totalCount } }'),
    expect: BAD_INPUT(/must be a non-negative integer, got -1/),
  },
  {
    name: 'first and last together',
    operation: op('{ fills(first: 1, last: 1) { totalCount } }'),
    expect: BAD_INPUT(/cannot be used together/),
  },
  {
    name: 'a lookup with two keys',
    operation: (ids) => ({
      query: 'query($id: ID!) { strategy(id: $id, name: "x") { id } }',
      variables: { id: ids.strategyA },
    }),
    expect: BAD_INPUT(/either id, or name/),
  },
  {
    name: 'a time range that ends before it starts',
    operation: op(
      '{ fills(filter: { executedAt: { from: "2026-02-01T00:00:00Z", to: "2026-01-01T00:00:00Z" } }) { totalCount } }',
    ),
    expect: BAD_INPUT(
      /executedAt: "from" \(2026-02-01T00:00:00.000Z\) is after "to" \(2026-01-01T00:00:00.000Z\)/,
    ),
  },

  // Writes the writers refuse: a typed WriterError, nothing written.
  {
    name: 'a fill for an order that does not exist',
    operation: () => ({
      query: FILL,
      variables: input({
        orderId: b64('Order:987654321'),
        exchangeFillId: 'x',
        price: '1',
        quantity: '1',
        executedAt: '2026-01-01T00:00:05Z',
      }),
    }),
    expect: WRITER('NOT_FOUND', /order/i),
  },
  {
    name: 'a fill with a negative quantity',
    operation: (ids) => ({ query: FILL, variables: fill(ids, { quantity: '-1' }) }),
    expect: WRITER('INVALID', /quantity/i),
  },
  {
    name: 'a fill with a zero price',
    operation: (ids) => ({ query: FILL, variables: fill(ids, { price: '0' }) }),
    expect: WRITER('INVALID', /price/i),
  },
  {
    name: 'a fill larger than its order',
    operation: (ids) => ({ query: FILL, variables: fill(ids, { quantity: '5' }) }),
    expect: WRITER('INVALID', /quantity|exceed|more than/i),
  },
  {
    name: 'a fill with a fee in exponent notation',
    operation: (ids) => ({ query: FILL, variables: fill(ids, { fee: '5e-3', feeAsset: 'USDT' }) }),
    expect: BAD_VARIABLE(/decimal/i),
  },
  {
    name: 'an order for a strategy that does not exist',
    operation: (ids) => ({
      query: ORDER,
      variables: order(ids, {
        clientOrderId: 'corpus-order-unknown-strategy',
        strategyId: b64('Strategy:987654321'),
      }),
    }),
    expect: WRITER('NOT_FOUND', /strategy/i),
  },
  {
    name: 'an order with a strategy id that is a signal id',
    operation: (ids) => ({ query: ORDER, variables: order(ids, { strategyId: ids.signalA }) }),
    expect: BAD_INPUT(/expected a Strategy/),
  },
  {
    name: 'a LIMIT order without a limit price',
    operation: (ids) => ({ query: ORDER, variables: order(ids, { limitPrice: null }) }),
    expect: WRITER('INVALID', /limitPrice/i),
  },
  {
    name: 'an order with a blank symbol',
    operation: (ids) => ({ query: ORDER, variables: order(ids, { symbol: '   ' }) }),
    expect: WRITER('INVALID', /symbol/i),
  },
  {
    name: "an order on another strategy's position",
    operation: (ids) => ({
      query: ORDER,
      variables: order(ids, {
        clientOrderId: 'corpus-order-foreign-position',
        strategyId: ids.strategyB,
        positionId: ids.positionA,
      }),
    }),
    expect: WRITER('CONFLICT', /an order on it must have the same strategy/),
  },
  {
    name: 'a signal decision the transition table forbids',
    operation: (ids) => ({
      query: DECIDE,
      variables: input({ signalId: ids.signalB, status: 'PROPOSED' }),
    }),
    expect: WRITER('ILLEGAL_TRANSITION', /PROPOSED/),
  },
  {
    name: 'a mutation sent as a subscription',
    operation: op('subscription { recordFill(input: {}) { __typename } }'),
    expect: INVALID(/Cannot query field "recordFill" on type "Subscription"/),
  },

  // More writes the writers refuse, one per writer mutation.
  {
    name: 'a signal with a confidence above 1',
    operation: (ids) => ({
      query: writer('recordSignal', 'RecordSignalInput'),
      variables: input({
        strategyId: ids.strategyA,
        exchange: 'binance',
        symbol: 'BTCUSDT',
        direction: 'LONG',
        generatedAt: '2026-01-01T00:00:00Z',
        confidence: '1.5',
      }),
    }),
    expect: WRITER('INVALID', /confidence/),
  },
  {
    name: 'a signal with a score above 100',
    operation: (ids) => ({
      query: writer('recordSignal', 'RecordSignalInput'),
      variables: input({
        strategyId: ids.strategyA,
        exchange: 'binance',
        symbol: 'BTCUSDT',
        direction: 'LONG',
        generatedAt: '2026-01-01T00:00:00Z',
        score: '101',
      }),
    }),
    expect: WRITER('INVALID', /score/),
  },
  {
    name: 'a signal generated an hour in the future',
    operation: (ids) => ({
      query: writer('recordSignal', 'RecordSignalInput'),
      variables: input({
        strategyId: ids.strategyA,
        exchange: 'binance',
        symbol: 'BTCUSDT',
        direction: 'LONG',
        generatedAt: new Date(Date.now() + 3_600_000).toISOString(),
      }),
    }),
    expect: WRITER('INVALID', /more than 5 minutes in the future/),
  },
  {
    name: 'a decision on a signal that does not exist',
    operation: () => ({
      query: DECIDE,
      variables: input({ signalId: b64('Signal:987654321'), status: 'APPROVED' }),
    }),
    expect: WRITER('NOT_FOUND', /signal/i),
  },
  {
    name: 'an order status change the transition table forbids',
    operation: (ids) => ({
      query: writer('updateOrderStatus', 'UpdateOrderStatusInput'),
      variables: input({ orderId: ids.orderA, status: 'FILLED' }),
    }),
    expect: WRITER('ILLEGAL_TRANSITION', /is PENDING_NEW and cannot become FILLED/),
  },
  {
    name: 'an order status change naming the order twice',
    operation: (ids) => ({
      query: writer('updateOrderStatus', 'UpdateOrderStatusInput'),
      variables: input({ orderId: ids.orderA, clientOrderId: 'x', status: 'CANCELED' }),
    }),
    expect: WRITER('INVALID', /not both/),
  },
  {
    name: 'a position of zero size',
    operation: (ids) => ({
      query: writer('openPosition', 'OpenPositionInput'),
      variables: input({
        strategyId: ids.strategyA,
        exchange: 'binance',
        symbol: 'ETHUSDT',
        direction: 'LONG',
        size: '0',
        averageEntryPrice: '2000',
        openedAt: '2026-01-01T00:00:00Z',
      }),
    }),
    expect: WRITER('INVALID', /size/),
  },
  {
    name: 'closing a position that does not exist',
    operation: () => ({
      query: writer('closePosition', 'ClosePositionInput'),
      variables: input({ positionId: b64('Position:987654321'), price: '1', exitReason: 'MANUAL' }),
    }),
    expect: WRITER('NOT_FOUND', /position/i),
  },
  {
    name: 'a prediction of a model that does not exist',
    operation: () => ({
      query: writer('recordPrediction', 'RecordPredictionInput'),
      variables: input({
        modelId: b64('MlModel:987654321'),
        exchange: 'binance',
        symbol: 'BTCUSDT',
        target: 'return_1h',
        value: '0.01',
        time: '2026-01-01T00:00:00Z',
      }),
    }),
    expect: WRITER('NOT_FOUND', /model/i),
  },
  {
    name: 'resolving a prediction that does not exist',
    operation: () => ({
      query: writer('resolvePrediction', 'ResolvePredictionInput'),
      variables: input({ predictionId: b64('Prediction:987654321'), actualValue: '0.02' }),
    }),
    expect: WRITER('NOT_FOUND', /prediction/i),
  },
  {
    name: 'an equity snapshot of a strategy that does not exist',
    operation: () => ({
      query: writer('recordEquitySnapshot', 'RecordEquitySnapshotInput'),
      variables: input({
        strategyId: b64('Strategy:987654321'),
        equity: '1000',
        time: '2026-01-01T00:00:00Z',
      }),
    }),
    expect: WRITER('NOT_FOUND', /strategy/i),
  },
  {
    name: 'a NUL character in JSON metadata',
    operation: (ids) => ({
      query: ORDER,
      variables: order(ids, { metadata: { note: 'a\u0000b' } }),
    }),
    expect: BAD_INPUT(/variables\.input\.metadata\.note contains a NUL character/),
  },
  {
    name: 'a NUL character in a string literal',
    operation: op('{ strategy(name: "x\\u0000y") { id } }'),
    expect: BAD_INPUT(/A string in the query contains a NUL character/),
  },
  {
    name: 'a batch of fills with one bad fill among good ones',
    operation: (ids) => ({
      query: writer('recordFills', 'RecordFillsInput'),
      variables: {
        input: {
          fills: [
            fill(ids, { exchangeFillId: 'batch-1' }).input,
            fill(ids, { exchangeFillId: 'batch-2', quantity: '-1' }).input,
          ],
        },
      },
    }),
    expect: WRITER('INVALID', /quantity/),
  },
  {
    name: 'a fill executed an hour in the future',
    operation: (ids) => ({
      query: FILL,
      variables: fill(ids, { executedAt: new Date(Date.now() + 3_600_000).toISOString() }),
    }),
    expect: WRITER('INVALID', /more than 5 minutes in the future/),
  },

  // More variables of the wrong shape.
  {
    name: 'a list where a string is expected',
    operation: op('query($name: String) { strategy(name: $name) { id } }', { name: ['a', 'b'] }),
    expect: BAD_VARIABLE(/String cannot represent a non string value/),
  },
  {
    name: 'an object where an enum list is expected',
    operation: op('query($f: OrderFilter) { orders(filter: $f) { totalCount } }', {
      f: { statuses: { $ne: null } },
    }),
    expect: BAD_VARIABLE(/OrderStatus/),
  },
  {
    name: 'a boolean where an ID is expected',
    operation: op('query($id: ID!) { node(id: $id) { id } }', { id: true }),
    expect: BAD_VARIABLE(/ID cannot represent value: true/),
  },
  {
    name: 'a time with an hour 24',
    operation: op('query($f: FillFilter) { fills(filter: $f) { totalCount } }', {
      f: { executedAt: { from: '2026-01-01T24:00:00Z' } },
    }),
    expect: BAD_VARIABLE(/not a valid date/),
  },
  {
    name: 'a filter string with a NUL byte',
    operation: op('query($f: SignalFilter) { signals(filter: $f) { totalCount } }', {
      f: { symbol: 'BTC\u0000USDT' },
    }),
    expect: BAD_INPUT(/variables\.f\.symbol contains a NUL character/),
  },

  // graphql-ws out of order.
  {
    name: 'a subscribe before connection_init',
    webSocketMessages: [],
    skipInit: true,
    expect: { code: '4401', message: /Unauthorized/ },
  },

  // WebSocket messages that break the protocol (the socket is closed with a protocol code).
  {
    name: 'a WebSocket message that is not JSON',
    webSocketMessages: ['{"id": "1", "type": "subscribe", '],
    expect: { code: '4400', message: /Invalid message received/ },
  },
  {
    name: 'a WebSocket message of an unknown type',
    webSocketMessages: [JSON.stringify({ id: '1', type: 'exec', payload: { query: '{ a }' } })],
    expect: { code: '4400', message: /Invalid message received/ },
  },
  {
    name: 'a WebSocket subscribe without a query',
    webSocketMessages: [JSON.stringify({ id: '1', type: 'subscribe', payload: {} })],
    expect: { code: '4400', message: /Invalid message received/ },
  },
  {
    name: 'a second connection_init',
    webSocketMessages: [JSON.stringify({ type: 'connection_init' })],
    expect: { code: '4429', message: /Too many initialisation requests/ },
  },
  {
    name: 'two subscriptions with the same id',
    webSocketMessages: [
      JSON.stringify({
        id: 'dup',
        type: 'subscribe',
        payload: { query: 'subscription { fillCreated { cursor } }' },
      }),
      JSON.stringify({
        id: 'dup',
        type: 'subscribe',
        payload: { query: 'subscription { fillCreated { cursor } }' },
      }),
    ],
    expect: { code: '4409', message: /Subscriber for dup already exists/ },
  },
  {
    name: 'a binary WebSocket frame',
    webSocketMessages: [Buffer.from([0xff, 0x00, 0x13, 0x37])],
    expect: { code: '4400', message: /Invalid message received/ },
  },
];
