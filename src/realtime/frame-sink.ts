import type { ExecutionResult } from 'graphql';
import type { WebSocket } from 'ws';

// graphql-ws sends each result to each subscriber through its own loop: a hook, an object
// spread, JSON.stringify of the whole message and a promise per send, so a result shared by 500
// subscribers is serialised 500 times. A FrameSink writes the same `next` frame itself, from a
// result's JSON made once for all its subscribers. Yoga's SSE responses take that JSON too.

const payloads = new WeakMap<ExecutionResult, string>();

/** The JSON of `result`, made once however many subscribers share the result. */
function jsonOf(result: ExecutionResult): string {
  let json = payloads.get(result);
  if (json === undefined) {
    json = JSON.stringify(result);
    payloads.set(result, json);
  }
  return json;
}

/**
 * Makes yoga's SSE responses serialise `result` with {@link jsonOf}: a result's own `stringify`
 * replaces JSON.stringify there (yoga's ExecutionResultWithSerializer). Not enumerable, so
 * nothing else sees it; a result with errors reaches yoga as a masked copy, without it.
 */
export function serialisedOnce(result: ExecutionResult): void {
  if (!Object.hasOwn(result, 'stringify')) {
    Object.defineProperty(result, 'stringify', { value: jsonOf });
  }
}

/**
 * Writes the `next` frames of one graphql-ws subscription directly to its WebSocket, bytes as
 * graphql-ws writes them: `{"id":…,"type":"next","payload":…}`. Only the iterator graphql-ws is
 * waiting on may write (see MappedIterator), so a frame never overtakes one graphql-ws sends.
 *
 * The yoga plugins between that iterator and graphql-ws, and the server's `onNext`, change
 * only results with errors (masking, request ids, HTTP hints); a plugin that changed error-free
 * subscription results would be bypassed here.
 */
export class FrameSink {
  /** Built on the first frame: idle subscriptions, most of them, never need it. */
  #prefix: string | undefined;

  constructor(
    private readonly socket: WebSocket,
    private readonly id: string,
  ) {}

  /**
   * Writes `result` as the subscription's next frame and calls `written` once the socket has
   * taken it (or failed to). Returns false without writing when the result must go through
   * graphql-ws instead: it has errors, or the socket is not open (graphql-ws then drops it).
   */
  write(result: ExecutionResult, written: () => void): boolean {
    if (result.errors !== undefined || this.socket.readyState !== this.socket.OPEN) return false;
    this.#prefix ??= `{"id":${JSON.stringify(this.id)},"type":"next","payload":`;
    this.socket.send(`${this.#prefix}${jsonOf(result)}}`, written);
    return true;
  }
}
