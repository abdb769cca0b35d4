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

builder.queryType({ description: 'Read access to trading data.' });

/** The GraphQL schema, with types and fields in a stable (sorted) order. */
export const schema = lexicographicSortSchema(builder.toSchema());
