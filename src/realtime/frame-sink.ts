import type { ExecutionResult } from 'graphql';
import type { WebSocket } from 'ws';
import { TickBatchingWebSocket } from './tick-batching-web-socket.ts';

// graphql-ws sends each result to each subscriber through its own loop: a hook, an object
// spread, JSON.stringify of the whole message and a promise per send, so a result shared by 500
// subscribers is serialised 500 times. A FrameSink writes the same `next` frame itself, from a
// result's JSON made once for all its subscribers. Yoga's SSE responses take that JSON too.

const payloads = new WeakMap<ExecutionResult, string>();
const frameTails = new WeakMap<ExecutionResult, Buffer>();

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
 * The end of every `next` frame carrying `result`, as UTF-8 bytes: its JSON and the message's
 * closing brace. Encoded once for all subscribers, not once per frame.
 */
function frameTailOf(result: ExecutionResult): Buffer {
  let tail = frameTails.get(result);
  if (tail === undefined) {
    tail = Buffer.from(`${jsonOf(result)}}`);
    frameTails.set(result, tail);
  }
  return tail;
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

/** What {@link FrameSink.write} did with a result. */
export type FrameOutcome =
  /** Not written: the result must go through graphql-ws (it has errors, or the socket is not
   * open and graphql-ws then drops it). */
  | 'declined'
  /** Written, and the socket has room for more: the next may be written at once. */
  | 'ready'
  /** Written; the writer's `frameWritten` is called once the socket has taken it (or failed
   * to). */
  | 'pending';

/** Who writes through a {@link FrameSink}: told when a 'pending' frame has been taken. */
export interface FrameWriter {
  frameWritten(): void;
}

/**
 * Writes the `next` frames of one graphql-ws subscription directly to its WebSocket, bytes as
 * graphql-ws writes them: `{"id":…,"type":"next","payload":…}`. Only the iterator graphql-ws is
 * waiting on may write (see MappedIterator), so a frame never overtakes one graphql-ws sends.
 * On the server's TickBatchingWebSocket a frame is the subscription's own head (its id) and the
 * result's shared tail, framed into one buffer (see sendText).
 *
 * The yoga plugins between that iterator and graphql-ws, and the server's `onNext`, change
 * only results with errors (masking, request ids, HTTP hints); a plugin that changed error-free
 * subscription results would be bypassed here.
 */
export class FrameSink {
  /** `{"id":…,"type":"next","payload":` in UTF-8; built on the first frame: idle
   * subscriptions, most of them, never need it. */
  #head: Buffer | undefined;

  constructor(
    private readonly socket: WebSocket,
    private readonly id: string,
  ) {}

  /**
   * Writes `result` as the subscription's next frame, unless it must go through graphql-ws;
   * `writer.frameWritten()` is called only when the answer is 'pending' (see FrameOutcome).
   */
  write(result: ExecutionResult, writer: FrameWriter): FrameOutcome {
    const { socket } = this;
    if (result.errors !== undefined || socket.readyState !== socket.OPEN) return 'declined';
    this.#head ??= Buffer.from(`{"id":${JSON.stringify(this.id)},"type":"next","payload":`);
    const tail = frameTailOf(result);
    if (socket instanceof TickBatchingWebSocket) {
      return socket.sendText(this.#head, tail, writer) ? 'ready' : 'pending';
    }
    socket.send(Buffer.concat([this.#head, tail]), { binary: false }, () => writer.frameWritten());
    return 'pending';
  }
}
