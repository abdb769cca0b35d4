import type { CORSOptions } from 'graphql-yoga';
import { CSRF_HEADER } from './csrf-prevention.ts';
import { REQUEST_ID_HEADER } from './request-id.ts';

/**
 * Yoga's `cors` option for the allowed browser origins. No origins: no CORS headers at all, so
 * browsers only let pages of the gateway's own origin read responses. `*` allows every origin.
 * A page of another origin gets no CORS headers, so its browser refuses the response. Cookies
 * are never allowed: credentials travel in the Authorization header. (With `*`, yoga echoes the
 * caller's origin, which browsers treat the same.)
 */
export function corsOptions(
  origins: readonly string[],
): CORSOptions | ((request: Request) => CORSOptions) {
  if (origins.length === 0) return false;
  const common = {
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['authorization', 'content-type', 'accept', REQUEST_ID_HEADER, CSRF_HEADER],
    exposedHeaders: [REQUEST_ID_HEADER],
    credentials: false,
    maxAge: 600,
  };
  if (origins.includes('*')) return { ...common, origin: '*' };
  const allowed = new Set(origins);
  return (request: Request) => {
    const origin = request.headers.get('origin');
    return origin && allowed.has(origin) ? { ...common, origin } : false;
  };
}
