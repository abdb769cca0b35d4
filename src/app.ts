import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { DocumentNode } from 'graphql';
import { createYoga } from 'graphql-yoga';
import {
  type AuthenticatedServerContext,
  useAuthentication,
} from './auth/authentication-plugin.ts';
import { type Authenticator, createAuthenticator } from './auth/authenticator.ts';
import { CredentialWatch } from './auth/credential-watch.ts';
import { useForbiddenStatus } from './auth/forbidden-status.ts';
import type { JwtVerifier } from './auth/jwt.ts';
import { useCompiledExecution } from './compiled-execution.ts';
import type { Context, PageLimits } from './context.ts';
import type { Database } from './db/prisma.ts';
import { attachGraphQLWebSocket } from './graphql-ws-server.ts';
import { createFastHttpPath } from './http/fast-path.ts';
import { type InFlightRequests, trackInFlightRequests } from './in-flight-requests.ts';
import { useRejectNulCharacters } from './input/reject-nul-characters.ts';
import { createRequestLimiting } from './limits/request-limit-plugins.ts';
import { type RequestLimits, resolveRequestLimits } from './limits/request-limits.ts';
import { maskError } from './mask-error.ts';
import type { Live } from './realtime/live.ts';
import { useSharedSubscriptions } from './realtime/shared-subscriptions.ts';
import { schema } from './schema/index.ts';
import { corsOptions } from './surface/cors.ts';
import { useCsrfPrevention } from './surface/csrf-prevention.ts';
import { DocumentCache } from './surface/document-cache.ts';
import { useDisableIntrospection } from './surface/introspection.ts';
import {
  type PersistedOperations,
  usePersistedOperations,
} from './surface/persisted-operations.ts';
import { useReadiness } from './surface/readiness.ts';
import { requestIdOf, useRequestId } from './surface/request-id.ts';

export interface AppOptions {
  prisma: Database;
  limits: PageLimits;
  /** Serve GraphiQL at the GraphQL endpoint (default true). */
  graphiql?: boolean;
  /**
   * Where unexpected errors are reported (default: console.error), with the id of the request
   * (or WebSocket operation) they happened in, when there is one.
   */
  logError?: (message: string, error: unknown, requestId?: string) => void;
  /** The instance's live event feed; without it, subscriptions are refused. */
  live?: Live;
  /** Also accept tokens of an identity provider (see src/auth/jwt.ts). */
  jwt?: JwtVerifier;
  /** How long a verified API key is trusted before the database is asked again (default 2 s). */
  apiKeyCacheMs?: number;
  /** How often open subscriptions' keys are checked for revocation (default 2 s). */
  revocationCheckMs?: number;
  /** Browser origins allowed to call the API cross-origin; `*` for all (default none). */
  corsOrigins?: readonly string[];
  /** Answer `__schema`/`__type` and suggest names in errors (default true). */
  introspection?: boolean;
  /** Registered operations and whether only they run (default: mode off). */
  persistedOperations?: PersistedOperations;
  /** Query size, rate and subscription limits; each one not given keeps its safe default. */
  requestLimits?: Partial<RequestLimits>;
  /** Called each time a subscription event is executed (shared or not); for tests. */
  onSubscriptionExecution?: (sharingKey: string) => void;
  /** How long `stop()` lets requests in flight finish before cutting them, in ms (default 5 s). */
  shutdownGraceMs?: number;
  /**
   * Run queries, mutations and subscription events as compiled code (src/compiled-execution.ts;
   * default true). Off, graphql-js executes everything; tests compare the two.
   */
  compiledExecution?: boolean;
  /**
   * Serve plain JSON POSTs to the endpoint through src/http/fast-path.ts, which runs yoga's
   * hooks without whatwg-node's Request and Response objects (default true). Off, every
   * request goes through createYoga's adapter; tests compare the two.
   */
  fastHttp?: boolean;
}

export interface App {
  /** The yoga server; `yoga.fetch` runs requests in-process. */
  yoga: ReturnType<typeof createYoga<AuthenticatedServerContext, Context>>;
  authenticator: Authenticator;
  /** Starts listening; port 0 picks a free port. Resolves to the URL of the GraphQL endpoint. */
  start(port: number, host?: string): Promise<string>;
  /**
   * Stops accepting requests, closes WebSockets (ending their subscriptions) and SSE streams,
   * lets requests in flight finish (up to `shutdownGraceMs`), then closes every connection.
   * The database stays the caller's.
   */
  stop(): Promise<void>;
}

export const GRAPHQL_PATH = '/graphql';

/** Builds the gateway around an existing database client. Building does not listen. */
export function createApp(options: AppOptions): App {
  const { prisma, limits, live } = options;
  const persisted = options.persistedOperations ?? { mode: 'off', documents: new Map() };
  const logError =
    options.logError ??
    ((message, error, requestId) =>
      console.error(requestId ? `${message} (request ${requestId})` : message, error));
  const authenticator = createAuthenticator({
    prisma,
    jwt: options.jwt,
    cacheMs: options.apiKeyCacheMs,
  });
  const credentials = new CredentialWatch({
    prisma,
    intervalMs: options.revocationCheckMs,
    onError: (error) => logError('Checking API keys for revocation failed', error),
  });
  const limiting = createRequestLimiting(resolveRequestLimits(options.requestLimits), limits);
  const fastHttp = createFastHttpPath();
  const yoga = createYoga<AuthenticatedServerContext, Context>({
    schema,
    graphqlEndpoint: GRAPHQL_PATH,
    context: ({ principal }): Context => {
      // Unreachable without a principal: useAuthentication refuses the request first.
      if (!principal) throw new Error('The request reached execution unauthenticated.');
      return { prisma, limits, live, principal, credentials };
    },
    graphiql:
      options.graphiql === false
        ? false
        : {
            title: 'Tradegraph',
            defaultQuery: EXAMPLE_QUERY,
            // Every request needs a key: show where it goes. The browser keeps what is pasted.
            headers: JSON.stringify({ Authorization: 'Bearer <paste your API key here>' }),
            shouldPersistHeaders: true,
            defaultEditorToolsVisibility: 'headers',
          },
    // GraphiQL's assets are served by the gateway itself, not fetched from a CDN, so it also
    // works on machines and networks without internet access.
    renderGraphiQL,
    landingPage: false,
    // The body limit is useRequestSizeLimit's (limits/request-size-plugin.ts): yoga's would pipe
    // every body through a stream transform of its own, at a cost on every request.
    maxRequestBodySize: false,
    parserAndValidationCache: {
      documentCache: new DocumentCache<DocumentNode>(),
      errorCache: new DocumentCache<unknown>(),
    },
    cors: corsOptions(options.corsOrigins ?? []),
    // isDev would add `originalError` (parser messages, stacks) to responses: never.
    maskedErrors: { maskError, isDev: false },
    // Yoga logs the original of each masked (unexpected) error here, once.
    logging: {
      debug: () => {},
      info: () => {},
      warn: (...args: unknown[]) => console.warn(...args),
      error: (...args: unknown[]) =>
        logError('Unexpected error while serving GraphQL', args[0], requestIdOf(args[0])),
    },
    plugins: [
      fastHttp.plugin,
      useRequestId(),
      // Before authentication: a forged browser request is refused as such, key or not.
      useCsrfPrevention(),
      useAuthentication(authenticator),
      options.introspection === false && useDisableIntrospection(),
      persisted.mode !== 'off' && usePersistedOperations(persisted),
      // Replaces how subscriptions execute, so it must come before the plugins that wrap the
      // subscribe function (the open-subscription limit), or it would drop their wrapper.
      // Over graphql-ws it writes error-free results as frames itself (realtime/frame-sink.ts):
      // a plugin changing error-free subscription results would not apply there.
      useSharedSubscriptions({
        onExecute: options.onSubscriptionExecution,
        compiled: options.compiledExecution,
      }),
      ...limiting.plugins,
      useRejectNulCharacters(),
      // Replaces graphql-js's execute for queries and mutations: no other plugin sets an execute
      // function (one set after would replace it). Those that answer without executing (query
      // cost, NUL characters) still do, wherever it sits.
      options.compiledExecution !== false && useCompiledExecution(),
      useForbiddenStatus(),
      useReadiness(
        '/ready',
        async () => {
          await prisma.$queryRaw`SELECT 1`;
        },
        (error) => logError('Readiness check failed', error),
      ),
    ],
  });

  let server: Server | undefined;
  let inFlight: InFlightRequests | undefined;
  let closeWebSockets: (() => Promise<void>) | undefined;
  return {
    yoga,
    authenticator,
    start(port, host = '127.0.0.1') {
      const listening = createServer(options.fastHttp === false ? yoga : fastHttp.listener(yoga));
      server = listening;
      inFlight = trackInFlightRequests(listening);
      return new Promise((resolve, reject) => {
        listening.once('error', (error: NodeJS.ErrnoException) => {
          server = undefined;
          reject(
            error.code === 'EADDRINUSE'
              ? new Error(
                  `Port ${port} on ${host} is already in use: stop the process using it, or set PORT to a free port.`,
                )
              : error,
          );
        });
        listening.listen(port, host, () => {
          // Attached once listening: before, the WebSocket server would also report a failed
          // listen, as an "internal error" of its own.
          closeWebSockets = attachGraphQLWebSocket(listening, yoga, {
            authenticator,
            credentials,
            persistedOperations: persisted,
            rateLimiter: limiting.rateLimiter,
            maxMessageBytes: limiting.limits.maxWebSocketMessageBytes,
            connectionInitTimeoutMs: limiting.limits.connectionInitTimeoutMs,
          });
          const address = listening.address() as AddressInfo;
          const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
          resolve(`http://${shownHost}:${address.port}${GRAPHQL_PATH}`);
        });
      });
    },
    async stop() {
      credentials.stop();
      const current = server;
      server = undefined;
      if (!current) return;
      // Stop accepting first, so no WebSocket upgrade arrives after its server is gone (it
      // would be answered as a plain HTTP request).
      const closed = new Promise<void>((resolve, reject) => {
        current.close((error) => (error ? reject(error) : resolve()));
      });
      await closeWebSockets?.();
      const running = inFlight;
      if (running && !(await running.drain(options.shutdownGraceMs ?? 5_000))) {
        console.warn(`Stopping: ${running.count} request(s) still running were cut off.`);
      }
      current.closeAllConnections();
      await closed;
    },
  };
}

const EXAMPLE_QUERY = `# Welcome to Tradegraph. Press the play button to run this query.
query LatestSignals {
  signals(first: 5) {
    totalCount
    edges {
      cursor
      node {
        id
        symbol
        direction
        status
        score
        confidence
        generatedAt
        strategy { name version }
        orders(first: 3) {
          edges { node { clientOrderId side status quantity filledQuantity averageFillPrice } }
        }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}
`;
