import { getDatamodel } from '../generated/pothos-types.ts';

/**
 * The SELECT list that reads a model's rows in the shape Prisma returns them: every scalar and
 * enum field (or only `fields`), under its Prisma field name. Column names follow the schema's
 * convention (each field is `@map`ped to its snake_case name; test/row-reader.test.ts compares
 * every field of every model served this way with Prisma's own result).
 */
export function modelSelectList(model: string, alias: string, fields?: readonly string[]): string {
  const key = `${model}:${alias}:${fields?.join(',') ?? '*'}`;
  let list = selectLists.get(key);
  if (!list) {
    const known = scalarFieldsOf(model);
    list = (fields ? known.filter((field) => fields.includes(field)) : known)
      .map((field) => `${alias}."${columnOf(field)}" AS "${field}"`)
      .join(', ');
    selectLists.set(key, list);
  }
  return list;
}

/** The table of each model the row reader serves. */
export const MODEL_TABLES: Record<string, string> = {
  Strategy: 'strategies',
  Signal: 'signals',
  Order: 'orders',
  Fill: 'fills',
  Position: 'positions',
  EquitySnapshot: 'equity_snapshots',
  MlModel: 'ml_models',
  Prediction: 'predictions',
  BacktestRun: 'backtest_runs',
  StrategyPerformance: 'strategy_performance',
  RiskEvent: 'risk_events',
};

/** A to-one relation of `model` stored in one foreign key column, or undefined. */
export function toOneRelation(
  model: string,
  field: string,
): { target: string; foreignKey: string } | undefined {
  const relation = datamodel().models[model]?.fields.find((item) => item.name === field);
  const from = relation?.relationFromFields;
  if (relation?.kind !== 'object' || relation.isList || from?.length !== 1) return;
  return { target: relation.type, foreignKey: from[0] as string };
}

/** The column of a Prisma field name, e.g. `generatedAt` -> `generated_at`. */
export function columnOf(field: string): string {
  return field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** The Prisma field of a column, e.g. `generated_at` -> `generatedAt`. */
export function fieldOf(column: string): string {
  return column.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

/** The fields of `model` as the Prisma schema defines them (empty for an unknown model). */
export function fieldDefinitionsOf(model: string) {
  return datamodel().models[model]?.fields ?? [];
}

/** Scalar and enum field names of `model` (e.g. `Signal`), in schema order. */
export function scalarFieldsOf(model: string): string[] {
  const fields = datamodel().models[model]?.fields;
  if (!fields) throw new Error(`Unknown Prisma model ${model}`);
  return fields.filter((field) => field.kind !== 'object').map((field) => field.name);
}

const selectLists = new Map<string, string>();
let parsed: ReturnType<typeof getDatamodel>['datamodel'] | undefined;

function datamodel() {
  parsed ??= getDatamodel().datamodel;
  return parsed;
}
