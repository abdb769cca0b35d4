import type { ExecutionResult } from 'graphql';
import type { WebSocket } from 'ws';

// graphql-ws builds and JSON-encodes every `next` message itself, once per subscriber. With
// shared execution (shared-subscriptions.ts) thousands of subscribers get the same result
// object for an event, so encoding it for each would be most of the fan-out's CPU. Instead,
// onNext encodes a result once (cached by object), stashes it for that socket and subscription
// id, and hands graphql-ws an empty placeholder payload; the socket's send then swaps the
// placeholder for the stashed JSON. Messages other than such placeholders pass untouched.

const PLACEHOLDER_END = ',"payload":{}}';
const ID_START = '{"id":';
const NEXT_TYPE = ',"type":"next"';

/** Encodes each `next` result once, however many subscribers receive it. */
export class SerializeOnce {
  readonly #encoded = new WeakMap<object, string>();
  readonly #pending = new WeakMap<WebSocket, Map<string, string>>();

  /** Makes `socket.send` put stashed results in place of placeholders. Call once per socket. */
  wrapSend(socket: WebSocket): void {
    const send = socket.send.bind(socket) as (data: unknown, callback?: unknown) => void;
    socket.send = ((data: unknown, callback?: unknown) =>
      send(this.#substitute(socket, data), callback)) as WebSocket['send'];
  }

  /**
   * For graphql-ws's onNext: stashes the encoded `result` for subscription `id` and returns
   * the placeholder payload graphql-ws sends instead.
   */
  stash(socket: WebSocket, id: string, result: ExecutionResult): Record<string, never> {
    let json = this.#encoded.get(result);
    if (json === undefined) {
      json = JSON.stringify(result);
      this.#encoded.set(result, json);
    }
    let pending = this.#pending.get(socket);
    if (!pending) {
      pending = new Map();
      this.#pending.set(socket, pending);
    }
    pending.set(id, json);
    return {};
  }

  #substitute(socket: WebSocket, data: unknown): unknown {
    if (typeof data !== 'string' || !data.endsWith(PLACEHOLDER_END)) return data;
    const pending = this.#pending.get(socket);
    if (!pending) return data;
    // graphql-ws writes {"id":<id>,"type":"next","payload":{}}: keep the head, swap the payload.
    const head = data.slice(0, -PLACEHOLDER_END.length);
    if (!head.startsWith(ID_START) || !head.endsWith(NEXT_TYPE)) return data;
    const id: unknown = JSON.parse(head.slice(ID_START.length, -NEXT_TYPE.length));
    const json = typeof id === 'string' ? pending.get(id) : undefined;
    if (json === undefined) return data;
    pending.delete(id as string);
    return `${head},"payload":${json}}`;
  }
}
