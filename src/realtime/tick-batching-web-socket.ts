import type { Socket } from 'node:net';
import { WebSocket } from 'ws';
import { textFrame } from './text-frame.ts';

type SendData = Parameters<WebSocket['send']>[0];
type SendOptions = Parameters<WebSocket['send']>[1];
type SendCallback = (error?: Error) => void;

/** The parts of ws's WebSocket internals (ws 8) that sendText reads. */
interface WsInternals {
  /** The connection's net socket, once connected and until closed. */
  _socket?: Socket;
  /** ws's Sender: `_state` 0 means it writes each frame at once, nothing queued before it. */
  _sender?: { _state: number };
  /** Negotiated extensions by name: permessage-deflate (ws's only one) when enabled. */
  _extensions: { 'permessage-deflate'?: unknown };
}

/**
 * ws's WebSocket whose frames sent within one tick leave in one write: the first send of a tick
 * corks the TCP socket, and it is uncorked on `process.nextTick`, after the promise jobs of the
 * tick (the other subscriptions of the connection woken by the same events) have sent theirs.
 * Each write is a system call costing about as much as the rest of a delivery; a connection
 * with many subscriptions gets one per tick instead of one per frame. Order and send callbacks
 * are unchanged: corked data is written, in order, when uncorked.
 *
 * A subclass given to the WebSocketServer (its `WebSocket` option), not a `send` replaced per
 * connection: every idle connection would hold that function and its state, and under tsx a
 * named (or bound) function also carries its own name property (~250 B).
 */
export class TickBatchingWebSocket extends WebSocket {
  #corked = false;

  override send(
    data: SendData,
    optionsOrCallback?: SendOptions | SendCallback,
    callback?: SendCallback,
  ): void {
    // ws keeps the connection's net socket here; without it (not yet or no longer
    // connected) ws's own send reports the state.
    const net = (this as unknown as WsInternals)._socket;
    if (net) this.#cork(net);
    // ws's own send takes the callback second when there are no options.
    super.send(data, optionsOrCallback as SendOptions, callback);
  }

  /**
   * Sends the text message `head` + `body` (UTF-8 bytes) as `send` would, but framed into one
   * buffer written straight to the TCP socket: ws's Sender would convert a string to bytes for
   * every subscriber and write header and payload as two chunks. Only while ws would write the
   * frame at once anyway (open, no compression, nothing queued in its Sender); otherwise ws
   * sends it.
   *
   * Returns true when the socket's buffer stays below its high-water mark with this frame (what
   * `write` itself would answer): the caller may send more at once, and `writer` is not called.
   * Otherwise `writer.frameWritten()` is called once the socket took the frame, or failed to
   * (no callback is made per frame that fits). A subscription with several frames ready so
   * sends them in one write (the socket is corked until the end of the tick) instead of one
   * write per frame, each waiting for the previous one's callback.
   */
  sendText(head: Uint8Array, body: Uint8Array, writer: { frameWritten(): void }): boolean {
    const internals = this as unknown as WsInternals;
    const net = internals._socket;
    if (
      this.readyState !== WebSocket.OPEN ||
      net === undefined ||
      internals._sender?._state !== 0 ||
      internals._extensions['permessage-deflate'] !== undefined
    ) {
      this.send(Buffer.concat([head, body]), { binary: false }, () => writer.frameWritten());
      return false;
    }
    this.#cork(net);
    const frame = textFrame(head, body);
    if (net.writableLength + frame.length < net.writableHighWaterMark) {
      net.write(frame);
      return true;
    }
    net.write(frame, () => writer.frameWritten());
    return false;
  }

  #cork(net: Socket) {
    if (this.#corked) return;
    this.#corked = true;
    net.cork();
    // One tick callback for all the sockets corked in this tick, not one each: a live event
    // writes to hundreds of sockets in one loop.
    const corked = TickBatchingWebSocket.#corkedInTick;
    if (corked.sockets.length === 0) process.nextTick(TickBatchingWebSocket.#uncorkAll);
    corked.sockets.push(this);
    corked.nets.push(net);
  }

  /** The sockets corked in this tick, and the net socket each corked. */
  static #corkedInTick = { sockets: [] as TickBatchingWebSocket[], nets: [] as Socket[] };

  static #uncorkAll() {
    // Swapped first: a socket written to while uncorking (a write callback) corks anew, for
    // the next tick.
    const { sockets, nets } = TickBatchingWebSocket.#corkedInTick;
    TickBatchingWebSocket.#corkedInTick = { sockets: [], nets: [] };
    for (let i = 0; i < sockets.length; i++) {
      (sockets[i] as TickBatchingWebSocket).#corked = false;
      (nets[i] as Socket).uncork();
    }
  }
}
