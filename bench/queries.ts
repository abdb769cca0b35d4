/**
 * The query mix, written once per server: Tradegraph's schema, PostGraphile's own naming and
 * relations, and the floor's named SQL statements (bench/floor-sql.ts). Each server's bodies
 * are built by `prepare*` in bench/prepare.ts once ids and cursors are known.
 */
export const QUERY_NAMES = ['signals', 'equity', 'positions', 'node', 'deepPage'] as const;
export type QueryName = (typeof QUERY_NAMES)[number];

export const QUERY_LABELS: Record<QueryName, string> = {
  signals: '(a) latest 50 signals of a strategy, orders (5) and fills (5)',
  equity: "(b) a strategy's equity curve over 30 days (720 hourly points)",
  positions: '(c) 50 open positions with their latest 5 fills',
  node: '(d) node(id) of a random signal',
  deepPage: '(e) page 50 of 50-row pages of (a), by cursor',
};

const TG_FILL = 'price quantity fee feeAsset liquidity executedAt';
const TG_SIGNAL_PAGE = `edges { node {
  id generatedAt symbol direction status confidence entryPrice
  orders(first: 5) { edges { node {
    id clientOrderId side status quantity filledQuantity averageFillPrice createdAt
    fills(first: 5) { edges { node { ${TG_FILL} } } }
  } } }
} }
pageInfo { hasNextPage endCursor }`;

export const TRADEGRAPH = {
  signals: `query A($name: String!, $after: String) {
    strategy(name: $name) { signals(first: 50, after: $after) { ${TG_SIGNAL_PAGE} } } }`,
  equity: `query B($strategy: ID!, $from: DateTime!, $to: DateTime!) {
    equitySnapshots(filter: { strategyIds: [$strategy], time: { from: $from, to: $to } },
      orderBy: OLDEST_FIRST, first: 1000) { edges { node { time equity drawdownPct } } } }`,
  positions: `query C { positions(filter: { open: true }, first: 50) { edges { node {
    id symbol direction status remainingSize averageEntryPrice unrealizedPnl strategy { name }
    fills(first: 5) { edges { node { ${TG_FILL} } } }
  } } } }`,
  node: `query D($id: ID!) { node(id: $id) { ... on Signal {
    id generatedAt symbol direction status confidence strategy { name } } } }`,
  strategyId: 'query { strategy(name: "bench-01") { id } }',
  signalId: 'query { signals(first: 1) { edges { node { id databaseId } } } }',
};

const PG_FILL = 'price quantity fee feeAsset liquidity executedAt';
const PG_SIGNAL_PAGE = `edges { node {
  id generatedAt symbol direction status confidence entryPrice
  orders: ordersBySignalId(first: 5, orderBy: [CREATED_AT_DESC, ROW_ID_DESC]) { edges { node {
    id clientOrderId side status quantity filledQuantity averageFillPrice createdAt
    fills: fillsByOrderId(first: 5, orderBy: [EXECUTED_AT_DESC, ROW_ID_DESC]) { edges { node { ${PG_FILL} } } }
  } } }
} }
pageInfo { hasNextPage endCursor }`;

export const POSTGRAPHILE = {
  signals: `query A($strategyId: BigInt!, $after: Cursor) {
    strategy: strategyByRowId(rowId: $strategyId) {
      signals: signalsByStrategyId(first: 50, after: $after, orderBy: [GENERATED_AT_DESC, ROW_ID_DESC]) {
        ${PG_SIGNAL_PAGE} } } }`,
  // Amber has no range filter (that is postgraphile-plugin-connection-filter): the curve ends
  // now and is hourly, so the last 720 points are the 30 days.
  equity: `query B($strategyId: BigInt!) {
    equitySnapshots: allEquitySnapshots(condition: { strategyId: $strategyId },
      orderBy: [TIME_ASC, ROW_ID_ASC], last: 720) { edges { node { time equity drawdownPct } } } }`,
  positions: `query C { positions: allPositions(condition: { status: OPEN }, first: 50,
    orderBy: [OPENED_AT_DESC, ROW_ID_DESC]) { edges { node {
    id symbol direction status remainingSize averageEntryPrice unrealizedPnl
    strategy: strategyByStrategyId { name }
    fills: fillsByPositionId(first: 5, orderBy: [EXECUTED_AT_DESC, ROW_ID_DESC]) { edges { node { ${PG_FILL} } } }
  } } } }`,
  node: `query D($id: ID!) { node(id: $id) { ... on Signal {
    id generatedAt symbol direction status confidence strategy: strategyByStrategyId { name } } } }`,
  signalId: 'query { allSignals(first: 1) { nodes { id rowId } } }',
};
