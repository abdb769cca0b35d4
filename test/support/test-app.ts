import { createApp } from '../../src/app.ts';
import { createPrismaClient, type Database } from '../../src/db/prisma.ts';
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
  /** Errors the app would have logged as unexpected. */
  unexpectedErrors: unknown[];
  /** Runs a GraphQL request in-process through yoga's full pipeline, as an HTTP POST. */
  graphql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResponse<T>>;
  /** Sends a raw HTTP request to the GraphQL endpoint. */
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
}

export const TEST_LIMITS = { maxPageSize: 100, defaultPageSize: 20 };

/** A gateway on a fresh, migrated database of its own, with SQL statements recorded. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const statements: string[] = [];
  const unexpectedErrors: unknown[] = [];
  const prisma = createPrismaClient(database.url, { onQuery: (sql) => statements.push(sql) });
  const live = options.live
    ? await startLive(database.url, prisma, {
        pollIntervalMs: 200,
        limits: { maxPendingEvents: options.maxPendingEvents ?? 10_000 },
        onError: (error) => unexpectedErrors.push(error),
      })
    : undefined;
  const app = createApp({
    prisma,
    live,
    limits: TEST_LIMITS,
    logError: (_message, error) => {
      unexpectedErrors.push(error);
      if (process.env.TEST_LOG_ERRORS) console.error(error);
    },
  });
  const fetchEndpoint: TestApp['fetch'] = ({
    method = 'POST',
    body,
    headers = {},
    path = '/graphql',
  }) =>
    Promise.resolve(
      app.yoga.fetch(`http://tradegraph.test${path}`, {
        method,
        body,
        headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      }),
    );
  return {
    database,
    prisma,
    statements,
    unexpectedErrors,
    resetStatements: () => {
      statements.length = 0;
    },
    fetch: fetchEndpoint,
    async graphql(query, variables) {
      const response = await fetchEndpoint({ body: JSON.stringify({ query, variables }) });
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
