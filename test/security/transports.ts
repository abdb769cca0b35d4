import WebSocket from 'ws';

/** A GraphQL error as any transport delivers it. */
export interface WireError {
  message: string;
  extensions?: Record<string, unknown>;
}

/** What one request got back, whatever the transport. */
export interface Outcome {
  transport: 'http' | 'sse' | 'ws';
  /** HTTP status (http, sse); the close code when a WebSocket was closed (ws). */
  status: number;
  /** Errors of the first result, or of the `error` message, or the close reason as one error. */
  errors: WireError[];
  data?: unknown;
  /** Everything received, for leak checks. */
  raw: string;
  headers?: Headers;
}

export interface RawRequest {
  method?: string;
  body?: string;
  headers?: Record<string, string>;
}

function headersFor(apiKey: string | null, extra: Record<string, string> = {}) {
  return {
    'content-type': 'application/json',
    ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
    ...extra,
  };
}

/** A POST (or any method) with `Accept: application/json`. */
export async function overHttp(
  url: string,
  apiKey: string | null,
  request: RawRequest,
): Promise<Outcome> {
  const response = await fetch(url, {
    method: request.method ?? 'POST',
    headers: headersFor(apiKey, { accept: 'application/json', ...request.headers }),
    body: request.body,
  });
  const raw = await response.text();
  let json: { data?: unknown; errors?: WireError[] } = {};
  try {
    json = JSON.parse(raw);
  } catch {
    // Not JSON (e.g. 405 without a body): errors stay empty and the test says what it expects.
  }
  return {
    transport: 'http',
    status: response.status,
    errors: json.errors ?? [],
    data: json.data,
    raw,
    headers: response.headers,
  };
}

/** The same over SSE (`Accept: text/event-stream`); reads the stream until it completes. */
export async function overSse(
  url: string,
  apiKey: string | null,
  request: RawRequest,
): Promise<Outcome> {
  const response = await fetch(url, {
    method: request.method ?? 'POST',
    headers: headersFor(apiKey, { accept: 'text/event-stream', ...request.headers }),
    body: request.body,
    signal: AbortSignal.timeout(10_000),
  });
  const raw = await response.text();
  const results = raw
    .split('\n\n')
    .filter((block) => /^event: next$/m.test(block))
    .map((block) => JSON.parse(block.replace(/^[\s\S]*?^data: /m, '')) as Record<string, unknown>);
  const first = results[0] ?? (safeJson(raw) as Record<string, unknown> | undefined) ?? {};
  return {
    transport: 'sse',
    status: response.status,
    errors: (first.errors as WireError[] | undefined) ?? [],
    data: first.data,
    raw,
    headers: response.headers,
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The same over graphql-ws, speaking the protocol by hand so broken messages can be sent too:
 * connection_init with the key, then `messages` (default: one subscribe of the payload), and
 * everything until the operation errors, completes, or the socket closes.
 */
export function overWebSocket(
  url: string,
  apiKey: string | null,
  payload: Record<string, unknown> | undefined,
  options: {
    rawMessages?: Array<string | Buffer>;
    connectionParams?: unknown;
    skipInit?: boolean;
  } = {},
): Promise<Outcome> {
  const socket = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws');
  const received: string[] = [];
  return new Promise<Outcome>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error(`no answer over WebSocket; received: ${received.join(' ')}`));
    }, 10_000);
    const finish = (outcome: Omit<Outcome, 'transport' | 'raw'>) => {
      clearTimeout(timer);
      socket.removeAllListeners();
      socket.on('error', () => {});
      if (socket.readyState === WebSocket.OPEN) socket.close(1000);
      resolve({ transport: 'ws', raw: received.join('\n'), ...outcome });
    };
    socket.on('open', () => {
      if (options.skipInit) {
        socket.send(
          JSON.stringify({ id: '1', type: 'subscribe', payload: { query: '{ __typename }' } }),
        );
        return;
      }
      const params =
        options.connectionParams ?? (apiKey ? { authorization: `Bearer ${apiKey}` } : {});
      socket.send(JSON.stringify({ type: 'connection_init', payload: params }));
    });
    socket.on('message', (data) => {
      const text = data.toString();
      received.push(text);
      const message = JSON.parse(text) as { type: string; payload?: unknown };
      if (message.type === 'connection_ack') {
        for (const raw of options.rawMessages ?? [
          JSON.stringify({ id: '1', type: 'subscribe', payload }),
        ]) {
          socket.send(raw);
        }
      } else if (message.type === 'error') {
        finish({ status: 0, errors: message.payload as WireError[] });
      } else if (message.type === 'next') {
        const result = message.payload as { data?: unknown; errors?: WireError[] };
        if (result.errors) finish({ status: 0, errors: result.errors, data: result.data });
      } else if (message.type === 'complete') {
        const next = received.map((line) => JSON.parse(line)).find((m) => m.type === 'next');
        finish({ status: 0, errors: [], data: next?.payload?.data });
      }
    });
    socket.on('close', (code, reason) => {
      const text = reason.toString();
      received.push(`close ${code} ${text}`);
      finish({ status: code, errors: text ? [{ message: text }] : [] });
    });
    socket.on('error', (error) => {
      received.push(`socket error ${error.message}`);
    });
  });
}
