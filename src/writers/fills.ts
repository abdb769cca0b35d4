import type { Database } from '../db/prisma.ts';
import type {
  ExitReason,
  Fill,
  Liquidity,
  Order,
  Position,
  Prisma,
} from '../generated/prisma/client.ts';
import { type DecimalInput, exact, parseDecimal } from './decimal-input.ts';
import { isUniqueViolation, WriterError } from './errors.ts';
import { FillRaceLost, writeFillBatch } from './fill-batch.ts';
import type { ParsedFill } from './fill-batch-rows.ts';
import { parseOrderRef } from './orders.ts';
import { type IdInput, jsonObject, optionalText, parseTime, requireOneOf } from './validation.ts';

/** Input of {@link recordFill}: name the order by `orderId` or `clientOrderId`. */
export interface FillInput {
  orderId?: IdInput;
  clientOrderId?: string;
  /** The venue's trade id: with the order's exchange, the idempotency key. */
  exchangeFillId?: string | null;
  /** Greater than 0. */
  price: DecimalInput;
  /** Greater than 0, at most the order's unfilled quantity. */
  quantity: DecimalInput;
  /** Default 0; positive = paid, negative = rebate. In the order's fee asset. */
  fee?: DecimalInput;
  feeAsset?: string | null;
  liquidity?: Liquidity | null;
  metadata?: Prisma.InputJsonValue;
  /** Execution time at the venue; at most 5 minutes in the future. */
  executedAt: Date;
  /** Why the position closed, if this fill closes it; default from the order type. */
  exitReason?: ExitReason | null;
}

/** Result of {@link recordFill}: the fill and its order and position after it. */
export interface RecordFillResult {
  fill: Fill;
  order: Order;
  /** The position the fill was applied to (opened, increased or reduced). */
  position: Position | null;
  /** False when `(exchange, exchangeFillId)` was already recorded: nothing was applied. */
  created: boolean;
  /** On a retry, the fields whose stored value differs from this input; the stored fill wins. */
  conflicts: string[];
}

/** Attempts of a batch that lost a unique-key race; the retry then finds the winner's rows. */
const ATTEMPTS = 3;

/**
 * Records one fill and, in the same transaction, its consequences on the order and position
 * (see {@link recordFills}). Idempotent by `(exchange, exchangeFillId)`.
 */
export async function recordFill(db: Database, input: FillInput): Promise<RecordFillResult> {
  const [result] = await recordFills(db, [input], '');
  if (!result) throw new Error('recordFills returned no result for one fill');
  return result;
}

/**
 * Records fills in order, all in one transaction (all or nothing), each with its consequences:
 *
 * - the order (row locked with SELECT ... FOR UPDATE): `filledQuantity`, the quantity-weighted
 *   `averageFillPrice` (exact, rounded to 18 decimals), `fees`, `feeAsset` if unset,
 *   `firstFillAt`, status `PARTIALLY_FILLED` or `FILLED` (with `closedAt`); a `PENDING_CANCEL`
 *   order stays so until filled completely;
 * - the position: the order's, else the open position of the same strategy, mode and
 *   instrument, else a new one opened in the fill's direction; order and fill are linked to
 *   it. See `applyExecution` for the arithmetic; a fill that would flip a position through
 *   zero is refused.
 *
 * Refused: a fill larger than the order's unfilled quantity; a fill of a `REJECTED` order; a
 * fill of a `CANCELED` or `EXPIRED` order unless executed at or before its `closedAt` (venues
 * report executions that beat the cancel after the cancel itself; the order keeps its final
 * status); a fee asset other than the order's.
 *
 * A fill whose `(exchange, exchangeFillId)` is already recorded is returned as it is, with
 * `created: false`, and nothing is applied again; concurrent identical calls apply once (the
 * order lock serialises them, and a unique violation retries the batch, which then finds the
 * stored row). Fills without `exchangeFillId` cannot be deduplicated. `fieldPrefix` names the
 * element at fault in errors (`fills.3.quantity`); default `fills.<index>.`.
 *
 * A batch costs a constant number of SQL statements whatever its size (see fill-batch.ts): its
 * orders are locked in id order, its instruments' advisory locks in hash order, so concurrent
 * batches sharing orders cannot deadlock. Each result holds the order and position as they were
 * right after that fill. Live events: one `fill_created` per new fill, and one `order_updated`
 * / `position_updated` per order or position the batch touched (not one per fill): a position
 * opened and changed within the batch makes one INSERT event, carrying its final state.
 */
export async function recordFills(
  db: Database,
  inputs: readonly FillInput[],
  fieldPrefix?: string,
): Promise<RecordFillResult[]> {
  const parsed = inputs.map((input, index) => parseFill(input, fieldPrefix ?? `fills.${index}.`));
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction((tx) => writeFillBatch(tx, parsed), {
        maxWait: 10_000,
        timeout: 30_000,
      });
    } catch (error) {
      if (!(error instanceof FillRaceLost) && !isUniqueViolation(error)) throw error;
      if (attempt >= ATTEMPTS) {
        throw new WriterError(
          'CONFLICT',
          'exchangeFillId',
          'a fill with the same exchange and exchangeFillId was recorded concurrently for another order.',
        );
      }
    }
  }
}

function parseFill(input: FillInput, prefix: string): ParsedFill {
  const field = (name: string) => `${prefix}${name}`;
  return {
    ref: prefixed(prefix, () => parseOrderRef(input)),
    exchangeFillId: optionalText(field('exchangeFillId'), input.exchangeFillId),
    execution: {
      price: parseDecimal(field('price'), input.price, 'positive'),
      quantity: parseDecimal(field('quantity'), input.quantity, 'positive'),
      fee: input.fee === undefined ? exact(0) : parseDecimal(field('fee'), input.fee),
    },
    feeAsset: optionalText(field('feeAsset'), input.feeAsset),
    liquidity:
      input.liquidity == null
        ? input.liquidity
        : requireOneOf(field('liquidity'), input.liquidity, ['MAKER', 'TAKER'] as const),
    metadata: jsonObject('metadata', input.metadata),
    executedAt: parseTime(field('executedAt'), input.executedAt),
    exitReason: input.exitReason,
    prefix,
  };
}

function prefixed<T>(prefix: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof WriterError && prefix) {
      throw new WriterError(error.code, `${prefix}${error.field}`, `${prefix}${error.message}`);
    }
    throw error;
  }
}
