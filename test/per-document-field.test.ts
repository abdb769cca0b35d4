import {
  type FieldNode,
  type GraphQLResolveInfo,
  GraphQLString,
  type OperationDefinitionNode,
  parse,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { perDocumentField } from '../src/db/per-document-field.ts';

const document = parse('{ a { x } a { y } }');
const operation = document.definitions[0] as OperationDefinitionNode;
const [first, second] = operation.selectionSet.selections as [FieldNode, FieldNode];

/** The parts of a resolve info perDocumentField reads. */
const infoOf = (fieldNodes: FieldNode[]) =>
  ({ fieldNodes, returnType: GraphQLString }) as unknown as GraphQLResolveInfo;

describe('perDocumentField', () => {
  it('works a field out once per key while its nodes stay the same', () => {
    let computed = 0;
    const compute = () => ++computed;
    const info = infoOf([first]);
    expect(perDocumentField(info, 'k', compute)).toBe(1);
    // Another request of the same parsed document: another info, the same nodes.
    expect(perDocumentField(infoOf([first]), 'k', compute)).toBe(1);
    expect(perDocumentField(info, 'other', compute)).toBe(2);
  });

  it('works it out again where the first node merges with other nodes (a spread fragment)', () => {
    let computed = 0;
    const compute = () => ++computed;
    expect(perDocumentField(infoOf([first]), 'merged', compute)).toBe(1);
    expect(perDocumentField(infoOf([first, second]), 'merged', compute)).toBe(2);
    expect(perDocumentField(infoOf([first]), 'merged', compute)).toBe(3);
  });
});
