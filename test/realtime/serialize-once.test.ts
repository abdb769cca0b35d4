import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { SerializeOnce } from '../../src/realtime/serialize-once.ts';

/** A stand-in for a ws socket that records what is sent on it. */
function fakeSocket(): WebSocket & { sent: unknown[] } {
  const sent: unknown[] = [];
  return { sent, send: (data: unknown) => sent.push(data) } as never;
}

describe('SerializeOnce', () => {
  it('encodes a result once for every socket and subscription that sends it', () => {
    const serializeOnce = new SerializeOnce();
    let encodings = 0;
    const result = {
      data: { fillCreated: { cursor: 'c1' } },
      toJSON() {
        encodings += 1;
        return { data: this.data };
      },
    };
    const sockets = [fakeSocket(), fakeSocket(), fakeSocket()];
    for (const [index, socket] of sockets.entries()) {
      serializeOnce.wrapSend(socket);
      const placeholder = serializeOnce.stash(socket, `sub-${index}`, result);
      // What graphql-ws sends with the placeholder as the payload.
      socket.send(JSON.stringify({ id: `sub-${index}`, type: 'next', payload: placeholder }));
    }
    expect(encodings).toBe(1);
    expect(sockets.map((socket) => JSON.parse(String(socket.sent[0])))).toEqual(
      sockets.map((_, index) => ({
        id: `sub-${index}`,
        type: 'next',
        payload: { data: { fillCreated: { cursor: 'c1' } } },
      })),
    );
  });

  it('passes other messages through unchanged', () => {
    const serializeOnce = new SerializeOnce();
    const socket = fakeSocket();
    serializeOnce.wrapSend(socket);
    const messages = [
      '{"type":"connection_ack"}',
      '{"id":"1","type":"complete"}',
      '{"id":"2","type":"next","payload":{}}',
    ];
    for (const message of messages) socket.send(message);
    expect(socket.sent).toEqual(messages);
  });
});
