import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.ts';

/**
 * Where a request keeps its dataloaders: one scope per request, and within a subscription (whose
 * context lives as long as the subscription) one per event, since graphql-js executes each event
 * with the event's payload as root value. So a loader batches the rows of one result and never
 * answers one event from what an earlier event loaded.
 */
export function loaderScope(context: Context, info: GraphQLResolveInfo): Map<unknown, unknown> {
  let scopes = scopesByContext.get(context);
  if (!scopes) {
    scopes = { request: new Map(), events: new WeakMap() };
    scopesByContext.set(context, scopes);
  }
  const root = info.rootValue;
  if (info.operation.operation !== 'subscription' || root === null || typeof root !== 'object') {
    return scopes.request;
  }
  let scope = scopes.events.get(root);
  if (!scope) {
    scope = new Map();
    scopes.events.set(root, scope);
  }
  return scope;
}

/** The value under `key` in the scope of `info`'s request or event, made by `create` once. */
export function scoped<T>(
  context: Context,
  info: GraphQLResolveInfo,
  key: unknown,
  create: () => T,
): T {
  const scope = loaderScope(context, info);
  let value = scope.get(key) as T | undefined;
  if (value === undefined) {
    value = create();
    scope.set(key, value);
  }
  return value;
}

interface Scopes {
  request: Map<unknown, unknown>;
  events: WeakMap<object, Map<unknown, unknown>>;
}

const scopesByContext = new WeakMap<Context, Scopes>();
