/**
 * The floor: each query as one hand-written statement (lateral joins + json_agg) that returns
 * the whole response body, shaped like Tradegraph's GraphQL response.
 */
const FILL = `json_build_object('price', f.price::text, 'quantity', f.quantity::text, 'fee', f.fee::text,
  'feeAsset', f.fee_asset, 'liquidity', f.liquidity, 'executedAt', f.executed_at)`;

const ORDERS_WITH_FILLS = `SELECT json_agg(json_build_object('node', json_build_object(
    'id', o.id::text, 'clientOrderId', o.client_order_id, 'side', o.side, 'status', o.status,
    'quantity', o.quantity::text, 'filledQuantity', o.filled_quantity::text,
    'averageFillPrice', o.average_fill_price::text, 'createdAt', o.created_at,
    'fills', json_build_object('edges', coalesce(fl.edges, '[]'::json))))
    ORDER BY o.created_at DESC, o.id DESC) AS edges
  FROM (SELECT * FROM orders WHERE signal_id = s.id ORDER BY created_at DESC, id DESC LIMIT 5) o
  LEFT JOIN LATERAL (
    SELECT json_agg(json_build_object('node', ${FILL}) ORDER BY f.executed_at DESC, f.id DESC) AS edges
    FROM (SELECT * FROM fills WHERE order_id = o.id ORDER BY executed_at DESC, id DESC LIMIT 5) f
  ) fl ON true`;

/** $1 strategy name; $2, $3 the cursor (generated_at, id) or nulls for the first page. */
const SIGNALS = `SELECT json_build_object('data', json_build_object('strategy', json_build_object('signals',
  json_build_object('edges', coalesce(json_agg(json_build_object('node', page.node)
    ORDER BY page.generated_at DESC, page.id DESC), '[]'::json),
    'pageInfo', json_build_object('endCursor', (array_agg(page.cursor ORDER BY page.generated_at, page.id))[1]))
)))::text AS body
FROM (
  SELECT s.id, s.generated_at, s.generated_at::text || '|' || s.id AS cursor,
    json_build_object('id', s.id::text, 'generatedAt', s.generated_at, 'symbol', s.symbol,
      'direction', s.direction, 'status', s.status, 'confidence', s.confidence::text,
      'entryPrice', s.entry_price::text,
      'orders', json_build_object('edges', coalesce(ord.edges, '[]'::json))) AS node
  FROM signals s
  LEFT JOIN LATERAL (${ORDERS_WITH_FILLS}) ord ON true
  WHERE s.strategy_id = (SELECT id FROM strategies WHERE name = $1 AND version = '1')
    AND ($2::timestamptz IS NULL OR (s.generated_at, s.id) < ($2::timestamptz, $3::bigint))
  ORDER BY s.generated_at DESC, s.id DESC
  LIMIT 50
) page`;

/** $1 strategy name, $2 from, $3 to. */
const EQUITY = `SELECT json_build_object('data', json_build_object('equitySnapshots', json_build_object(
  'edges', coalesce(json_agg(json_build_object('node', json_build_object('time', e.time,
    'equity', e.equity::text, 'drawdownPct', e.drawdown_pct::text)) ORDER BY e.time, e.id), '[]'::json))))::text AS body
FROM (
  SELECT * FROM equity_snapshots
  WHERE strategy_id = (SELECT id FROM strategies WHERE name = $1 AND version = '1')
    AND time >= $2::timestamptz AND time < $3::timestamptz
  ORDER BY time, id LIMIT 1000
) e`;

const POSITIONS = `SELECT json_build_object('data', json_build_object('positions', json_build_object(
  'edges', coalesce(json_agg(json_build_object('node', p.node) ORDER BY p.opened_at DESC, p.id DESC), '[]'::json))))::text AS body
FROM (
  SELECT p.id, p.opened_at, json_build_object('id', p.id::text, 'symbol', p.symbol,
    'direction', p.direction, 'status', p.status, 'remainingSize', p.remaining_size::text,
    'averageEntryPrice', p.average_entry_price::text, 'unrealizedPnl', p.unrealized_pnl::text,
    'strategy', json_build_object('name', st.name),
    'fills', json_build_object('edges', coalesce(fl.edges, '[]'::json))) AS node
  FROM positions p
  JOIN strategies st ON st.id = p.strategy_id
  LEFT JOIN LATERAL (
    SELECT json_agg(json_build_object('node', ${FILL}) ORDER BY f.executed_at DESC, f.id DESC) AS edges
    FROM (SELECT * FROM fills WHERE position_id = p.id ORDER BY executed_at DESC, id DESC LIMIT 5) f
  ) fl ON true
  WHERE p.status IN ('OPEN', 'PARTIALLY_CLOSED')
  ORDER BY p.opened_at DESC, p.id DESC
  LIMIT 50
) p`;

/** $1 signal id. */
const NODE = `SELECT json_build_object('data', json_build_object('node', (
  SELECT json_build_object('id', s.id::text, 'generatedAt', s.generated_at, 'symbol', s.symbol,
    'direction', s.direction, 'status', s.status, 'confidence', s.confidence::text,
    'strategy', json_build_object('name', st.name))
  FROM signals s JOIN strategies st ON st.id = s.strategy_id WHERE s.id = $1::bigint)))::text AS body`;

export const FLOOR_SQL: Record<string, string> = {
  signals: SIGNALS,
  equity: EQUITY,
  positions: POSITIONS,
  node: NODE,
};
