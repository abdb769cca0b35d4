import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configVariables, loadConfig } from '../src/config.ts';
import { DEFAULT_REQUEST_LIMITS } from '../src/limits/request-limits.ts';

describe('configuration', () => {
  it('starts with safe defaults and no variables at all', () => {
    expect(loadConfig({})).toMatchObject({
      databaseUrl: undefined,
      port: 4000,
      host: '127.0.0.1',
      migrateOnStart: true,
      demoData: 'auto',
      maxPageSize: 100,
      defaultPageSize: 20,
      dbPreparedStatements: true,
      httpFastPath: true,
      graphiql: true,
      production: false,
    });
  });

  it('names every invalid variable and what it expects, at once', () => {
    expect(() =>
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        MAX_PAGE_SIZE: '0',
        DEMO_DATA: 'maybe',
      }),
    ).toThrowError(/DATABASE_URL:[\s\S]*PORT:[\s\S]*DEMO_DATA:[\s\S]*MAX_PAGE_SIZE:/);
  });

  it('refuses a default page size above the maximum', () => {
    expect(() => loadConfig({ MAX_PAGE_SIZE: '50', DEFAULT_PAGE_SIZE: '80' })).toThrowError(
      /DEFAULT_PAGE_SIZE \(80\) must not exceed MAX_PAGE_SIZE \(50\)/,
    );
  });

  it('requires DATABASE_URL and hides GraphiQL in production unless asked', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrowError(/DATABASE_URL: required/);
    const production = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://db/trading',
    });
    expect(production.graphiql).toBe(false);
    expect(
      loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x', GRAPHIQL: 'true' })
        .graphiql,
    ).toBe(true);
  });

  it('reads every request limit, defaulting to the safe defaults', () => {
    expect(loadConfig({}).requestLimits).toEqual(DEFAULT_REQUEST_LIMITS);
    expect(loadConfig({}).statementTimeoutMs).toBe(10_000);
    const tuned = loadConfig({
      MAX_QUERY_DEPTH: '20',
      MAX_QUERY_COST: '200000',
      RATE_LIMIT_PER_MINUTE: '6000',
      RATE_LIMIT_BURST: '1000',
      MAX_SUBSCRIPTIONS_PER_CONNECTION: '500',
      MAX_SUBSCRIPTIONS_PER_KEY: '2000',
      STATEMENT_TIMEOUT_MS: '0',
    });
    expect(tuned.requestLimits).toMatchObject({
      maxQueryDepth: 20,
      maxQueryCost: 200_000,
      rateLimitPerMinute: 6_000,
      rateLimitBurst: 1_000,
      maxSubscriptionsPerConnection: 500,
      maxSubscriptionsPerKey: 2_000,
      maxTokens: DEFAULT_REQUEST_LIMITS.maxTokens,
    });
    expect(tuned.statementTimeoutMs).toBe(0);
    expect(() => loadConfig({ RATE_LIMIT_BURST: '0' })).toThrowError(/RATE_LIMIT_BURST:/);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: ' ' }).databaseUrl).toBeUndefined();
  });

  it('turns the fast HTTP path and prepared statements off when asked', () => {
    const config = loadConfig({ HTTP_FAST_PATH: 'false', DB_PREPARED_STATEMENTS: 'false' });
    expect(config).toMatchObject({ httpFastPath: false, dbPreparedStatements: false });
  });

  it('documents every variable in the README', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const variable of configVariables) {
      expect(variable.description.length).toBeGreaterThan(10);
      expect(readme).toContain(`| \`${variable.name}\` |`);
    }
  });
});
