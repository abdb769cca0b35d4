import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';

/** The header a request id arrives in and is echoed in. */
export const REQUEST_ID_HEADER = 'x-request-id';

// What a proxy or a client may hand us: a UUID, a trace id, a ULID... Anything else (too long,
// spaces, control characters) would end up in log lines, so it is replaced by a fresh id.
const ACCEPTABLE_ID = /^[A-Za-z0-9._:@/+=-]{8,128}$/;

const current = new AsyncLocalStorage<string>();

/** The incoming id when it is sane, else a fresh UUID. */
export function requestIdFrom(header: string | null | undefined): string {
  return header && ACCEPTABLE_ID.test(header) ? header : randomUUID();
}

/** A fresh id, e.g. for one graphql-ws operation. */
export function newRequestId(): string {
  // Node builds randomUUID() by concatenation: a rope of about 20 strings, ~490 bytes of heap.
  // A subscription holds its id as long as it runs; a flat copy of it is ~60 bytes.
  return Buffer.from(randomUUID(), 'latin1').toString('latin1');
}

/** The id of the request (or WebSocket operation) whose code is running, if any. */
export function currentRequestId(): string | undefined {
  return current.getStore();
}

/**
 * The id an error belongs to: the running request's, else the one it was raised under (see
 * {@link tagWithRequestId}). Masking and logging read it, wherever they happen to run.
 */
export function requestIdOf(error: unknown): string | undefined {
  return current.getStore() ?? (isObject(error) ? raisedUnder.get(error) : undefined);
}

// A subscription event is executed once and delivered to each subscriber by whoever pulls
// its stream, outside the AsyncLocalStorage of the operation (entering it on every pull of
// every subscriber was ~7 % of the gateway's CPU under fan-out): its errors carry the id.
const raisedUnder = new WeakMap<object, string>();

/** Marks `errors` as raised by request `id`, for when they are masked and logged outside it. */
export function tagWithRequestId(id: string, errors: readonly unknown[]): void {
  for (const error of errors) if (isObject(error)) raisedUnder.set(error, id);
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

/** Runs `fn` (and everything it starts) as part of the request `id`. */
export function withRequestId<T>(id: string, fn: () => T): T {
  return current.run(id, fn);
}

/**
 * Gives every HTTP request (and SSE stream) an id: the client's `X-Request-Id` when it is sane,
 * else a fresh one. The whole request runs with it (see {@link currentRequestId}), so masked
 * errors and the log line of their original carry it, and the response echoes it.
 */
export function useRequestId(): Plugin {
  const ids = new WeakMap<Request, string>();
  return {
    instrumentation: {
      request({ request }, wrapped) {
        const id = requestIdFrom(request.headers.get(REQUEST_ID_HEADER));
        ids.set(request, id);
        return withRequestId(id, wrapped);
      },
    },
    onResponse({ request, response }) {
      const id = ids.get(request);
      if (id) response.headers.set(REQUEST_ID_HEADER, id);
    },
  };
}
