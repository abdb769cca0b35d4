import { type AppOptions, createApp } from '../../src/app.ts';
import { createApiKey } from '../../src/auth/api-keys.ts';
import { API_SCOPES } from '../../src/auth/api-scopes.ts';
import type { JwtVerifier } from '../../src/auth/jwt.ts';
import { createPrismaClient, type Database } from '../../src/db/prisma.ts';
import type { ApiScope } from '../../src/generated/prisma/enums.ts';
import type { RequestLimits } from '../../src/limits/request-limits.ts';
import { type Live, startLive } from '../../src/realtime/live.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; path?: string[]; extensions?: { code?: string } }>;
}

export interface TestApp {
  database: TestDatabase;
  prisma: Database;
  /** SQL statements Prisma sent since the last `resetStatements()`. */
  statements: string[];
  resetStatements(): void;
  /** The sharing key of each subscription event execution since the last reset. */
  subscriptionExecutions: string[];
  /** Errors the app would have logged as unexpected. */
  unexpectedErrors: unknown[];
  /** The same log entries in full: message, error and the id of the request they happened in. */
  errorLog: Array<{ message: string; error: unknown; requestId?: string }>;
  /**
   * Secret of an API key with every scope and no strategy limit, created with the app. Requests
   * of `graphql()` and `fetch()` send it unless told otherwise.
   */
  adminKey: string;
  /**
   * Creates an API key with these scopes (any case) and, if given, a strategy limit, warmed in
   * the key cache like the admin key; resolves to its secret.
   */
  createKey(options: {
    scopes: ApiScope[];
    strategyIds?: bigint[];
    name?: string;
  }): Promise<string>;
  /**
   * Runs a GraphQL request in-process through yoga's full pipeline, as an HTTP POST, with
   * `apiKey` (default: the admin key; null: no Authorization header).
   */
  graphql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: { apiKey?: string | null },
  ): Promise<GraphQLResponse<T>>;
  /**
   * Sends a raw HTTP request to the GraphQL endpoint, with the admin key unless `headers` has an
   * `authorization` entry (an empty one sends none).
   */
  fetch(init: {
    method?: string;
    body?: string;
    headers?: Record<string, string>;
    path?: string;
  }): Promise<Response>;
  /**
   * Listens (graphql-ws and SSE need a real server) on `port`, default 0 = a free port; resolves
   * to the URL. A restart test passes the port of the instance it replaces.
   */
  listen(port?: number): Promise<string>;
  live: Live | undefined;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Start the live event feed, for subscriptions (default false). */
  live?: boolean;
  /** Most events a subscriber may fall behind (default 10,000). */
  maxPendingEvents?: number;
  /** Serve an existing database instead of a fresh one (the caller owns it). */
  database?: TestDatabase;
  /** Passed to createApp (revocation tests shorten them). */
  apiKeyCacheMs?: number;
  revocationCheckMs?: number;
  /** Accept JWTs too. */
  jwt?: JwtVerifier;
  /** CORS, introspection and persisted operations (default: createApp's). */
  surface?: Pick<AppOptions, 'corsOrigins' | 'introspection' | 'persistedOperations'>;
  /** Request limits; the defaults, except a rate limit high enough for any test (see below). */
  requestLimits?: Partial<RequestLimits>;
  /** SQL statement timeout of the app's pool, in ms (default: none). */
  statementTimeoutMs?: number;
  /** How long closing lets requests in flight finish (default: createApp's). */
  shutdownGraceMs?: number;
  /** Run queries, mutations and subscription events compiled (default: createApp's, on). */
  compiledExecution?: boolean;
  /** Serve plain JSON POSTs through the fast HTTP path (default: createApp's, on). */
  fastHttp?: boolean;
}

/**
 * Tests send hundreds of requests a second with one key; only the rate-limit tests (which set
 * their own) should ever meet the limit.
 */
const TEST_RATE_LIMIT = { rateLimitPerMinute: 1_000_000, rateLimitBurst: 1_000_000 };

export const TEST_LIMITS = { maxPageSize: 100, defaultPageSize: 20 };

/** A gateway on a fresh, migrated database of its own, with SQL statements recorded. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const statements: string[] = [];
  const unexpectedErrors: unknown[] = [];
  const subscriptionExecutions: string[] = [];
  const errorLog: TestApp['errorLog'] = [];
  const prisma = createPrismaClient(database.url, {
    onQuery: (sql) => statements.push(sql),
    statementTimeoutMs: options.statementTimeoutMs,
  });
  const live = options.live
    ? await startLive(database.url, prisma, {
        pollIntervalMs: 200,
        limits: { maxPendingEvents: options.maxPendingEvents ?? 10_000 },
        onError: (error) => unexpectedErrors.push(error),
      })
    : undefined;
  const { secret: adminKey } = await createApiKey(prisma, {
    name: `test-admin-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`,
    scopes: API_SCOPES,
    createdBy: 'test',
  });
  const app = createApp({
    prisma,
    live,
    limits: TEST_LIMITS,
    // Long by default, and warmed below, so that statement counts show only the operation's.
    apiKeyCacheMs: options.apiKeyCacheMs ?? 600_000,
    revocationCheckMs: options.revocationCheckMs ?? 100,
    jwt: options.jwt,
    ...options.surface,
    requestLimits: { ...TEST_RATE_LIMIT, ...options.requestLimits },
    onSubscriptionExecution: (key) => subscriptionExecutions.push(key),
    shutdownGraceMs: options.shutdownGraceMs,
    compiledExecution: options.compiledExecution,
    fastHttp: options.fastHttp,
    logError: (message, error, requestId) => {
      unexpectedErrors.push(error);
      errorLog.push({ message, error, requestId });
      if (process.env.TEST_LOG_ERRORS) console.error(error);
    },
  });
  await app.authenticator.fromHeader(`Bearer ${adminKey}`);
  const fetchEndpoint: TestApp['fetch'] = ({
    method = 'POST',
    body,
    headers = {},
    path = '/graphql',
  }) => {
    const all: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json',
      authorization: `Bearer ${adminKey}`,
      ...headers,
    };
    if (all.authorization === '') delete all.authorization;
    return Promise.resolve(
      app.yoga.fetch(`http://tradegraph.test${path}`, { method, body, headers: all }),
    );
  };
  return {
    database,
    prisma,
    statements,
    subscriptionExecutions,
    unexpectedErrors,
    errorLog,
    resetStatements: () => {
      statements.length = 0;
    },
    fetch: fetchEndpoint,
    adminKey,
    async createKey({ scopes, strategyIds, name }) {
      const { secret } = await createApiKey(prisma, {
        name: name ?? `test-key-${Math.random().toString(36).slice(2)}`,
        scopes,
        strategyIds,
        createdBy: 'test',
      });
      await app.authenticator.fromHeader(`Bearer ${secret}`);
      return secret;
    },
    async graphql(query, variables, requestOptions = {}) {
      const apiKey = requestOptions.apiKey === undefined ? adminKey : requestOptions.apiKey;
      const response = await fetchEndpoint({
        body: JSON.stringify({ query, variables }),
        headers: { authorization: apiKey === null ? '' : `Bearer ${apiKey}` },
      });
      const body = (await response.json()) as GraphQLResponse;
      return { ...body, status: response.status } as never;
    },
    live,
    listen: (port = 0) => app.start(port),
    async close() {
      await app.stop();
      await live?.stop();
      await prisma.$disconnect();
      if (!options.database) await database.drop();
    },
  };
}
