/** One error of a GraphQL response, as the gateway sends it. */
export interface TradegraphErrorEntry {
  message: string;
  path?: ReadonlyArray<string | number>;
  /** `extensions.code` is `BAD_USER_INPUT`, `SLOW_CONSUMER`, ... ; unexpected errors carry none. */
  extensions?: { code?: string; [key: string]: unknown };
}

/** The gateway answered HTTP with a status that is not a GraphQL response (502, 404, ...). */
export class TradegraphHttpError extends Error {
  override name = 'TradegraphHttpError';
  constructor(
    /** The HTTP status. */
    readonly status: number,
    /** The response body, as text (possibly empty). */
    readonly body: string,
  ) {
    super(`Tradegraph answered HTTP ${status}${body ? `: ${body.slice(0, 200)}` : ''}`);
  }
}

/**
 * The gateway answered with GraphQL errors (a bad query or variables, an unexpected error, a
 * subscription refused). `codes` lists each error's `extensions.code`; `data` holds any partial
 * data that came with them.
 */
export class TradegraphGraphQLError extends Error {
  override name = 'TradegraphGraphQLError';
  /** Each error's `extensions.code`, `undefined` where it had none. */
  readonly codes: Array<string | undefined>;
  constructor(
    readonly errors: readonly TradegraphErrorEntry[],
    readonly data?: unknown,
  ) {
    super(errors.map((error) => error.message).join('; ') || 'GraphQL error');
    this.codes = errors.map((error) => error.extensions?.code);
  }
}

/** The WebSocket was closed with a code that retrying cannot fix (4400 bad request, 4401, ...). */
export class TradegraphConnectionError extends Error {
  override name = 'TradegraphConnectionError';
  constructor(
    readonly code: number,
    readonly reason: string,
  ) {
    super(`Tradegraph closed the WebSocket with ${code}${reason ? `: ${reason}` : ''}`);
  }
}

/** A `WriterError` member of a mutation's result union, as selected by the operation. */
export interface WriterErrorResult {
  __typename: 'WriterError';
  code: string;
  field?: string | null;
  message: string;
}

/** A mutation refused the input: `code` is the `WriterErrorCode`, `field` the input it blames. */
export class TradegraphWriterError extends Error {
  override name = 'TradegraphWriterError';
  readonly code: string;
  readonly field: string | null;
  constructor(error: WriterErrorResult) {
    super(error.message);
    this.code = error.code;
    this.field = error.field ?? null;
  }
}

/** True when a mutation result is the `WriterError` member (select `__typename` to use it). */
export function isWriterError<T extends { __typename?: string }>(
  result: T,
): result is Extract<T, { __typename: 'WriterError' }> {
  return result.__typename === 'WriterError';
}

/**
 * Narrows a mutation result union `XSuccess | WriterError` to `XSuccess`, throwing
 * {@link TradegraphWriterError} (with `code` and `field`) for a `WriterError`. The operation
 * must select `__typename` and, on `WriterError`, `code field message`.
 */
export function expectSuccess<T extends { __typename?: string }>(
  result: T,
): Exclude<T, { __typename: 'WriterError' }> {
  if (isWriterError(result)) throw new TradegraphWriterError(result as never);
  return result as Exclude<T, { __typename: 'WriterError' }>;
}
