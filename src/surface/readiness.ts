import type { Plugin } from 'graphql-yoga';

/** What a failing readiness check answers: the cause goes to the log, not to the caller. */
export const NOT_READY_MESSAGE = 'Not ready: the database cannot be reached.';

/**
 * Answers requests for `path` (e.g. `/ready`) with 200 once `check` resolves, or 503 when it
 * throws, before authentication. Yoga's useReadinessCheck does the same, but tests every other
 * request against a URLPattern first (about 1 % of the gateway's CPU on a `node(id)` request):
 * comparing the path is enough, and other requests go on synchronously.
 *
 * The path needs no key, so a 503 says only that the gateway is not ready: the check's error
 * (a connection error names the database's host and port) goes to `onError`, as yoga's own
 * check would have put it in the response.
 */
export function useReadiness(
  path: string,
  check: () => Promise<void>,
  onError: (error: unknown) => void,
): Plugin {
  return {
    onRequest({ url, fetchAPI, endResponse }) {
      if (url.pathname !== path) return;
      return check().then(
        () => endResponse(new fetchAPI.Response(null, { status: 200 })),
        (error: unknown) => {
          onError(error);
          endResponse(
            new fetchAPI.Response(NOT_READY_MESSAGE, {
              status: 503,
              headers: { 'content-type': 'text/plain; charset=utf-8' },
            }),
          );
        },
      );
    },
  };
}
