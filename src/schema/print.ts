import { printSchema } from 'graphql';
import { schema } from './index.ts';

/** The SDL committed as schema.graphql: printed from the sorted Pothos schema. */
export function printCommittedSchema(): string {
  return `${printSchema(schema)}\n`;
}
