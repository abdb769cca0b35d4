import { encodeGlobalID } from '@pothos/plugin-relay';
import { type GraphQLResolveInfo, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { Context } from '../src/context.ts';
import { schema } from '../src/schema/index.ts';
import { withoutRowChecks } from '../src/schema/row-check-plugin.ts';

const nodeTypes = Object.values(schema.getTypeMap()).filter(
  (type) => isObjectType(type) && type.getInterfaces().some((node) => node.name === 'Node'),
);
const context = { principal: { strategyIds: null } } as unknown as Context;

/** The id field of `typename` answering for a row with id 12, with its resolver as compiled. */
function idOf(typename: string) {
  const type = schema.getType(typename);
  if (!isObjectType(type)) throw new Error(`${typename} is not an object type`);
  const info = { parentType: type, fieldName: 'id', path: { key: 'id' } } as GraphQLResolveInfo;
  return type.getFields().id?.resolve?.({ id: 12n, strategyId: 1n }, {}, context, info);
}

describe('node ids', () => {
  it('covers every node type', () => {
    expect(nodeTypes.map((type) => type.name)).toContain('Signal');
    expect(nodeTypes.length).toBeGreaterThan(10);
  });

  it.each(nodeTypes.map((type) => type.name))(
    'answers the id of a %s row as plugin-relay encodes it, without a promise',
    async (typename) => {
      const expected = encodeGlobalID(typename, '12');
      expect(withoutRowChecks(schema, () => idOf(typename))).toBe(expected);
      // With the row check (scope-auth may answer through a promise of its own).
      expect(await idOf(typename)).toBe(expected);
    },
  );
});
