import type { Plugin } from 'graphql-yoga';
import { formatCount } from './request-limits.ts';

// One non-negative integer; anything else (a sign, a list as in request smuggling) is refused.
const CONTENT_LENGTH = /^\d+$/;

/**
 * Refuses HTTP requests whose body (or GET query string) is larger than `maxBytes` with 413 and
 * PAYLOAD_TOO_LARGE, before authentication or parsing. A declared Content-Length is checked
 * up front; a body without one (chunked) is read up to the limit and refused as soon as it
 * passes it, so an endless stream costs at most `maxBytes` of memory.
 *
 * It is the only body limit: yoga's own (`maxRequestBodySize`, off in app.ts) piped every body
 * through a TransformStream, even one with a Content-Length, which cost about 5 % of the
 * gateway's CPU on a `node(id)` request. Like yoga's, it answers 400 to a Content-Length that
 * is not one number.
 */
export function useRequestSizeLimit(maxBytes: number): Plugin {
  const refuse = (fetchAPI: { Response: typeof Response }, what: string) =>
    new fetchAPI.Response(
      JSON.stringify({
        errors: [
          {
            message: `The ${what} is larger than ${formatCount(maxBytes)} bytes, the limit: send a smaller request (split large batches into several).`,
            extensions: { code: 'PAYLOAD_TOO_LARGE' },
          },
        ],
      }),
      { status: 413, headers: { 'content-type': 'application/json; charset=utf-8' } },
    );
  return {
    onRequest({ request, url, fetchAPI, endResponse, setRequest }) {
      if (url.search.length > maxBytes) {
        endResponse(refuse(fetchAPI, 'query string'));
        return;
      }
      // Bodiless, as whatwg-node makes them. Asked first, and the Content-Length before the body:
      // `request.body` builds a web stream over the request, which only a chunked body needs.
      if (request.method === 'GET' || request.method === 'HEAD') return;
      const declared = request.headers.get('content-length');
      if (declared !== null) {
        if (!CONTENT_LENGTH.test(declared)) {
          endResponse(invalidLength(fetchAPI));
          return;
        }
        // Node's HTTP parser never delivers more than the declared length.
        if (Number(declared) > maxBytes) endResponse(refuse(fetchAPI, 'request body'));
        return;
      }
      if (!request.body) return;
      // Only a chunked body waits: the other requests go on without a promise to await.
      return readAtMost(request.body, maxBytes).then((body) => {
        if (!body) {
          endResponse(refuse(fetchAPI, 'request body'));
          return;
        }
        setRequest(
          new fetchAPI.Request(request.url, {
            method: request.method,
            headers: request.headers,
            body,
            signal: request.signal,
          }),
        );
      });
    },
  };
}

function invalidLength(fetchAPI: { Response: typeof Response }): Response {
  return new fetchAPI.Response(
    JSON.stringify({
      errors: [
        {
          message: 'The Content-Length header is not a single number of bytes: send a valid one.',
          extensions: { code: 'BAD_REQUEST' },
        },
      ],
    }),
    { status: 400, headers: { 'content-type': 'application/json; charset=utf-8' } },
  );
}

/** The stream's bytes, or undefined (and the stream cancelled) once it passes `maxBytes`. */
async function readAtMost(
  stream: ReadableStream<Uint8Array>,
  maxBytes: number,
): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.byteLength;
    if (length > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
