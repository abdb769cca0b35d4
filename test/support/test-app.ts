import { createApp } from '../../src/app.ts';
import { createPrismaClient, type Database } from '../../src/db/prisma.ts';
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
  close(): Promise<void>;
}

export const TEST_LIMITS = { maxPageSize: 100, defaultPageSize: 20 };

/** A gateway on a fresh, migrated database of its own, with SQL statements recorded. */
export async function createTestApp(): Promise<TestApp> {
  const database = await createTestDatabase();
  const statements: string[] = [];
  const unexpectedErrors: unknown[] = [];
  const prisma = createPrismaClient(database.url, { onQuery: (sql) => statements.push(sql) });
  const app = createApp({
    prisma,
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
    async close() {
      await prisma.$disconnect();
      await database.drop();
    },
  };
}
