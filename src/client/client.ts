import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { type Client, createClient } from 'graphql-ws';
import { DEFAULT_RECONNECT, type ReconnectOptions } from './backoff.ts';
import { postGraphQL, queryText } from './http.ts';
import { persistedQueryExtensions } from './persisted.ts';
import { type ReconnectInfo, ResumableSubscription } from './resumable-subscription.ts';

/** Options of {@link createTradegraphClient}. */
export interface TradegraphClientOptions {
  /** The GraphQL endpoint, e.g. `http://127.0.0.1:4000/graphql`; WebSockets use the same path. */
  url: string;
  /**
   * Sent as `Authorization: Bearer <apiKey>` over HTTP and as `connectionParams.apiKey` (plus
   * `connectionParams.authorization`) over graphql-ws. A refused key ends subscriptions with a
   * {@link TradegraphConnectionError} (close code 4403) and requests with an HTTP 401.
   */
  apiKey?: string;
  /** A WebSocket implementation where there is no global one (Node 20: `ws`'s default export). */
  webSocketImpl?: unknown;
  /** How subscriptions reconnect; merged over `{ minDelayMs: 250, maxDelayMs: 10000 }`. */
  reconnect?: Partial<ReconnectOptions>;
  /** Called before each subscription reconnect attempt, e.g. to log it. */
  onReconnect?: (info: ReconnectInfo) => void;
  /**
   * Send each operation's registered hash instead of its text (default false), over HTTP and
   * graphql-ws: needed by a gateway with PERSISTED_OPERATIONS=only, and smaller requests.
   */
  persisted?: boolean;
}

/** Callbacks for {@link TradegraphClient.subscribe}; `next` is awaited before the next event. */
export interface SubscriptionHandlers<T> {
  next(data: T): void | Promise<void>;
  /** The subscription ended for good: a GraphQL error, a 44xx close, or retries exhausted. */
  error(error: unknown): void;
  /** The subscription was closed by `close()`. */
  complete?(): void;
}

/** A live subscription: an async iterator of events that resumes across drops. */
export interface TradegraphSubscription<T> extends AsyncIterableIterator<T> {
  /** The cursor of the last event received (`null` before the first). */
  readonly lastCursor: string | null;
  /** Stops it. */
  close(): void;
}

/** Variables of a resumable subscription: it must declare `$after: String`. */
export type ResumableVariables = { after?: string | null } & Record<string, unknown>;

/** A typed Tradegraph client; see {@link createTradegraphClient}. */
export interface TradegraphClient {
  /** Runs a query or mutation over HTTP; resolves to its `data`, typed by the document. */
  request<TResult, TVariables>(
    document: TypedDocumentNode<TResult, TVariables>,
    variables: TVariables,
    options?: { signal?: AbortSignal },
  ): Promise<TResult>;
  /**
   * Subscribes over graphql-ws. The document must declare `$after: String`, pass it to its single
   * root field and select `cursor`. Without handlers, iterate the result (`for await`); with
   * handlers, events are pushed to them. Either way, drops are resumed from the last cursor.
   */
  subscribe<TResult, TVariables extends ResumableVariables>(
    document: TypedDocumentNode<TResult, TVariables>,
    variables: TVariables,
    handlers?: SubscriptionHandlers<TResult>,
  ): TradegraphSubscription<TResult>;
  /** Stops every subscription and closes the WebSocket. */
  close(): Promise<void>;
}

/**
 * Creates a client for bots: `request` for queries and mutations (global `fetch`), `subscribe`
 * for live streams (graphql-ws, one lazy connection shared by all subscriptions). Errors:
 * `TradegraphHttpError`, `TradegraphGraphQLError`, `TradegraphConnectionError`; narrow mutation
 * results with `expectSuccess`.
 */
export function createTradegraphClient(options: TradegraphClientOptions): TradegraphClient {
  const reconnect: ReconnectOptions = { ...DEFAULT_RECONNECT, ...options.reconnect };
  const headers: Record<string, string> = options.apiKey
    ? { authorization: `Bearer ${options.apiKey}` }
    : {};
  // Created on the first subscribe, so an HTTP-only bot needs no WebSocket implementation.
  let ws: Client | undefined;
  const connect = () =>
    createClient({
      url: options.url.replace(/^http/, 'ws'),
      webSocketImpl: options.webSocketImpl,
      lazy: true,
      // Reconnecting is ResumableSubscription's job: it must resubscribe with a new `after`.
      retryAttempts: 0,
      connectionParams: options.apiKey
        ? { apiKey: options.apiKey, authorization: `Bearer ${options.apiKey}` }
        : undefined,
    });
  const open = new Set<{ close(): void }>();
  return {
    request: (document, variables, requestOptions) =>
      postGraphQL(
        options.url,
        headers,
        document,
        variables,
        requestOptions?.signal,
        options.persisted,
      ),
    subscribe(document, variables, handlers) {
      ws ??= connect();
      const subscription = new ResumableSubscription<never>({
        ws,
        // graphql-ws requires a query string: empty when the hash names the operation.
        query: options.persisted ? '' : queryText(document as never),
        extensions: options.persisted
          ? { ...persistedQueryExtensions(document as never) }
          : undefined,
        variables,
        reconnect,
        onReconnect: options.onReconnect,
      });
      open.add(subscription);
      if (handlers) void pump(subscription, handlers);
      return subscription;
    },
    async close() {
      for (const subscription of open) subscription.close();
      open.clear();
      await ws?.dispose();
      ws = undefined;
    },
  };
}

async function pump<T>(subscription: AsyncIterable<T>, handlers: SubscriptionHandlers<T>) {
  try {
    for await (const data of subscription) await handlers.next(data);
    handlers.complete?.();
  } catch (error) {
    handlers.error(error);
  }
}
