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
import { perDocumentField } from './per-document-field.ts';

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
): readonly string[] | null {
  const key = `fields:${model}:${always.join()}:${path.join('.')}:${objectType?.name ?? ''}`;
  return perDocumentField(info, key, () => selectedFieldsOf(info, path, model, always, objectType));
}

function selectedFieldsOf(
  info: GraphQLResolveInfo,
  path: readonly string[],
  model: string,
  always: readonly string[],
  objectType: GraphQLObjectType | undefined,
): string[] | null {
  const selected = selectedObjectFields(info, path, objectType);
  if (selected === null) return null;
  const columns = new Set(scalarFieldsOf(model));
  const needed = new Set(always.filter((field) => columns.has(field)));
  needed.add('id');
  for (const field of selected) {
    if (field.name === 'id') continue;
    const need = needOf(field, model);
    if (need === null) return null;
    for (const item of need) if (columns.has(item)) needed.add(item);
  }
  return [...needed];
}

/**
 * The fields of the object type at `path` below the current field that its selection asks for
 * (`__typename` left out; a field asked twice, once), or null when the type at `path` is not an
 * object type or the selection names a field it does not have.
 */
export function selectedObjectFields(
  info: GraphQLResolveInfo,
  path: readonly string[],
  objectType?: GraphQLObjectType,
): readonly GraphQLField<unknown, unknown>[] | null {
  const selection = selectionAt(info, path, objectType);
  if (!selection) return null;
  const selected = new Set<GraphQLField<unknown, unknown>>();
  for (const { node, field } of selection) {
    if (node.name.value === '__typename') continue;
    if (!field) return null;
    selected.add(field);
  }
  return [...selected];
}

/**
 * Each field node selected on the object type at `path` below the current field (through
 * fragments that apply to it), with the field it asks for (undefined for `__typename` or a name
 * the type does not have); null when the type at `path` is not an object type.
 */
export function selectionAt(
  info: GraphQLResolveInfo,
  path: readonly string[],
  objectType?: GraphQLObjectType,
): readonly SelectedField[] | null {
  const key = `at:${path.join('.')}:${objectType?.name ?? ''}`;
  return perDocumentField(info, key, () => selectionAtOf(info, path, objectType));
}

/** A field node of a selection and the field it asks for (undefined: `__typename` or unknown). */
export interface SelectedField {
  node: FieldNode;
  field: GraphQLField<unknown, unknown> | undefined;
}

function selectionAtOf(
  info: GraphQLResolveInfo,
  path: readonly string[],
  objectType: GraphQLObjectType | undefined,
): SelectedField[] | null {
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
  const fields = type.getFields();
  return nodes
    .flatMap((item) => fieldsNamed(item.selectionSet, null, info, type))
    .map((node) => ({ node, field: fields[node.name.value] }));
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
