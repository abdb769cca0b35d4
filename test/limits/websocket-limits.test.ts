import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let app: TestApp;
let url: string;

beforeAll(async () => {
  app = await createTestApp({
    live: true,
    requestLimits: { maxWebSocketMessageBytes: 1_000, connectionInitTimeoutMs: 300 },
  });
  url = (await app.listen()).replace(/^http/, 'ws');
});

afterAll(async () => {
  await app?.close();
});

function open(): Promise<WebSocket> {
  const socket = new WebSocket(url, 'graphql-transport-ws');
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

const closed = (socket: WebSocket) =>
  new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );

const init = (socket: WebSocket) =>
  new Promise<void>((resolve) => {
    socket.once('message', () => resolve());
    socket.send(
      JSON.stringify({
        type: 'connection_init',
        payload: { authorization: `Bearer ${app.adminKey}` },
      }),
    );
  });

describe('WebSocket limits', () => {
  it('closes the socket with 1009 when a message is larger than the limit', async () => {
    const socket = await open();
    await init(socket);
    const closing = closed(socket);
    const query = `{ __typename } #${'x'.repeat(1_000)}`;
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query } }));
    expect((await closing).code).toBe(1009);
  });

  it('accepts messages up to the limit', async () => {
    const socket = await open();
    await init(socket);
    const answer = new Promise<string>((resolve) =>
      socket.once('message', (data) => resolve(data.toString())),
    );
    const message = (padding: number) =>
      JSON.stringify({
        id: '1',
        type: 'subscribe',
        payload: { query: `{ __typename } #${'x'.repeat(padding)}` },
      });
    const base = message(0).length;
    socket.send(message(1_000 - base));
    expect(JSON.parse(await answer)).toMatchObject({
      type: 'next',
      payload: { data: { __typename: 'Query' } },
    });
    socket.close();
  });

  it('closes a socket that sends no connection_init in time with 4408', async () => {
    const socket = await open();
    const started = Date.now();
    expect(await closed(socket)).toEqual({
      code: 4408,
      reason: 'Connection initialisation timeout',
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });
});
