import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.ts';
import type { LiveEventPayload } from '../realtime/live-rows.ts';

/**
 * Where a request keeps its dataloaders: one scope per request, and within a subscription (whose
 * context lives as long as the subscription) one per batch of events, each event being executed
 * with its payload as root value. The events of a batch (read together, their rows loaded
 * together: LiveEventPayload's `batch`) are executed together, so a batch of fills loads their
 * orders in one statement; a loader never answers one batch from what an earlier batch loaded.
 * A root value without a batch has a scope of its own.
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
  const batch = (root as Partial<LiveEventPayload>).batch ?? root;
  let scope = scopes.events.get(batch);
  if (!scope) {
    scope = new Map();
    scopes.events.set(batch, scope);
  }
  return scope;
}

/** The value under `key` in the scope of `info`'s request or batch, made by `create` once. */
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
