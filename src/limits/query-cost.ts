import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import type { PageLimits } from '../context.ts';

/**
 * Estimates how many fields an operation resolves, assuming every page is full: every field
 * costs 1, and a connection's `edges`/`nodes` repeat as often as its page size (`first` or
 * `last`, else the default page size, at most the maximum), so in `signals(first: 50) { edges {
 * node { orders(first: 5) { edges { … } } } } }` the orders' edges count 250 times, while a
 * `totalCount` counts once per connection. `nodes(ids:)` repeats once per id. Introspection
 * fields are free. Variables are resolved, so this runs with the request's variable values.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | null | undefined,
  pages: PageLimits,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.set(definition.name.value, definition);
    }
  }
  const defaults = new Map<string, ValueNode>();
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue)
      defaults.set(definition.variable.name.value, definition.defaultValue);
  }
  const intValue = (node: ValueNode | undefined): number | undefined => {
    if (!node) return undefined;
    if (node.kind === Kind.INT) return Number(node.value);
    if (node.kind === Kind.VARIABLE) {
      const value = variables?.[node.name.value];
      if (typeof value === 'number') return value;
      if (value == null) return intValue(defaults.get(node.name.value));
    }
    return undefined;
  };
  const listLength = (node: ValueNode | undefined): number | undefined => {
    if (!node) return undefined;
    if (node.kind === Kind.LIST) return node.values.length;
    if (node.kind === Kind.VARIABLE) {
      const value = variables?.[node.name.value];
      if (Array.isArray(value)) return value.length;
      if (value == null) return listLength(defaults.get(node.name.value));
    }
    return undefined;
  };
  const argument = (field: FieldNode, name: string) =>
    field.arguments?.find((arg) => arg.name.value === name)?.value;

  /** The page size of a connection field; undefined for any other field. */
  const pageSize = (field: FieldNode, definition: GraphQLField<unknown, unknown>) => {
    const argNames = new Set(definition.args.map((arg) => arg.name));
    if (!argNames.has('first') || !argNames.has('last')) return undefined;
    const size = intValue(argument(field, 'first')) ?? intValue(argument(field, 'last'));
    return Math.max(0, Math.min(size ?? pages.defaultPageSize, pages.maxPageSize));
  };

  // A fragment costs the same wherever it is spread with the same list factor: cost each once,
  // so that fragments spreading each other twice over cannot make the estimate exponential.
  const fragmentCosts = new Map<string, number>();
  const fragmentsInProgress = new Set<string>();
  const fragmentCost = (name: string, type: GraphQLCompositeType, listFactor: number) => {
    const key = `${name}:${listFactor}`;
    const known = fragmentCosts.get(key);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    if (!fragment || fragmentsInProgress.has(name)) return 0;
    fragmentsInProgress.add(name);
    const fragmentType = narrowed(fragment.typeCondition.name.value) ?? type;
    const cost = selectionCost(fragment.selectionSet, fragmentType, listFactor);
    fragmentsInProgress.delete(name);
    fragmentCosts.set(key, cost);
    return cost;
  };

  /**
   * `listFactor` is the page size of the connection these selections belong to: its list fields
   * (`edges`, `nodes`) repeat that often, its `totalCount` and `pageInfo` once.
   */
  const selectionCost = (
    selectionSet: SelectionSetNode,
    type: GraphQLCompositeType,
    listFactor: number,
  ): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue;
        const definition =
          isObjectType(type) || isInterfaceType(type)
            ? type.getFields()[selection.name.value]
            : undefined;
        if (!definition) continue; // validation reports unknown fields
        const repeats = isListType(getNullableType(definition.type))
          ? (listLength(argument(selection, 'ids')) ?? listFactor)
          : 1;
        const fieldType = getNamedType(definition.type);
        const inner =
          selection.selectionSet && isCompositeType(fieldType)
            ? selectionCost(selection.selectionSet, fieldType, pageSize(selection, definition) ?? 1)
            : 0;
        total += repeats * (1 + inner);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const fragmentType = narrowed(selection.typeCondition?.name.value) ?? type;
        total += selectionCost(selection.selectionSet, fragmentType, listFactor);
      } else {
        total += fragmentCost(selection.name.value, type, listFactor);
      }
    }
    return total;
  };
  const narrowed = (name: string | undefined): GraphQLCompositeType | undefined => {
    const type = name ? schema.getType(name) : undefined;
    return type && isCompositeType(type) ? type : undefined;
  };

  const root = schema.getRootType(operation.operation);
  return root ? selectionCost(operation.selectionSet, root, 1) : 0;
}
