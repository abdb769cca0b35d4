import { readFileSync } from 'node:fs';
import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../src/schema/index.ts';
import { printCommittedSchema } from '../src/schema/print.ts';

describe('schema.graphql', () => {
  it('matches the schema the code builds (run `npm run schema:print` after changing it)', () => {
    const committed = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');
    expect(
      committed === printCommittedSchema(),
      'schema.graphql is out of date: run `npm run schema:print`',
    ).toBe(true);
  });

  it('describes every public type, field, argument and enum value', () => {
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          if ('args' in field) {
            for (const arg of field.args) {
              if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
            }
          }
        }
      }
      if (isEnumType(type)) {
        for (const value of type.getValues()) {
          if (!value.description) missing.push(`${type.name}.${value.name}`);
        }
      }
      if (isScalarType(type) && !type.description) missing.push(type.name);
    }
    expect(missing).toEqual([]);
  });

  it('serves the nine top-level connections under their exact names', () => {
    const query = schema.getQueryType();
    const fields = Object.keys(query?.getFields() ?? {});
    for (const name of [
      'strategies',
      'signals',
      'orders',
      'fills',
      'positions',
      'equitySnapshots',
      'mlModels',
      'predictions',
      'backtestRuns',
      'node',
      'nodes',
      'strategy',
      'order',
    ]) {
      expect(fields).toContain(name);
    }
  });
});
