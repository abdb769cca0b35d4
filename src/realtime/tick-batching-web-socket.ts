import type { Socket } from 'node:net';
import { WebSocket } from 'ws';

type SendData = Parameters<WebSocket['send']>[0];
type SendOptions = Parameters<WebSocket['send']>[1];
type SendCallback = (error?: Error) => void;

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
    if (!this.#corked) {
      // ws keeps the connection's net socket here; without it (not yet or no longer
      // connected) ws's own send reports the state.
      const net = (this as unknown as { _socket?: Socket })._socket;
      if (net) {
        this.#corked = true;
        net.cork();
        process.nextTick(TickBatchingWebSocket.#uncork, this, net);
      }
    }
    // ws's own send takes the callback second when there are no options.
    super.send(data, optionsOrCallback as SendOptions, callback);
  }

  static #uncork(socket: TickBatchingWebSocket, net: Socket) {
    socket.#corked = false;
    net.uncork();
  }
}
