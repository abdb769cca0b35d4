import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTradegraphClient } from '../../src/client/client.ts';
import { TradegraphGraphQLError } from '../../src/client/errors.ts';
import { FillCreatedDocument, StrategyByNameDocument } from '../../src/client/generated/graphql.ts';
import { readHeadCursor } from '../../src/realtime/event-log.ts';
import {
  CLIENT_MANIFEST,
  loadPersistedDocuments,
  type PersistedOperationsMode,
} from '../../src/surface/persisted-operations.ts';
import { gid, insertFills, insertStrategyAndOrder, pg, waitFor } from '../client/support.ts';
import { type Outcome, overHttp, overSse, overWebSocket } from '../security/transports.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// A manifest of one's own, as a team with other clients would register it.
const OWN_QUERY = 'query CountStrategies { strategies(first: 1) { totalCount } }';
const OWN_HASH = createHash('sha256').update(OWN_QUERY).digest('hex');
const CLIENT_HASH = (StrategyByNameDocument as unknown as { __meta__: { hash: string } }).__meta__
  .hash;
const UNKNOWN_HASH = 'f'.repeat(64);

let database: TestDatabase;
let folder: string;
let sql: pg.Client;
const apps = {} as Record<PersistedOperationsMode, { app: TestApp; url: string }>;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'tradegraph-persisted-'));
  const manifest = join(folder, 'own.json');
  await writeFile(manifest, JSON.stringify({ [OWN_HASH]: OWN_QUERY }));
  database = await createTestDatabase();
  sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
  const documents = loadPersistedDocuments([manifest]);
  for (const mode of ['off', 'allow', 'only'] as const) {
    const app = await createTestApp({
      database,
      live: mode === 'only',
      surface: { persistedOperations: { mode, documents } },
    });
    apps[mode] = { app, url: await app.listen() };
  }
});

afterAll(async () => {
  for (const { app } of Object.values(apps)) await app.close();
  await sql?.end();
  await database?.drop();
  if (folder) await rm(folder, { recursive: true, force: true });
});

const FREE_FORM = { query: '{ strategies(first: 1) { totalCount } }' };
const byHash = (hash: string, variables?: Record<string, unknown>) => ({
  variables,
  extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
});

const transports: Array<
  [string, (mode: PersistedOperationsMode, body: object) => Promise<Outcome>]
> = [
  ['http', (mode, body) => overHttp(apps[mode].url, apps[mode].app.adminKey, raw(body))],
  ['sse', (mode, body) => overSse(apps[mode].url, apps[mode].app.adminKey, raw(body))],
  // graphql-ws requires a query string: a client naming a hash sends an empty one.
  [
    'ws',
    (mode, body) => overWebSocket(apps[mode].url, apps[mode].app.adminKey, { query: '', ...body }),
  ],
];
const raw = (body: object) => ({ body: JSON.stringify(body) });

describe('PERSISTED_OPERATIONS=only', () => {
  it.each(transports)(
    '%s: refuses a free-form query with PERSISTED_OPERATION_REQUIRED',
    async (_t, send) => {
      const outcome = await send('only', FREE_FORM);
      expect(outcome.errors[0]?.extensions?.code).toBe('PERSISTED_OPERATION_REQUIRED');
      expect(outcome.errors[0]?.message).toMatch(/only runs registered operations.*sha256Hash/);
      expect(outcome.data ?? null).toBeNull();
    },
  );

  it.each(transports)(
    '%s: runs the typed client’s operations and other manifests’ by hash',
    async (_t, send) => {
      const client = await send('only', byHash(CLIENT_HASH, { name: 'no-such-strategy' }));
      expect(client.errors).toEqual([]);
      expect(client.data).toEqual({ strategy: null });
      const own = await send('only', byHash(OWN_HASH));
      expect(own.errors).toEqual([]);
      expect(own.data).toEqual({ strategies: { totalCount: 0 } });
    },
  );

  it.each(transports)(
    '%s: refuses an unknown hash with PERSISTED_OPERATION_NOT_FOUND',
    async (_t, send) => {
      const outcome = await send('only', byHash(UNKNOWN_HASH));
      expect(outcome.errors[0]?.extensions?.code).toBe('PERSISTED_OPERATION_NOT_FOUND');
      expect(outcome.errors[0]?.message).toContain(UNKNOWN_HASH);
    },
  );

  it('accepts `documentId` (with or without the sha256: prefix) as well', async () => {
    for (const documentId of [OWN_HASH, `sha256:${OWN_HASH}`]) {
      const outcome = await overHttp(apps.only.url, apps.only.app.adminKey, raw({ documentId }));
      expect(outcome.errors).toEqual([]);
      expect(outcome.data).toEqual({ strategies: { totalCount: 0 } });
    }
  });

  it('runs the registered text, not the text a request sends along with the hash', async () => {
    const outcome = await overHttp(
      apps.only.url,
      apps.only.app.adminKey,
      raw({ query: '{ signals(first: 1) { totalCount } }', ...byHash(OWN_HASH) }),
    );
    expect(outcome.data).toEqual({ strategies: { totalCount: 0 } });
  });
});

describe('PERSISTED_OPERATIONS=allow', () => {
  it.each(transports)('%s: runs free-form queries and registered ones', async (_t, send) => {
    expect((await send('allow', FREE_FORM)).data).toEqual({ strategies: { totalCount: 0 } });
    expect((await send('allow', byHash(OWN_HASH))).data).toEqual({
      strategies: { totalCount: 0 },
    });
    const unknown = await send('allow', byHash(UNKNOWN_HASH));
    expect(unknown.errors[0]?.extensions?.code).toBe('PERSISTED_OPERATION_NOT_FOUND');
  });
});

describe('PERSISTED_OPERATIONS=off (the default)', () => {
  it('runs free-form queries and does not look hashes up', async () => {
    const free = await overHttp(apps.off.url, apps.off.app.adminKey, raw(FREE_FORM));
    expect(free.data).toEqual({ strategies: { totalCount: 0 } });
    const hashed = await overHttp(apps.off.url, apps.off.app.adminKey, raw(byHash(OWN_HASH)));
    expect(hashed.errors[0]?.message).toMatch(/Must provide query string/);
  });
});

describe('the typed client with persisted: true', () => {
  it('queries and subscribes against a gateway that runs only registered operations', async () => {
    const { url, app } = apps.only;
    const client = createTradegraphClient({
      url,
      apiKey: app.adminKey,
      webSocketImpl: WebSocket,
      persisted: true,
    });
    const plain = createTradegraphClient({ url, apiKey: app.adminKey });
    try {
      const ids = await insertStrategyAndOrder(sql, 'persisted-client');
      const { strategy } = await client.request(StrategyByNameDocument, {
        name: 'persisted-client',
      });
      expect(strategy?.databaseId).toBe(ids.strategy);

      const received: string[] = [];
      client.subscribe(
        FillCreatedDocument,
        {
          filter: { strategyIds: [gid('Strategy', ids.strategy)] },
          after: await readHeadCursor(sql),
        },
        {
          next: (data) => {
            received.push(data.fillCreated.fill.exchangeFillId ?? '?');
          },
          error: (error) => received.push(`error: ${String(error)}`),
        },
      );
      await insertFills(sql, ids, 'persisted', 1, 2);
      await waitFor(() => received.length >= 2, 10_000, 'two fills');
      expect(received).toEqual(['persisted-1', 'persisted-2']);

      const refused = await plain
        .request(StrategyByNameDocument, { name: 'persisted-client' })
        .catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(TradegraphGraphQLError);
      expect((refused as TradegraphGraphQLError).codes).toEqual(['PERSISTED_OPERATION_REQUIRED']);
    } finally {
      await client.close();
      await plain.close();
    }
  });
});

describe('manifests', () => {
  it('always include every operation of the typed client', () => {
    const documents = loadPersistedDocuments([]);
    expect(documents.get(CLIENT_HASH.replace(/^sha256:/, ''))).toMatch(/query StrategyByName/);
    expect(documents.size).toBeGreaterThanOrEqual(5);
  });

  it('that are missing or malformed stop the start with the file named', async () => {
    expect(() => loadPersistedDocuments([join(folder, 'missing.json')])).toThrow(/missing\.json/);
    const list = join(folder, 'list.json');
    await writeFile(list, '["not", "an", "object"]');
    expect(() => loadPersistedDocuments([list])).toThrow(/list\.json: expected an object/);
    expect(CLIENT_MANIFEST).toMatch(/persisted-documents\.json$/);
  });
});
