import type { CredentialWatch } from './auth/credential-watch.ts';
import type { Principal } from './auth/principal.ts';
import type { Database } from './db/prisma.ts';
import type { FrameSink } from './realtime/frame-sink.ts';
import type { Live } from './realtime/live.ts';

/** Page-size limits every connection enforces. */
export interface PageLimits {
  maxPageSize: number;
  defaultPageSize: number;
}

/**
 * The per-request context. `prisma` is the app's one client, handed in by `createApp` (never
 * created per request): the schema is module-level while each app, in tests and in the gateway,
 * owns its own database connection.
 */
export interface Context {
  prisma: Database;
  limits: PageLimits;
  /** Who the request acts for: authenticated before the operation was even parsed. */
  principal: Principal;
  /** Ends subscriptions whose credentials are revoked or expire. */
  credentials: CredentialWatch;
  /** The instance's live event feed; absent in an app built without subscriptions. */
  live?: Live;
  /**
   * The WebSocket of a graphql-ws operation (absent over HTTP and SSE). Its connection is watched
   * as a whole: it is closed with 4403 when its credentials are revoked or expire.
   */
  socket?: object;
  /** Where a graphql-ws subscription's results are written directly (absent over HTTP and SSE). */
  frames?: FrameSink;
}
