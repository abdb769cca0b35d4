import { Prisma } from '../generated/prisma/client.ts';

/**
 * What kind of refusal a {@link WriterError} is:
 * - `NOT_FOUND`: a referenced row (strategy, order, signal, position, model...) does not exist;
 * - `INVALID`: the input breaks a rule (sign, range, precision, time, required field);
 * - `CONFLICT`: the input contradicts what is already recorded (another order's fill id, a
 *   position that is already closed, a different fee asset);
 * - `ILLEGAL_TRANSITION`: a status change the transition table does not allow.
 */
export type WriterErrorCode = 'NOT_FOUND' | 'INVALID' | 'CONFLICT' | 'ILLEGAL_TRANSITION';

/**
 * The one error type writers throw for expected refusals. `field` names the input field at
 * fault (dotted for nested ones, e.g. `takeProfits.1`), so that a GraphQL mutation can turn it
 * into a typed result; the message says what was wrong and how to fix it. Anything else a writer
 * throws is unexpected and must be masked by the caller.
 */
export class WriterError extends Error {
  override readonly name = 'WriterError';
  readonly code: WriterErrorCode;
  readonly field: string;
  /**
   * For a NOT_FOUND by id: the kind of row and the database id looked up, so that an API can
   * word the refusal with the id its caller sent (a GraphQL global ID), not the database's.
   */
  readonly missing?: { what: string; id: bigint | string };

  constructor(
    code: WriterErrorCode,
    field: string,
    message: string,
    missing?: { what: string; id: bigint | string },
  ) {
    super(message);
    this.code = code;
    this.field = field;
    this.missing = missing;
  }
}

/** Shorthand for an `INVALID` refusal of `field`. */
export function invalid(field: string, message: string): WriterError {
  return new WriterError('INVALID', field, message);
}

/** Shorthand for a `NOT_FOUND` refusal: `what` is the kind of row, e.g. `strategy`. */
export function notFound(field: string, what: string, id: bigint | string): WriterError {
  return new WriterError('NOT_FOUND', field, `${field}: no ${what} with id ${id} exists.`, {
    what,
    id,
  });
}

/**
 * True for a unique-constraint violation (Prisma's P2002): the sign that a concurrent writer
 * inserted the same natural key first, so the caller should read and return that row.
 */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}
