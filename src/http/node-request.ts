import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

/**
 * A Fetch `Headers` view over Node's parsed request headers, for the fast path's request
 * (src/http/fast-path.ts). Node has already lower-cased the names and dropped the duplicates it
 * discards (Content-Type, Authorization, ...), as whatwg-node's Headers built from the same
 * object does; reads cost a property lookup instead of a Headers object per request. A hook
 * that changes a header changes a copy, never Node's object.
 */
export class NodeRequestHeaders {
  #raw: IncomingHttpHeaders;
  #copied = false;

  constructor(raw: IncomingHttpHeaders) {
    this.#raw = raw;
  }

  get(name: string): string | null {
    const value = this.#raw[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }

  has(name: string): boolean {
    return this.#raw[name.toLowerCase()] !== undefined;
  }

  set(name: string, value: string): void {
    this.#writable()[name.toLowerCase()] = String(value);
  }

  append(name: string, value: string): void {
    const current = this.get(name);
    this.set(name, current === null ? value : `${current}, ${value}`);
  }

  delete(name: string): void {
    delete this.#writable()[name.toLowerCase()];
  }

  forEach(callback: (value: string, name: string, headers: NodeRequestHeaders) => void): void {
    for (const [name, value] of this.entries()) callback(value, name, this);
  }

  *entries(): IterableIterator<[string, string]> {
    for (const name of Object.keys(this.#raw)) {
      const value = this.get(name);
      if (value !== null) yield [name, value];
    }
  }

  *keys(): IterableIterator<string> {
    for (const [name] of this.entries()) yield name;
  }

  *values(): IterableIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }

  #writable(): IncomingHttpHeaders {
    if (!this.#copied) {
      this.#raw = { ...this.#raw };
      this.#copied = true;
    }
    return this.#raw;
  }
}

/**
 * The fast path's stand-in for a Fetch `Request` over a Node request: what yoga's and the app's
 * hooks read (method, url, headers, the JSON body, a signal), without whatwg-node building a
 * Request, its Headers, an AbortController and three listeners for every request, or reading
 * the body through a web stream. The body is read once, on first use; `signal` and `body` are
 * made only when something asks for them.
 */
export class NodeRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: NodeRequestHeaders;
  readonly #incoming: IncomingMessage;
  readonly #response: ServerResponse;
  #bytes: Promise<Buffer> | undefined;
  #stream: ReadableStream<Uint8Array> | undefined;
  #controller: AbortController | undefined;

  constructor(incoming: IncomingMessage, response: ServerResponse, url: string) {
    this.#incoming = incoming;
    this.#response = response;
    this.method = incoming.method ?? 'GET';
    this.url = url;
    this.headers = new NodeRequestHeaders(incoming.headers);
  }

  /**
   * The body as a web stream, for a hook that reads it itself (json() and text() then read the
   * stream). Nothing is read until someone reads it: a hook that only tests for a body (the
   * size limit) leaves it to Node, which discards an unread body after a refusal.
   */
  get body(): ReadableStream<Uint8Array> {
    this.#stream ??= lazyStream(this.#incoming);
    return this.#stream;
  }

  get bodyUsed(): boolean {
    return this.#bytes !== undefined;
  }

  /** Aborted when the client goes away before the response is finished, as whatwg-node's is. */
  get signal(): AbortSignal {
    if (!this.#controller) {
      const controller = new AbortController();
      this.#controller = controller;
      const response = this.#response;
      const abort = () => {
        if (!response.writableFinished) controller.abort(response.errored ?? undefined);
      };
      if (response.closed) abort();
      else response.once('close', abort);
    }
    return this.#controller.signal;
  }

  arrayBuffer(): Promise<Buffer> {
    this.#bytes ??= this.#stream ? readStream(this.#stream) : readIncoming(this.#incoming);
    return this.#bytes;
  }

  async text(): Promise<string> {
    return (await this.arrayBuffer()).toString('utf-8');
  }

  /** Parses the body; a SyntaxError carries the body, as whatwg-node's Request.json() words it. */
  async json(): Promise<unknown> {
    const text = await this.text();
    try {
      return JSON.parse(text);
    } catch (error) {
      if (error instanceof SyntaxError) error.message += `, "${text}" is not valid JSON`;
      throw error;
    }
  }
}

function readIncoming(incoming: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.once('end', () => {
      resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks));
    });
    incoming.once('error', reject);
    // A client that goes away mid-body: Node ends the stream with 'close' and no 'end'.
    incoming.once('close', () => {
      if (!incoming.complete) reject(new Error('The client closed the request before its end.'));
    });
  });
}

async function readStream(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

function lazyStream(incoming: IncomingMessage): ReadableStream<Uint8Array> {
  let chunks: AsyncIterator<Buffer> | undefined;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        chunks ??= incoming[Symbol.asyncIterator]();
        const { done, value } = await chunks.next();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      async cancel() {
        await chunks?.return?.();
      },
    },
    // No pull before a read: the stream itself must not start reading.
    { highWaterMark: 0 },
  );
}
