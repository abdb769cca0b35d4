import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';

/**
 * Makes the frames `socket` sends within one tick leave in one write: the first send of a tick
 * corks the TCP socket, and it is uncorked on `process.nextTick`, after the promise jobs of the
 * tick (the other subscriptions of the connection woken by the same events) have sent theirs.
 * Each write is a system call costing about as much as the rest of a delivery; a connection
 * with many subscriptions gets one per tick instead of one per frame. Order and send callbacks
 * are unchanged: corked data is written, in order, when uncorked.
 */
export function batchWritesPerTick(socket: WebSocket): void {
  // ws keeps the connection's net socket here; without it (another transport) nothing changes.
  const net = (socket as unknown as { _socket?: Socket })._socket;
  if (!net) return;
  const send = socket.send;
  let corked = false;
  const uncork = () => {
    corked = false;
    net.uncork();
  };
  socket.send = function batchedSend(this: WebSocket, ...args: Parameters<WebSocket['send']>) {
    if (!corked) {
      corked = true;
      net.cork();
      process.nextTick(uncork);
    }
    return send.apply(this, args as never);
  } as WebSocket['send'];
}
