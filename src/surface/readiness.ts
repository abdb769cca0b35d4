import type { Plugin } from 'graphql-yoga';

/**
 * Answers requests for `path` (e.g. `/ready`) with 200 once `check` resolves, or 503 with the
 * error's message when it throws, before authentication. Yoga's useReadinessCheck does the
 * same, but tests every other request against a URLPattern first (about 1 % of the gateway's
 * CPU on a `node(id)` request): comparing the path is enough, and other requests go on
 * synchronously.
 */
export function useReadiness(path: string, check: () => Promise<void>): Plugin {
  return {
    onRequest({ url, fetchAPI, endResponse }) {
      if (url.pathname !== path) return;
      return check().then(
        () => endResponse(new fetchAPI.Response(null, { status: 200 })),
        (error: unknown) => {
          const message = error instanceof Error ? error.message : null;
          endResponse(
            new fetchAPI.Response(message, {
              status: 503,
              headers: message ? { 'content-type': 'text/plain; charset=utf-8' } : {},
            }),
          );
        },
      );
    },
  };
}
