import type { IncomingMessage, Server, ServerResponse } from 'node:http';

export interface InFlightRequests {
  /** Requests being answered now. */
  readonly count: number;
  /** Resolves true once none is in flight, or false after `timeoutMs` with some still running. */
  drain(timeoutMs: number): Promise<boolean>;
}

/**
 * Counts the requests a server is answering, so that stopping can let them finish before the
 * database pool under them is closed (otherwise a rolling restart fails the requests it
 * catches half-way, and they log "Cannot use a pool after calling end on the pool").
 * Event streams (SSE subscriptions) are not counted: they last until closed, and stopping
 * closes them.
 */
export function trackInFlightRequests(server: Server): InFlightRequests {
  let count = 0;
  const waiting = new Set<() => void>();
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (acceptsEventStream(request)) return;
    count += 1;
    response.once('close', () => {
      count -= 1;
      if (count > 0) return;
      for (const wake of waiting) wake();
    });
  });
  return {
    get count() {
      return count;
    },
    drain(timeoutMs) {
      if (count === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const finish = (drained: boolean) => {
          clearTimeout(timer);
          waiting.delete(wake);
          resolve(drained);
        };
        const wake = () => finish(true);
        const timer = setTimeout(() => finish(false), timeoutMs);
        waiting.add(wake);
      });
    },
  };
}

function acceptsEventStream(request: IncomingMessage): boolean {
  return (request.headers.accept ?? '').includes('text/event-stream');
}
