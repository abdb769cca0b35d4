import { type FieldNode, type GraphQLResolveInfo, getNamedType } from 'graphql';

// What is worked out from the document alone (the field's nodes, the fragments they spread) and
// the schema's types, with no variable and no @skip/@include, is the same for every request of
// a parsed document: column lists, selections, a node's row selection. It is kept with the
// field's first node, which lives as long as yoga's parsed-document cache keeps the document,
// instead of being worked out again for every request (~8 % of the gateway's CPU on the signals
// page, whose lookup plans three levels of embedded pages; ~4 % on `node(id)`). The other nodes
// merged into the field are compared too: a fragment's field merges with different siblings
// where it is spread, and graphql-js leaves out skipped ones.

interface FieldResults {
  fieldNodes: readonly FieldNode[];
  byKey: Map<string, unknown>;
}

const resultsByNode = new WeakMap<FieldNode, FieldResults>();

/**
 * `compute()` for the current field and `key`, once per field of a parsed document. `compute`
 * must read nothing but the document and the schema (no variables, no context).
 */
export function perDocumentField<T>(info: GraphQLResolveInfo, key: string, compute: () => T): T {
  const first = info.fieldNodes[0] as FieldNode;
  let results = resultsByNode.get(first);
  if (!results || !sameNodes(results.fieldNodes, info.fieldNodes)) {
    results = { fieldNodes: [...info.fieldNodes], byKey: new Map() };
    resultsByNode.set(first, results);
  }
  // A field node in a fragment can be reached under types whose field returns another type.
  const typed = `${getNamedType(info.returnType).name}:${key}`;
  if (results.byKey.has(typed)) return results.byKey.get(typed) as T;
  const result = compute();
  results.byKey.set(typed, result);
  return result;
}

/** Whether two lists of field nodes hold the same nodes in the same order. */
function sameNodes(a: readonly FieldNode[], b: readonly FieldNode[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
