import type { Database } from '../db/prisma.ts';
import type { Prisma, Strategy, StrategyKind, StrategyStatus } from '../generated/prisma/client.ts';
import { type DecimalInput, parseOptionalDecimal } from './decimal-input.ts';
import { isUniqueViolation } from './errors.ts';
import { jsonObject, optionalText, parseOptionalTime, requireText } from './validation.ts';
import type { UpsertResult } from './write-result.ts';

/** Input of {@link upsertStrategy}. Omitted fields keep their stored value (or the default). */
export interface StrategyInput {
  name: string;
  /** Default `'1'`. */
  version?: string;
  kind?: StrategyKind;
  status?: StrategyStatus;
  description?: string | null;
  parameters?: Prisma.InputJsonValue;
  riskLimits?: Prisma.InputJsonValue;
  symbols?: string[];
  timeframes?: string[];
  baseCurrency?: string | null;
  /** Not negative. */
  allocatedCapital?: DecimalInput | null;
  /** Greater than 0. */
  maxPositionSize?: DecimalInput | null;
  /** Greater than 0. */
  maxLeverage?: DecimalInput | null;
  metadata?: Prisma.InputJsonValue;
  deployedAt?: Date | null;
  stoppedAt?: Date | null;
  lastRunAt?: Date | null;
}

/**
 * Creates the strategy `(name, version)` or updates the fields given. Returns the row and
 * `created`. Safe under concurrency: a racing insert of the same key turns into an update.
 */
export async function upsertStrategy(
  db: Database,
  input: StrategyInput,
): Promise<UpsertResult<Strategy>> {
  const name = requireText('name', input.name);
  const version = input.version === undefined ? '1' : requireText('version', input.version);
  const data = {
    kind: input.kind,
    status: input.status,
    description: optionalText('description', input.description),
    parameters: input.parameters,
    riskLimits: input.riskLimits,
    symbols: input.symbols,
    timeframes: input.timeframes,
    baseCurrency: optionalText('baseCurrency', input.baseCurrency),
    allocatedCapital: parseOptionalDecimal(
      'allocatedCapital',
      input.allocatedCapital,
      'not negative',
    ),
    maxPositionSize: parseOptionalDecimal('maxPositionSize', input.maxPositionSize, 'positive'),
    maxLeverage: parseOptionalDecimal('maxLeverage', input.maxLeverage, 'positive'),
    metadata: jsonObject('metadata', input.metadata),
    deployedAt: parseOptionalTime('deployedAt', input.deployedAt),
    stoppedAt: parseOptionalTime('stoppedAt', input.stoppedAt),
    lastRunAt: parseOptionalTime('lastRunAt', input.lastRunAt),
  };
  const key = { name_version: { name, version } };
  const existing = await db.strategy.findUnique({ where: key });
  if (!existing) {
    try {
      return { row: await db.strategy.create({ data: { name, version, ...data } }), created: true };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  return { row: await db.strategy.update({ where: key, data }), created: false };
}
