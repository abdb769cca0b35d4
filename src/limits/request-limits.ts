/**
 * Every per-request and per-caller limit the gateway enforces besides page sizes (those are
 * `PageLimits`) and the SQL statement timeout (set on the database pool). Each has a safe
 * default; `createApp({ requestLimits })` overrides any of them.
 */
export interface RequestLimits {
  /** Deepest field nesting of an operation; introspection fields are not counted (default 12). */
  maxQueryDepth: number;
  /** Aliased fields per operation, fragments expanded (default 30). */
  maxAliases: number;
  /** Directive uses per operation, fragments expanded (default 50). */
  maxDirectives: number;
  /** Lexical tokens of a document; enforced while parsing (default 2,000). */
  maxTokens: number;
  /** Estimated fields an operation resolves, list sizes multiplied in (default 50,000). */
  maxQueryCost: number;
  /** Bytes of an HTTP request body or GET query string (default 1 MiB). */
  maxRequestBytes: number;
  /** Operations per minute and principal, sustained (default 600). */
  rateLimitPerMinute: number;
  /** Operations a principal may send at once after being idle (default 100). */
  rateLimitBurst: number;
  /** Open subscriptions on one WebSocket connection (default 50). */
  maxSubscriptionsPerConnection: number;
  /** Open subscriptions of one principal on this instance, WebSocket and SSE (default 200). */
  maxSubscriptionsPerKey: number;
  /** Bytes of one WebSocket message; larger ones close the socket with 1009 (default 1 MiB). */
  maxWebSocketMessageBytes: number;
  /** How long a WebSocket may wait before `connection_init`; then closed with 4408 (default 5 s). */
  connectionInitTimeoutMs: number;
}

export const DEFAULT_REQUEST_LIMITS: Readonly<RequestLimits> = Object.freeze({
  maxQueryDepth: 12,
  maxAliases: 30,
  maxDirectives: 50,
  maxTokens: 2_000,
  maxQueryCost: 50_000,
  maxRequestBytes: 1024 * 1024,
  rateLimitPerMinute: 600,
  rateLimitBurst: 100,
  maxSubscriptionsPerConnection: 50,
  maxSubscriptionsPerKey: 200,
  maxWebSocketMessageBytes: 1024 * 1024,
  connectionInitTimeoutMs: 5_000,
});

/** The defaults with `overrides` applied. */
export function resolveRequestLimits(overrides: Partial<RequestLimits> = {}): RequestLimits {
  const defined = Object.entries(overrides).filter(([, value]) => value !== undefined);
  return { ...DEFAULT_REQUEST_LIMITS, ...Object.fromEntries(defined) };
}

/** 1,234,567: limits and measured values in messages are easier to compare with separators. */
export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}
