import {
  type FieldNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  getNamedType,
  isObjectType,
  Kind,
  type SelectionSetNode,
} from 'graphql';
import { scalarFieldsOf, toOneRelation } from './model-rows.ts';

/**
 * The Prisma fields of `model` that resolving the current field's selection at `path` (e.g.
 * `['edges', 'node']` of a connection) reads from each row, plus `always`: what the row reader
 * needs to SELECT, instead of every column. Returns null (read every column) as soon as a
 * selected field's needs are not known: only fields exposed straight from a column, plugin-prisma
 * relations (their foreign key), `id` and connections (which page by the row's id) are.
 */
export function selectedFields(
  info: GraphQLResolveInfo,
  path: readonly string[],
  model: string,
  always: readonly string[],
  /** The object type the rows resolve as, where the field returns an interface (`node`). */
  objectType?: GraphQLObjectType,
): string[] | null {
  let nodes: readonly FieldNode[] = info.fieldNodes;
  let type = objectType ?? getNamedType(info.returnType);
  for (const name of path) {
    if (!isObjectType(type)) return null;
    const field = type.getFields()[name];
    if (!field) return null;
    nodes = nodes.flatMap((node) => fieldsNamed(node.selectionSet, name, info));
    type = getNamedType(field.type);
  }
  if (!isObjectType(type)) return null;
  const columns = new Set(scalarFieldsOf(model));
  const needed = new Set(always.filter((field) => columns.has(field)));
  needed.add('id');
  const fields = type.getFields();
  const selections = nodes.flatMap((item) => fieldsNamed(item.selectionSet, null, info, type));
  for (const node of selections) {
    const name = node.name.value;
    if (name === '__typename' || name === 'id') continue;
    const field = fields[name];
    if (!field) return null;
    const need = needOf(field, model);
    if (need === null) return null;
    for (const item of need) if (columns.has(item)) needed.add(item);
  }
  return [...needed];
}

/** What one field of the row's type reads from the row, or null when unknown. */
function needOf(field: GraphQLField<unknown, unknown>, model: string): string[] | null {
  const extensions = field.extensions as Record<string, unknown>;
  if (typeof extensions.pothosExposedField === 'string') return [extensions.pothosExposedField];
  if (extensions.pothosPrismaRelationField) {
    const relation = toOneRelation(model, field.name);
    return relation ? [relation.foreignKey] : [];
  }
  if (getNamedType(field.type).name.endsWith('Connection')) return [];
  return null;
}

/**
 * Fields of a selection set named `name` (all when null), through every fragment; with `type`,
 * only through fragments that apply to it (`... on Signal` under `node`, not `... on Order`).
 */
function fieldsNamed(
  selectionSet: SelectionSetNode | undefined,
  name: string | null,
  info: GraphQLResolveInfo,
  type?: GraphQLObjectType,
): FieldNode[] {
  if (!selectionSet) return [];
  const found: FieldNode[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (name === null || selection.name.value === name) found.push(selection);
      continue;
    }
    const fragment =
      selection.kind === Kind.INLINE_FRAGMENT ? selection : info.fragments[selection.name.value];
    if (fragment && appliesTo(fragment.typeCondition?.name.value, type)) {
      found.push(...fieldsNamed(fragment.selectionSet, name, info, type));
    }
  }
  return found;
}

function appliesTo(condition: string | undefined, type: GraphQLObjectType | undefined): boolean {
  if (!condition || !type || condition === type.name) return true;
  return type.getInterfaces().some((item) => item.name === condition);
}
