import { createSchema, createYoga } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { NOT_READY_MESSAGE, useReadiness } from '../../src/surface/readiness.ts';

const schema = createSchema({ typeDefs: 'type Query { ok: Boolean }', resolvers: {} });

function yogaWith(check: () => Promise<void>, logged: unknown[]) {
  return createYoga({
    schema,
    plugins: [useReadiness('/ready', check, (error) => logged.push(error))],
  });
}

describe('readiness', () => {
  it('answers 200 while the check passes', async () => {
    const logged: unknown[] = [];
    const response = await yogaWith(async () => {}, logged).fetch('http://gateway/ready');
    expect(response.status).toBe(200);
    expect(logged).toEqual([]);
  });

  it("answers 503 with a fixed message and logs the check's error, which names the host", async () => {
    const logged: unknown[] = [];
    const cause = new Error('connect ECONNREFUSED 10.0.0.5:5432');
    const response = await yogaWith(async () => {
      throw cause;
    }, logged).fetch('http://gateway/ready');
    expect(response.status).toBe(503);
    const body = await response.text();
    expect(body).toBe(NOT_READY_MESSAGE);
    expect(body).not.toContain('10.0.0.5');
    expect(logged).toEqual([cause]);
  });

  it('leaves other paths alone', async () => {
    const logged: unknown[] = [];
    const response = await yogaWith(async () => {
      throw new Error('down');
    }, logged).fetch('http://gateway/graphql?query={ok}');
    expect(response.status).toBe(200);
    expect(logged).toEqual([]);
  });
});
