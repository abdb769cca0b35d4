import {
  type DocumentNode,
  type FragmentDefinitionNode,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** How deep, and how many aliases and directives, an operation has with its fragments expanded. */
export interface OperationShape {
  depth: number;
  aliases: number;
  directives: number;
}

/**
 * Measures an operation as it will execute: fragment spreads count where they are spread, as
 * often as they are spread (a fragment of 10 aliases spread 5 times is 50 aliases). Each
 * fragment is measured once, so nested spreads cannot make the measuring itself expensive;
 * cyclic spreads (invalid anyway, reported by graphql-js) count as empty.
 *
 * Depth counts field nesting (a top-level field is 1). Introspection (`__schema`, `__type`) is
 * not counted for depth: GraphiQL's own schema query nests `ofType` a dozen levels, is static
 * data, and stays bounded by the token limit.
 */
export function measureOperation(
  document: DocumentNode,
  operation: OperationDefinitionNode,
): OperationShape {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.set(definition.name.value, definition);
    }
  }
  const measured = new Map<string, OperationShape>();
  const inProgress = new Set<string>();

  const fragmentShape = (name: string): OperationShape => {
    const known = measured.get(name);
    if (known) return known;
    const fragment = fragments.get(name);
    if (!fragment || inProgress.has(name)) return { depth: 0, aliases: 0, directives: 0 };
    inProgress.add(name);
    const shape = selectionShape(fragment.selectionSet);
    shape.directives += fragment.directives?.length ?? 0;
    inProgress.delete(name);
    measured.set(name, shape);
    return shape;
  };

  const selectionShape = (selectionSet: SelectionSetNode): OperationShape => {
    const total: OperationShape = { depth: 0, aliases: 0, directives: 0 };
    for (const selection of selectionSet.selections) {
      total.directives += selection.directives?.length ?? 0;
      let inner: OperationShape;
      let ownDepth = 0;
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) total.aliases += 1;
        inner = selection.selectionSet
          ? selectionShape(selection.selectionSet)
          : { depth: 0, aliases: 0, directives: 0 };
        const introspection =
          selection.name.value === '__schema' || selection.name.value === '__type';
        if (introspection) inner = { ...inner, depth: 0 };
        else ownDepth = 1;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        inner = selectionShape(selection.selectionSet);
      } else {
        inner = fragmentShape(selection.name.value);
      }
      total.depth = Math.max(total.depth, ownDepth + inner.depth);
      total.aliases += inner.aliases;
      total.directives += inner.directives;
    }
    return total;
  };

  const shape = selectionShape(operation.selectionSet);
  shape.directives += operation.directives?.length ?? 0;
  for (const variable of operation.variableDefinitions ?? []) {
    shape.directives += variable.directives?.length ?? 0;
  }
  return shape;
}
