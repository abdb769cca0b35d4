import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** The header a browser client must send (any value) when its request would be a simple one. */
export const CSRF_HEADER = 'X-GraphQL-CSRF';

// Content types a browser may send cross-site without asking first (a "simple" request, e.g. an
// HTML form). Any other type, like application/json, makes the browser send a CORS preflight,
// which a foreign origin fails unless CORS_ORIGINS lets it in.
const SIMPLE_CONTENT_TYPES = new Set([
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'text/plain',
]);

/**
 * Refuses GraphQL requests a browser could send from any web page without a CORS preflight: a
 * GET, or a POST whose content type a form can produce, unless it carries {@link CSRF_HEADER}.
 * Such a request answers 403 with code CSRF_HEADER_REQUIRED. Requests with a JSON body (what the
 * typed client, GraphiQL and `curl -H 'content-type: application/json'` send) are never simple,
 * so they pass. WebSockets are not concerned: graphql-ws authenticates in `connection_init`,
 * with nothing a browser would attach by itself.
 */
export function useCsrfPrevention(): Plugin {
  const header = CSRF_HEADER.toLowerCase();
  return {
    onRequestParse({ request }) {
      if (request.headers.has(header)) return;
      // A WebSocket handshake only lands here while the WebSocket server is stopping; it is
      // refused as before (no credentials in it), and its clients retry elsewhere.
      if (request.headers.get('upgrade')?.toLowerCase() === 'websocket') return;
      const contentType = request.headers.get('content-type');
      const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
      if (mediaType && !SIMPLE_CONTENT_TYPES.has(mediaType)) return;
      throw new GraphQLError(
        `This request could have been sent by any web page (${request.method} without a JSON content type): send the header ${CSRF_HEADER} (any value), or POST with Content-Type: application/json.`,
        { extensions: { code: 'CSRF_HEADER_REQUIRED', http: { status: 403 } } },
      );
    },
  };
}
