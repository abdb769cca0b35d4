import { lexicographicSortSchema } from 'graphql';
import { builder } from './builder.ts';
import './scalars.ts';
import './common.ts';
import './strategy.ts';
import './signal.ts';
import './order.ts';
import './fill.ts';
import './position.ts';
import './equity-snapshot.ts';
import './ml-model.ts';
import './prediction.ts';
import './backtest-run.ts';
import './strategy-performance.ts';
import './risk-event.ts';
import './mutations/signal.ts';
import './mutations/order.ts';
import './mutations/fill.ts';
import './mutations/position.ts';
import './mutations/equity-snapshot.ts';
import './mutations/prediction.ts';
import './subscriptions.ts';
import './admin/api-key.ts';
import './admin/strategy-config.ts';

// Every root field needs a scope: reading and subscribing need `read` unless a field says
// otherwise (admin fields skip these type scopes and need `admin`).
builder.queryType({ description: 'Read access to trading data.', authScopes: { read: true } });
builder.subscriptionType({
  description: 'Live events: committed rows pushed over graphql-ws or SSE, resumable by cursor.',
  authScopes: { read: true },
});

/** The GraphQL schema, with types and fields in a stable (sorted) order. */
export const schema = lexicographicSortSchema(builder.toSchema());
