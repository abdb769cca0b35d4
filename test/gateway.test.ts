import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/auth/api-keys.ts';
import { loadConfig } from '../src/config.ts';
import { startGateway } from '../src/gateway.ts';
import { createTestDatabase } from './support/database.ts';

async function post(url: string, query: string, apiKey: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({ query }),
  });
  return {
    status: response.status,
    body: (await response.json()) as { data?: Record<string, { totalCount: number }> },
  };
}

const folders: string[] = [];
afterAll(async () => {
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

describe('the gateway as `npm start` runs it', () => {
  it('starts on an embedded PostgreSQL, serves GraphQL, stops, and keeps its data on restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'tradegraph-gateway-'));
    folders.push(dataDir);
    // As root the server runs as the postgres user, which must be able to enter the folder.
    await chmod(dataDir, 0o755);
    const config = loadConfig({ TRADEGRAPH_DATA_DIR: dataDir, PORT: '0', DEMO_DATA: 'false' });
    // A start that cannot listen says why, and does not use up the local admin key's printing.
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const busyPort = String((busy.address() as AddressInfo).port);
    await expect(startGateway({ ...config, port: Number(busyPort) })).rejects.toThrow(
      `Port ${busyPort} on 127.0.0.1 is already in use: stop the process using it, or set PORT to a free port.`,
    );
    busy.close();
    const first = await startGateway(config);
    let localAdminKey: string;
    try {
      expect(first.embedded).toBe(true);
      // The first start creates the local admin key and hands its secret over once.
      expect(first.localAdminKey).toMatch(/^tg_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{43}$/);
      localAdminKey = first.localAdminKey as string;
      expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
      await first.prisma.strategy.create({ data: { name: 'kept-across-restarts' } });
      const ready = await fetch(first.url.replace('/graphql', '/ready'));
      expect(ready.status).toBe(200);
    } finally {
      await first.stop();
    }
    await expect(fetch(first.url)).rejects.toThrow();

    const second = await startGateway(config);
    try {
      expect(second.localAdminKey).toBeUndefined();
      const { body } = await post(second.url, '{ strategies { totalCount } }', localAdminKey);
      expect(body.data?.strategies?.totalCount).toBe(1);
    } finally {
      await second.stop();
    }
  });

  it('serves DATABASE_URL, loads demo data only when asked and only into an empty database', async () => {
    const database = await createTestDatabase();
    const config = loadConfig({ DATABASE_URL: database.url, PORT: '0', DEMO_DATA: 'true' });
    try {
      const gateway = await startGateway(config, { demoScale: 0.02 });
      let signals: number;
      let key: string;
      try {
        expect(gateway.embedded).toBe(false);
        // Only the embedded default creates a key by itself; here an operator creates one.
        expect(gateway.localAdminKey).toBeUndefined();
        expect(gateway.noActiveKeys).toBe(true);
        key = (await createApiKey(gateway.prisma, { name: 'ops', scopes: ['READ'] })).secret;
        const { body } = await post(
          gateway.url,
          '{ strategies { totalCount } signals { totalCount } }',
          key,
        );
        expect(body.data?.strategies?.totalCount).toBeGreaterThanOrEqual(5);
        signals = body.data?.signals?.totalCount ?? 0;
        expect(signals).toBeGreaterThan(0);
      } finally {
        await gateway.stop();
      }
      const again = await startGateway(config, { demoScale: 0.02 });
      try {
        expect(again.noActiveKeys).toBe(false);
        const { body } = await post(again.url, '{ signals { totalCount } }', key);
        expect(body.data?.signals?.totalCount).toBe(signals);
      } finally {
        await again.stop();
      }
    } finally {
      await database.drop();
    }
  });
});
