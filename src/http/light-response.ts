import {
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type ServerResponse,
  STATUS_CODES,
} from 'node:http';

type HeadersInitLike =
  | Record<string, string>
  | Array<[string, string]>
  | { forEach(callback: (value: string, name: string) => void): void };

/** A Fetch `Headers` for {@link LightResponse}: names lower-cased, one value each. */
export class LightHeaders {
  readonly #values = new Map<string, string>();

  constructor(init?: HeadersInitLike) {
    if (!init) return;
    if (Array.isArray(init)) for (const [name, value] of init) this.append(name, value);
    else if (typeof init.forEach === 'function' && !isPlainObject(init)) {
      init.forEach((value, name) => {
        this.append(name, value);
      });
    } else {
      for (const [name, value] of Object.entries(init as Record<string, string>)) {
        if (value !== undefined) this.append(name, value);
      }
    }
  }

  get(name: string): string | null {
    return this.#values.get(name.toLowerCase()) ?? null;
  }

  has(name: string): boolean {
    return this.#values.has(name.toLowerCase());
  }

  set(name: string, value: string): void {
    this.#values.set(name.toLowerCase(), String(value));
  }

  append(name: string, value: string): void {
    const current = this.get(name);
    this.set(name, current === null ? String(value) : `${current}, ${value}`);
  }

  delete(name: string): void {
    this.#values.delete(name.toLowerCase());
  }

  forEach(callback: (value: string, name: string, headers: LightHeaders) => void): void {
    for (const [name, value] of this.#values) callback(value, name, this);
  }

  entries(): IterableIterator<[string, string]> {
    return this.#values.entries();
  }

  keys(): IterableIterator<string> {
    return this.#values.keys();
  }

  values(): IterableIterator<string> {
    return this.#values.values();
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.#values.entries();
  }

  /** The headers as Node's `writeHead` takes them. */
  toObject(): OutgoingHttpHeaders {
    return Object.fromEntries(this.#values);
  }
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

interface LightResponseInit {
  status?: number;
  statusText?: string;
  headers?: HeadersInitLike;
}

/**
 * The fast path's `Response` (src/http/fast-path.ts): yoga's result processors and the app's
 * hooks build their responses with the `fetchAPI.Response` they are handed, and this one only
 * keeps what they gave, to be written with one `res.end`. It sets Content-Type and
 * Content-Length as whatwg-node's Response does for the same body (a string body without a
 * type is `text/plain;charset=UTF-8`; a non-empty string or bytes get their length), so both
 * paths send the same headers.
 */
export class LightResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: LightHeaders;
  /** What the response was built with: a string, bytes, a stream or nothing. */
  readonly bodyInit: unknown;
  readonly url = '';
  readonly redirected = false;
  readonly type = 'default';

  constructor(body?: unknown, init?: LightResponseInit) {
    this.bodyInit = body ?? null;
    this.status = init?.status || 200;
    this.statusText = init?.statusText || STATUS_CODES[this.status] || 'OK';
    this.headers = new LightHeaders(init?.headers);
    const { contentType, contentLength } = describeBody(this.bodyInit);
    if (contentType && !this.headers.has('content-type')) {
      this.headers.set('content-type', contentType);
    }
    if (contentLength && !this.headers.has('content-length')) {
      this.headers.set('content-length', String(contentLength));
    }
  }

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  get body(): ReadableStream<Uint8Array> | null {
    const body = this.bodyInit;
    if (body === null) return null;
    if (isStream(body)) return body;
    const bytes = typeof body === 'string' ? Buffer.from(body) : (body as Uint8Array);
    return new ReadableStream({
      start(controller) {
        controller.enqueue(bytes);
        controller.close();
      },
    });
  }

  async text(): Promise<string> {
    const body = this.bodyInit;
    if (body === null) return '';
    if (typeof body === 'string') return body;
    return new Response(this.body).text();
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }
}

function describeBody(body: unknown): { contentType?: string; contentLength?: number } {
  if (typeof body === 'string') {
    return { contentType: 'text/plain;charset=UTF-8', contentLength: Buffer.byteLength(body) };
  }
  if (body instanceof Uint8Array) return { contentLength: body.byteLength };
  return {};
}

function isStream(body: unknown): body is ReadableStream<Uint8Array> {
  return typeof (body as { getReader?: unknown } | null)?.getReader === 'function';
}

/** What the fast path writes: its own responses, or a whatwg-node one a hook built. */
export interface WritableResponse {
  status: number;
  statusText: string;
  headers: { forEach(callback: (value: string, name: string) => void): void };
  body: ReadableStream<Uint8Array> | null;
}

/**
 * Writes `response` to `res`: status and headers in one `writeHead`, a string or byte body in
 * one `end` (the header goes out in the same write), a stream chunk by chunk with back-pressure
 * as whatwg-node does (an SSE stream of a subscription POSTed without Accept). A response that
 * was closed meanwhile is not written.
 */
export function writeResponse(
  response: LightResponse | WritableResponse,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> | undefined {
  if (res.closed || res.destroyed || res.writableEnded) return undefined;
  if (response instanceof LightResponse) {
    res.writeHead(response.status, response.statusText, response.headers.toObject());
    const body = response.bodyInit;
    if (body === null) res.end();
    else if (typeof body === 'string' || body instanceof Uint8Array) res.end(body);
    else if (isStream(body)) return pump(body, req, res);
    else res.end(String(body));
    return undefined;
  }
  const headers: OutgoingHttpHeaders = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  res.writeHead(response.status, response.statusText, headers);
  return response.body ? pump(response.body, req, res) : void res.end();
}

async function pump(
  stream: ReadableStream<Uint8Array>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  // A stream may stay open for long (SSE): no socket timeout, no Nagle delay on its events.
  req.socket.setTimeout(0);
  req.socket.setNoDelay(true);
  req.socket.setKeepAlive(true);
  const reader = stream.getReader();
  res.once('close', () => {
    reader.cancel().catch(() => {});
  });
  for (;;) {
    const { done, value } = await reader.read();
    if (done || res.closed || res.destroyed) break;
    if (!res.write(value)) await drained(res);
  }
  if (!res.writableEnded) res.end();
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}
