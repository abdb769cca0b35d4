import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';

const PRODUCTION = { NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x' };

describe('surface configuration', () => {
  it('defaults: no CORS, introspection as GraphiQL, persisted operations off', () => {
    expect(loadConfig({}).surface).toEqual({
      corsOrigins: [],
      introspection: true,
      persistedOperations: 'off',
      persistedOperationsManifests: [],
    });
    expect(loadConfig(PRODUCTION).surface.introspection).toBe(false);
    expect(loadConfig({ ...PRODUCTION, GRAPHIQL: 'true' }).surface.introspection).toBe(true);
    expect(loadConfig({ INTROSPECTION: 'false' }).surface.introspection).toBe(false);
  });

  it('reads comma-separated origins and manifests', () => {
    const config = loadConfig({
      CORS_ORIGINS: 'https://desk.example.com, http://localhost:5173',
      PERSISTED_OPERATIONS: 'only',
      PERSISTED_OPERATIONS_MANIFESTS: 'a.json,b.json',
    });
    expect(config.surface).toMatchObject({
      corsOrigins: ['https://desk.example.com', 'http://localhost:5173'],
      persistedOperations: 'only',
      persistedOperationsManifests: ['a.json', 'b.json'],
    });
    expect(loadConfig({ CORS_ORIGINS: '*' }).surface.corsOrigins).toEqual(['*']);
  });

  it('names the variable of a bad value', () => {
    expect(() => loadConfig({ CORS_ORIGINS: 'https://a.example/path' })).toThrow(/CORS_ORIGINS/);
    expect(() => loadConfig({ CORS_ORIGINS: 'desk.example.com' })).toThrow(/CORS_ORIGINS/);
    expect(() => loadConfig({ PERSISTED_OPERATIONS: 'strict' })).toThrow(/PERSISTED_OPERATIONS/);
  });
});
