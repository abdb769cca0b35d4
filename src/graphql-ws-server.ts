import type { Server } from 'node:http';
import {
  type ExecutionArgs,
  GraphQLError,
  type GraphQLFormattedError,
  getOperationAST,
} from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import type { YogaServerInstance } from 'graphql-yoga';
import { WebSocketServer } from 'ws';
import { AuthenticationError } from './auth/authentication-error.ts';
import type { AuthenticatedServerContext } from './auth/authentication-plugin.ts';
import type { Authenticator } from './auth/authenticator.ts';
import type { CredentialWatch } from './auth/credential-watch.ts';
import type { Principal } from './auth/principal.ts';
import type { Context } from './context.ts';
import type { RateLimiter } from './limits/rate-limiter.ts';
import { FrameSink } from './realtime/frame-sink.ts';
import { InternedStrings } from './realtime/interned-strings.ts';
import { TickBatchingWebSocket } from './realtime/tick-batching-web-socket.ts';
import { type PersistedOperations, resolveQuery } from './surface/persisted-operations.ts';
import { newRequestId, withRequestId } from './surface/request-id.ts';

interface EnvelopedRoot {
  execute(args: ExecutionArgs): unknown;
  subscribe(args: ExecutionArgs): unknown;
}

/**
 * Runs one operation's execution under its request id. A class, not an object of closures: an
 * idle subscription holds it, and under tsx each named closure also carries its own name.
 */
class EnvelopedRequest implements EnvelopedRoot {
  readonly #requestId: string;
  readonly #execute: EnvelopedRoot['execute'];
  readonly #subscribe: EnvelopedRoot['subscribe'];

  constructor(
    requestId: string,
    execute: EnvelopedRoot['execute'],
    subscribe: EnvelopedRoot['subscribe'],
  ) {
    this.#requestId = requestId;
    this.#execute = execute;
    this.#subscribe = subscribe;
  }

  execute(args: ExecutionArgs): unknown {
    return withRequestId(this.#requestId, () => this.#execute(args));
  }

  subscribe(args: ExecutionArgs): unknown {
    return withRequestId(this.#requestId, () => this.#subscribe(args));
  }
}

/** What a connection remembers between messages. */
interface ConnectionState {
  principal?: Principal;
  stopWatching?: () => void;
}

export interface GraphQLWebSocketOptions {
  authenticator: Authenticator;
  credentials: CredentialWatch;
  /** Registered operations, looked up as over HTTP (default: mode off). */
  persistedOperations?: PersistedOperations;
  /** Counts each subscribe message against its principal's rate limit. */
  rateLimiter?: RateLimiter;
  /** Larger messages close the socket with 1009 (default: ws's 100 MiB). */
  maxMessageBytes?: number;
  /** Sockets without `connection_init` by then are closed with 4408 (default 3 s). */
  connectionInitTimeoutMs?: number;
}

/**
 * Serves graphql-ws on the same port and path as HTTP. Every operation goes through yoga's
 * envelop pipeline (`getEnveloped`): the same parsing and validation caches, context, plugins
 * and error masking as over HTTP.
 *
 * A connection authenticates once, in `connection_init` (`connectionParams.authorization`);
 * refused credentials close it with 4403 and a reason naming the problem. When its key is
 * revoked or expires, the connection is closed the same way, ending its subscriptions.
 * Returns a function that closes the sockets.
 */
export function attachGraphQLWebSocket(
  server: Server,
  yoga: YogaServerInstance<AuthenticatedServerContext, Context>,
  options: GraphQLWebSocketOptions,
): () => Promise<void> {
  const webSockets = new WebSocketServer({
    server,
    path: yoga.graphqlEndpoint,
    // ws reads an explicit undefined as "no limit": pass the option only when it is set.
    ...(options.maxMessageBytes ? { maxPayload: options.maxMessageBytes } : {}),
    WebSocket: TickBatchingWebSocket,
  });
  const states = new WeakMap<object, ConnectionState>();
  const stateOf = (extra: object) => {
    const state = states.get(extra) ?? {};
    states.set(extra, state);
    return state;
  };
  const queryTexts = new InternedStrings(1_000);
  const disposable = useServer(
    {
      connectionInitWaitTimeout: options.connectionInitTimeoutMs,
      execute: (args) => (args.rootValue as EnvelopedRoot).execute(args) as never,
      subscribe: (args) => (args.rootValue as EnvelopedRoot).subscribe(args) as never,
      onConnect: async (ctx) => {
        const { socket } = ctx.extra;
        try {
          const principal = await options.authenticator.fromConnectionParams(ctx.connectionParams);
          const state = stateOf(ctx.extra);
          state.principal = principal;
          state.stopWatching = options.credentials.watch(principal, (error) =>
            socket.close(CloseCode.Forbidden, closeReason(error.message)),
          );
          // graphql-ws keeps the upgrade request (headers, parser state) for the connection's
          // life; nothing reads it after authentication, and it is ~1 KB per connection.
          (ctx.extra as { request?: unknown }).request = undefined;
          return true;
        } catch (error) {
          if (!(error instanceof AuthenticationError)) throw error;
          socket.close(CloseCode.Forbidden, closeReason(error.message));
          return false;
        }
      },
      // Yoga's HTTP hints (status, headers) are dropped only by its HTTP responses; over a
      // WebSocket they would be noise in every refusal, so they are dropped here.
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors?.length
          ? { ...result, errors: result.errors.map((error) => formatted(error)) }
          : undefined,
      onError: (_ctx, _id, _payload, errors) => errors.map((error) => formatted(error)),
      onClose: (ctx) => {
        stateOf(ctx.extra).stopWatching?.();
      },
      onSubscribe: async (ctx, id, payload) => {
        // graphql-ws keeps the payload for the subscription's lifetime: hold one copy of each
        // query text, not one per subscriber (thousands subscribe with the same document).
        (payload as { query: string }).query = queryTexts.intern(payload.query);
        const { principal } = stateOf(ctx.extra);
        // A refused operation gets its error; the connection and its other operations go on.
        const limited = principal && options.rateLimiter?.take(principal.id);
        if (limited) return [limited];
        // Only what the pipeline reads: the context lives as long as the subscription, and
        // graphql-ws's connection fields and the payload would each be a slot in every one.
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          socket: ctx.extra.socket,
          frames: new FrameSink(ctx.extra.socket, id),
          principal,
        });
        let document: ExecutionArgs['document'];
        try {
          const query = options.persistedOperations
            ? resolveQuery(payload, options.persistedOperations)
            : payload.query;
          document = parse(query as string);
        } catch (error) {
          return [withoutHttpDetails(error) as never];
        }
        const errors = validate(schema, document);
        if (errors.length > 0) return errors;
        // As yoga answers over HTTP; graphql-ws would say "Unable to identify operation", uncoded.
        if (!getOperationAST(document, payload.operationName)) {
          return [
            new GraphQLError('Could not determine what operation to execute.', {
              extensions: { code: 'OPERATION_RESOLUTION_FAILURE' },
            }),
          ];
        }
        // Each operation is a request of its own: its masked errors and log lines share an id.
        // A subscription's events are executed under it too (useSharedSubscriptions), not the
        // delivery of each of them: their errors carry it (tagWithRequestId).
        const requestId = newRequestId();
        const args: ExecutionArgs = {
          schema,
          operationName: payload.operationName,
          document,
          variableValues: payload.variables,
          contextValue: await withRequestId(requestId, contextFactory),
          rootValue: new EnvelopedRequest(requestId, execute, subscribe),
        };
        return args;
      },
    },
    webSockets,
  );
  return async () => {
    await disposable.dispose();
    await new Promise<void>((resolve) => webSockets.close(() => resolve()));
  };
}

/** An error as sent over a WebSocket: yoga's HTTP status hint means nothing there. */
function withoutHttpDetails(error: unknown): unknown {
  if (!(error instanceof GraphQLError) || error.extensions.http === undefined) return error;
  const { http: _http, ...extensions } = error.extensions;
  return new GraphQLError(error.message, { extensions });
}

/** An error as sent over a WebSocket, without yoga's HTTP hints. */
function formatted(error: GraphQLError): GraphQLFormattedError {
  const json: GraphQLFormattedError =
    typeof error.toJSON === 'function' ? error.toJSON() : (error as GraphQLFormattedError);
  if (!json.extensions || !('http' in json.extensions)) return json;
  const { http: _http, ...extensions } = json.extensions;
  return { ...json, extensions };
}

/** A WebSocket close reason is at most 123 bytes of UTF-8. */
function closeReason(message: string): string {
  const bytes = Buffer.from(message);
  if (bytes.length <= 123) return message;
  return `${bytes
    .subarray(0, 120)
    .toString('utf8')
    .replace(/\uFFFD$/, '')}...`;
}
