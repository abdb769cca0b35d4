import { afterAll, beforeAll, expect } from 'vitest';
import { createTestApp, type GraphQLResponse, type TestApp } from '../support/test-app.ts';

/** The global ID clients get in `id` fields, for a row written by a fixture. */
export const gid = (typename: string, id: bigint) =>
  Buffer.from(`${typename}:${id}`).toString('base64');

/** Selection of the typed refusal every mutation can return. */
export const WRITER_ERROR = '... on WriterError { __typename code field message }';

/** A WriterError result as the client sees it. */
export interface WriterErrorResult {
  __typename: 'WriterError';
  code: string;
  field: string | null;
  message: string;
}

/** Gives a test file its own app on a fresh database; the getter is valid once beforeAll ran. */
export function useApp(): () => TestApp {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });
  return () => app;
}

/** Runs a mutation and returns its one top-level result, failing on any GraphQL error. */
export async function mutate<T = Record<string, unknown>>(
  app: TestApp,
  query: string,
  variables?: Record<string, unknown>,
): Promise<T> {
  const response: GraphQLResponse = await app.graphql(query, variables);
  expect(response.errors).toBeUndefined();
  expect(app.unexpectedErrors).toEqual([]);
  const [result] = Object.values(response.data ?? {});
  return result as T;
}
