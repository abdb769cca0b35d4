import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStrategy } from '../support/fixtures.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const gid = (typename: string, id: bigint) => Buffer.from(`${typename}:${id}`).toString('base64');

let app: TestApp;
let strategyId: bigint;
let limitedAdmin: string;
let writer: string;

beforeAll(async () => {
  app = await createTestApp();
  strategyId = (await createStrategy(app.prisma, { name: 'admin-limited' })).id;
  limitedAdmin = await app.createKey({ scopes: ['READ', 'ADMIN'], strategyIds: [strategyId] });
  writer = await app.createKey({ scopes: ['WRITE'], name: 'admin-test-writer' });
});

afterAll(async () => {
  await app?.close();
});

const CREATE = `mutation($input: CreateApiKeyInput!) {
  createApiKey(input: $input) {
    __typename
    ... on CreateApiKeySuccess { secret key { name prefix scopes strategyIds status createdBy } }
    ... on ApiKeyError { code message }
  }
}`;
const REVOKE = `mutation($key: String!) {
  revokeApiKey(input: { key: $key }) {
    __typename
    ... on RevokeApiKeySuccess { revoked key { status } }
    ... on ApiKeyError { code message }
  }
}`;
const UPSERT = `mutation($input: UpsertStrategyInput!) {
  upsertStrategy(input: $input) {
    __typename
    ... on UpsertStrategySuccess { created strategy { name version status maxLeverage } }
    ... on WriterError { code field message }
  }
}`;

describe('API keys over the API', () => {
  it('creates a key limited to a strategy, returning its secret once, and the key works', async () => {
    const response = await app.graphql(CREATE, {
      input: {
        name: 'bot-a',
        scopes: ['READ', 'TRADE'],
        strategyIds: [gid('Strategy', strategyId)],
      },
    });
    expect(response.errors).toBeUndefined();
    const result = (
      response.data as { createApiKey: { secret: string; key: Record<string, unknown> } }
    ).createApiKey;
    expect(result.secret).toMatch(/^tg_[A-Za-z0-9]{8}_/);
    expect(result.key).toMatchObject({
      name: 'bot-a',
      scopes: ['READ', 'TRADE'],
      strategyIds: [gid('Strategy', strategyId)],
      status: 'ACTIVE',
      createdBy: expect.stringMatching(/^api:test-admin-/),
    });
    const read = await app.graphql('{ strategies { totalCount } }', {}, { apiKey: result.secret });
    expect(read.data).toEqual({ strategies: { totalCount: 1 } });
  });

  it('lists keys without any secret or hash', async () => {
    const response = await app.graphql('{ apiKeys { name prefix scopes status } }');
    expect(response.errors).toBeUndefined();
    const names = (response.data as { apiKeys: Array<{ name: string }> }).apiKeys.map(
      (k) => k.name,
    );
    expect(names).toEqual(expect.arrayContaining(['bot-a', 'admin-test-writer']));
    expect(JSON.stringify(response.data)).not.toMatch(/tg_[A-Za-z0-9]{8}_[A-Za-z0-9]/);
  });

  it('refuses a name already taken as a typed ApiKeyError', async () => {
    const response = await app.graphql(CREATE, { input: { name: 'bot-a', scopes: ['READ'] } });
    expect(response.data).toMatchObject({
      createApiKey: { __typename: 'ApiKeyError', code: 'NAME_TAKEN' },
    });
  });

  it('revokes a key by prefix; the key stops working', async () => {
    const created = await app.graphql(CREATE, { input: { name: 'to-revoke', scopes: ['READ'] } });
    const { secret, key } = (
      created.data as { createApiKey: { secret: string; key: { prefix: string } } }
    ).createApiKey;
    const response = await app.graphql(REVOKE, { key: key.prefix });
    expect(response.data).toEqual({
      revokeApiKey: {
        __typename: 'RevokeApiKeySuccess',
        revoked: true,
        key: { status: 'REVOKED' },
      },
    });
    const again = await app.graphql(REVOKE, { key: key.prefix });
    expect(again.data).toMatchObject({ revokeApiKey: { revoked: false } });
    const refused = await app.graphql('{ strategies { totalCount } }', {}, { apiKey: secret });
    expect(refused.status).toBe(401);
  });

  it('refuses keys without admin with 403 naming the scope', async () => {
    const response = await app.graphql('{ apiKeys { name } }', {}, { apiKey: writer });
    expect(response.status).toBe(403);
    expect(response.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/^This API key lacks the 'admin' scope needed for apiKeys\./),
      extensions: { code: 'FORBIDDEN' },
    });
  });

  it('refuses an admin key limited to some strategies', async () => {
    const before = await app.prisma.apiKey.count();
    const response = await app.graphql(
      CREATE,
      { input: { name: 'escalated', scopes: ['ADMIN'] } },
      { apiKey: limitedAdmin },
    );
    expect(response.status).toBe(403);
    expect(response.errors?.[0]?.message).toBe(
      'This API key is limited to some strategies; createApiKey needs a key without a strategy limit.',
    );
    expect(await app.prisma.apiKey.count()).toBe(before);
  });
});

describe('strategy configuration', () => {
  it('creates a strategy, then changes only the fields given', async () => {
    const created = await app.graphql(UPSERT, {
      input: { name: 'configured', version: '2', status: 'TESTING', maxLeverage: '3.5' },
    });
    expect(created.data).toEqual({
      upsertStrategy: {
        __typename: 'UpsertStrategySuccess',
        created: true,
        strategy: { name: 'configured', version: '2', status: 'TESTING', maxLeverage: '3.5' },
      },
    });
    const updated = await app.graphql(UPSERT, {
      input: { name: 'configured', version: '2', status: 'ACTIVE' },
    });
    expect(updated.data).toMatchObject({
      upsertStrategy: { created: false, strategy: { status: 'ACTIVE', maxLeverage: '3.5' } },
    });
  });

  it('returns a WriterError for invalid configuration', async () => {
    const response = await app.graphql(UPSERT, { input: { name: 'configured', maxLeverage: '0' } });
    expect(response.data).toMatchObject({
      upsertStrategy: { __typename: 'WriterError', code: 'INVALID', field: 'maxLeverage' },
    });
  });

  it('is refused to writers and to limited admins', async () => {
    const asWriter = await app.graphql(UPSERT, { input: { name: 'x' } }, { apiKey: writer });
    expect(asWriter.errors?.[0]?.message).toMatch(
      /lacks the 'admin' scope needed for upsertStrategy/,
    );
    const asLimited = await app.graphql(UPSERT, { input: { name: 'x' } }, { apiKey: limitedAdmin });
    expect(asLimited.status).toBe(403);
    expect(await app.prisma.strategy.count({ where: { name: 'x' } })).toBe(0);
  });
});
