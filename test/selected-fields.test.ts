import {
  type FieldNode,
  type GraphQLResolveInfo,
  type OperationDefinitionNode,
  parse,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { selectedFields } from '../src/db/selected-fields.ts';
import { schema } from '../src/schema/index.ts';

// Two `positions` fields of one document, as merged for two places: [first, second] and [first].
const document = parse(`{
  positions(first: 1) { edges { node { symbol } } }
  positions(first: 1) { edges { node { remainingSize } } }
}`);
const [first, second] = (document.definitions[0] as OperationDefinitionNode).selectionSet
  .selections as FieldNode[];

function infoFor(fieldNodes: FieldNode[]): GraphQLResolveInfo {
  const returnType = schema.getQueryType()?.getFields().positions?.type;
  return { fieldNodes, returnType, fragments: {}, schema } as unknown as GraphQLResolveInfo;
}

describe('selected fields', () => {
  it('are worked out for the nodes merged into the field, whichever came first', () => {
    const read = (nodes: FieldNode[]) =>
      selectedFields(infoFor(nodes), ['edges', 'node'], 'Position', ['strategyId']);
    const both = [first, second] as FieldNode[];
    const alone = [first] as FieldNode[];
    for (let round = 0; round < 2; round += 1) {
      expect(read(alone)).toEqual(['strategyId', 'id', 'symbol']);
      expect(read(both)).toEqual(['strategyId', 'id', 'symbol', 'remainingSize']);
    }
    // Kept per parsed document: the same answer, not worked out again.
    expect(read(both)).toBe(read(both));
  });
});
