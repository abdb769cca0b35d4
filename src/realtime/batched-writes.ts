import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';

/** One connection's batching: its sockets, ws's own `send`, and whether this tick corked it. */
interface TickBatch {
  socket: WebSocket;
  net: Socket;
  send: WebSocket['send'];
  corked: boolean;
}

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
  const batch: TickBatch = { socket, net, send: socket.send, corked: false };
  // Shared functions bound to the connection's state, not closures per connection: each idle
  // connection holds them, and under tsx every named closure also carries its own name property.
  socket.send = batchedSend.bind(undefined, batch) as WebSocket['send'];
}

function batchedSend(batch: TickBatch, ...args: Parameters<WebSocket['send']>) {
  if (!batch.corked) {
    batch.corked = true;
    batch.net.cork();
    process.nextTick(uncork, batch);
  }
  return batch.send.apply(batch.socket, args as never);
}

function uncork(batch: TickBatch) {
  batch.corked = false;
  batch.net.uncork();
}
