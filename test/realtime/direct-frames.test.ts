import type { ExecutionResult } from 'graphql';
import { MessageType, stringifyMessage } from 'graphql-ws';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { compareEventCursors } from '../../src/realtime/event-cursor.ts';
import { readHeadCursor } from '../../src/realtime/event-log.ts';
import { FrameSink } from '../../src/realtime/frame-sink.ts';
import { MappedIterator } from '../../src/realtime/mapped-iterator.ts';
import { TickBatchingWebSocket } from '../../src/realtime/tick-batching-web-socket.ts';
import { globalId, insertOrder, insertStrategy } from '../support/sql-rows.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { waitFor } from './support.ts';

// Results of graphql-ws subscriptions are written as frames by FrameSink, not by graphql-ws;
// results with errors still go through graphql-ws. Clients must not be able to tell.
let app: TestApp;
let url: string;
let sql: pg.Client;
let strategyId: bigint;
let orderId: bigint;
let fillNumber = 0;

beforeAll(async () => {
  app = await createTestApp({ live: true });
  url = await app.listen();
  sql = new pg.Client({ connectionString: app.database.url });
  await sql.connect();
  strategyId = await insertStrategy(sql, 'direct-frames');
  orderId = await insertOrder(sql, strategyId, 'direct-frames-order');
});

afterEach(() => {
  vi.restoreAllMocks();
});

afterAll(async () => {
  await sql?.end();
  await app?.close();
});

const FILLS = `subscription($filter: FillFilter, $after: String) {
  fillCreated(filter: $filter, after: $after) {
    cursor operation fill { exchangeFillId price executedAt metadata order { clientOrderId } }
  }
}`;

/**
 * Commits fills in one statement (one feed batch); those executed at `infinity` (PostgreSQL
 * takes it, DateTime cannot represent it) fail to execute: their results carry an error.
 */
async function insertFills(executedAt: string[], metadata: object = {}): Promise<string[]> {
  const ids = executedAt.map(() => `direct-${++fillNumber}`);
  await sql.query(
    `INSERT INTO fills (order_id, strategy_id, exchange, exchange_fill_id, symbol, side, price, quantity, metadata, executed_at)
     SELECT $1, $2, 'kraken', id, 'XRP/USD', 'BUY', '0.5', '2', $5::jsonb, at::timestamptz
     FROM unnest($3::text[], $4::text[]) WITH ORDINALITY AS t(id, at, n) ORDER BY n`,
    [orderId, strategyId, ids, executedAt, JSON.stringify(metadata)],
  );
  return ids;
}

interface RawSubscriber {
  socket: WebSocket;
  /** Every text frame received after connection_ack, as sent. */
  frames: string[];
}

/** A graphql-transport-ws client without graphql-ws's client: it keeps frames as bytes. */
async function subscribeRaw(id: string, variables: Record<string, unknown>, on = url) {
  const socket = new WebSocket(on.replace('http', 'ws'), 'graphql-transport-ws');
  const subscriber: RawSubscriber = { socket, frames: [] };
  let acknowledged = false;
  socket.on('message', (data) => {
    const text = String(data);
    if (JSON.parse(text).type === 'connection_ack') acknowledged = true;
    else subscriber.frames.push(text);
  });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  socket.send(
    JSON.stringify({
      type: 'connection_init',
      payload: { authorization: `Bearer ${app.adminKey}` },
    }),
  );
  await waitFor('connection_ack', () => acknowledged);
  socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query: FILLS, variables } }));
  return subscriber;
}

const filter = () => ({ strategyIds: [globalId('Strategy', strategyId)] });

describe('graphql-ws frames written directly', () => {
  it('are the bytes graphql-ws would send, with the payload SSE sends', async () => {
    const written = vi.spyOn(FrameSink.prototype, 'write');
    const variables = { filter: filter(), after: await readHeadCursor(sql) };
    // An id that JSON must escape: the frame's id is the client's, exactly.
    const id = 'dash "1"\\\u00e9';
    const raw = await subscribeRaw(id, variables);
    const abort = new AbortController();
    const sse = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        authorization: `Bearer ${app.adminKey}`,
      },
      body: JSON.stringify({ query: FILLS, variables }),
      signal: abort.signal,
    });
    const reader = (sse.body as ReadableStream<Uint8Array>).getReader();
    try {
      await insertFills(['now'], { note: 'ünïcode \u2028 "quoted"', nested: { list: [1, 2.5] } });
      let text = '';
      while (!/^data: [^\n]+$/m.test(text)) {
        const chunk = await reader.read();
        if (chunk.done) throw new Error(`SSE ended early: ${text}`);
        text += Buffer.from(chunk.value).toString();
      }
      const payload = (/^data: ([^\n]+)$/m.exec(text) as RegExpExecArray)[1];
      await waitFor('the frame', () => raw.frames.length > 0);

      expect(written.mock.results.map((result) => result.value !== 'declined')).toEqual([true]);
      // As graphql-ws's own loop serialises an error-free result (emit.next).
      const result = written.mock.calls[0]?.[0] as ExecutionResult;
      const expected = stringifyMessage({ id, type: MessageType.Next, payload: { ...result } });
      expect(raw.frames).toEqual([expected]);
      expect(expected).toBe(`{"id":${JSON.stringify(id)},"type":"next","payload":${payload}}`);
    } finally {
      abort.abort();
      raw.socket.close();
    }
  });

  it('keep commit order with events that go through graphql-ws (results with errors)', async () => {
    const written = vi.spyOn(FrameSink.prototype, 'write');
    const raw = await subscribeRaw('mixed', {
      filter: filter(),
      after: await readHeadCursor(sql),
    });
    try {
      const times = ['now', 'infinity', 'now', 'now', 'infinity', 'infinity', 'now'];
      const ids = await insertFills(times);
      await waitFor('every event', () => raw.frames.length >= times.length);
      const messages = raw.frames.map((frame) => JSON.parse(frame));
      const failed = messages.map((message) => message.payload.errors !== undefined);
      expect(failed).toEqual(times.map((time) => time === 'infinity'));
      const delivered = messages.map(
        (message) => message.payload.data?.fillCreated?.fill?.exchangeFillId ?? null,
      );
      expect(delivered).toEqual(ids.map((id, i) => (failed[i] ? null : id)));
      for (const message of messages) expect(message).toMatchObject({ id: 'mixed', type: 'next' });
      // Each event was offered to the sink; those with errors were declined.
      expect(written.mock.results.map((result) => result.value !== 'declined')).toEqual(
        failed.map((f) => !f),
      );
      // Events with errors still arrive as graphql-ws sends them: masked-error shape, no HTTP hints.
      const error = messages.find((message) => message.payload.errors)?.payload.errors[0];
      expect(error).toMatchObject({ message: expect.any(String), path: expect.any(Array) });
      expect(JSON.stringify(error)).not.toContain('"http"');
    } finally {
      raw.socket.close();
    }
  });

  it('follow one another without waiting for the previous write while the socket has room', async () => {
    const outcomes = vi.spyOn(FrameSink.prototype, 'write');
    // The live stream calls its subscription back when events are ready (no promise each).
    const pushed = vi.spyOn(MappedIterator.prototype, 'eventsReady');
    const sent = vi.spyOn(TickBatchingWebSocket.prototype, 'sendText');
    const raw = await subscribeRaw('burst', { filter: filter(), after: await readHeadCursor(sql) });
    try {
      const ids = await insertFills(['now', 'now', 'now', 'now', 'now']);
      await waitFor('every frame', () => raw.frames.length === ids.length);
      // Small frames on an idle socket: each is taken at once (no callback awaited), so a
      // subscription's ready frames are written together when the socket is uncorked.
      expect(outcomes.mock.results.map((result) => result.value)).toEqual(ids.map(() => 'ready'));
      expect(sent.mock.results.map((result) => result.value)).toEqual(ids.map(() => true));
      expect(pushed).toHaveBeenCalled();
      const delivered = raw.frames.map(
        (frame) => JSON.parse(frame).payload.data.fillCreated.fill.exchangeFillId,
      );
      expect(delivered).toEqual(ids);
    } finally {
      raw.socket.close();
    }
  });

  it('stop while the client does not read: it is cut off with SLOW_CONSUMER, resumable without a gap', async () => {
    const slow = await createTestApp({ live: true, maxPendingEvents: 10, database: app.database });
    const written = vi.spyOn(FrameSink.prototype, 'write');
    const live = slow.live;
    if (!live) throw new Error('live not started');
    const raw = await subscribeRaw(
      'slow',
      { filter: filter(), after: await readHeadCursor(sql) },
      await slow.listen(),
    );
    try {
      await insertFills(['now']);
      await waitFor('the first frame', () => raw.frames.length === 1);
      // The client stops reading: once the socket buffers are full, frames are not taken and
      // events wait in the subscription until there are more than 10.
      (raw.socket as unknown as { _socket: { pause(): void } })._socket.pause();
      const metadata = { padding: 'x'.repeat(128 * 1024) };
      const ids: string[] = [];
      for (let i = 0; i < 100; i += 1) {
        ids.push(...(await insertFills(['now'], metadata)));
        // One event per feed batch: the limit is met by events piling up, not by one batch.
        const committed = (await readHeadCursor(sql)) as string;
        await waitFor('the feed', () => {
          const read = live.feed.currentCursor();
          return read !== null && compareEventCursors(read, committed) >= 0;
        });
      }
      (raw.socket as unknown as { _socket: { resume(): void } })._socket.resume();
      await waitFor('the error', () =>
        raw.frames.some((frame) => frame.includes('"type":"error"')),
      );

      const messages = raw.frames.map((frame) => JSON.parse(frame));
      const error = messages.at(-1);
      expect(error).toMatchObject({
        id: 'slow',
        type: 'error',
        payload: [{ extensions: { code: 'SLOW_CONSUMER' } }],
      });
      const events = messages.slice(0, -1);
      expect(events.length).toBeGreaterThan(1);
      expect(events.length).toBeLessThan(101);
      expect(events.every((message) => message.type === 'next')).toBe(true);
      expect(written.mock.results.every((result) => result.value !== 'declined')).toBe(true);
      // Resuming after the cursor the error names continues right after the last frame.
      const { cursor, fill } = events.at(-1).payload.data.fillCreated;
      const { resumeAfter } = error.payload[0].extensions;
      expect(resumeAfter).toBe(cursor);
      const resumed = await subscribeRaw('resumed', { filter: filter(), after: resumeAfter }, url);
      await waitFor('the resumed stream', () => resumed.frames.length > 0);
      resumed.socket.close();
      const next = JSON.parse(resumed.frames[0] as string).payload.data.fillCreated.fill;
      expect(next.exchangeFillId).toBe(ids[ids.indexOf(fill.exchangeFillId) + 1]);
    } finally {
      raw.socket.close();
      await slow.close();
    }
  });

  it('stop when the client completes the subscription; its other subscriptions go on', async () => {
    const after = await readHeadCursor(sql);
    const raw = await subscribeRaw('stopped', { filter: filter(), after });
    try {
      await insertFills(['now']);
      await waitFor('the first frame', () => raw.frames.length === 1);
      raw.socket.send(JSON.stringify({ id: 'stopped', type: 'complete' }));
      raw.socket.send(
        JSON.stringify({
          id: 'going',
          type: 'subscribe',
          payload: { query: FILLS, variables: { filter: filter(), after } },
        }),
      );
      const [later] = await insertFills(['now']);
      await waitFor('the later fill', () =>
        raw.frames.some((frame) => frame.includes(later as string) && frame.includes('"going"')),
      );
      const ids = raw.frames.map((frame) => JSON.parse(frame).id);
      expect(ids.filter((id) => id === 'stopped')).toHaveLength(1);
    } finally {
      raw.socket.close();
    }
  });
});
