import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * - `off`: every request sends its query text; hashes are not looked up.
 * - `allow`: a request may send a registered hash instead of the text; free-form queries run too.
 * - `only`: only registered operations run (recommended in production).
 */
export type PersistedOperationsMode = 'off' | 'allow' | 'only';

export const PERSISTED_OPERATIONS_MODES = ['off', 'allow', 'only'] as const;

export interface PersistedOperations {
  mode: PersistedOperationsMode;
  /** Registered operations: hash (hex sha256 of the document text, no prefix) to the text. */
  documents: ReadonlyMap<string, string>;
}

/** The manifest `npm run codegen` writes for the operations of the typed client. */
export const CLIENT_MANIFEST = fileURLToPath(
  new URL('../client/generated/persisted-documents.json', import.meta.url),
);

/**
 * Reads manifests (JSON objects of hash to document text, as GraphQL Code Generator's client
 * preset writes them) into one map: the typed client's own, then `files` in order. Throws an
 * error naming the file for one that is missing or not such an object.
 */
export function loadPersistedDocuments(files: readonly string[]): Map<string, string> {
  const documents = new Map<string, string>();
  for (const file of [CLIENT_MANIFEST, ...files]) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new Error(`Persisted operations manifest ${file}: ${(error as Error).message}`);
    }
    if (parsed == null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new Error(`Persisted operations manifest ${file}: expected an object of hash to query`);
    }
    for (const [hash, document] of Object.entries(parsed)) {
      if (typeof document !== 'string') {
        throw new Error(`Persisted operations manifest ${file}: the entry ${hash} is not a string`);
      }
      documents.set(withoutAlgorithm(hash), document);
    }
  }
  return documents;
}

/** What a request may carry: GraphQL-over-HTTP params or a graphql-ws subscribe payload. */
interface OperationParams {
  query?: unknown;
  documentId?: unknown;
  extensions?: unknown;
}

/** The hash a request names, in `documentId` or Apollo's `extensions.persistedQuery`. */
export function persistedOperationId(params: OperationParams): string | undefined {
  if (typeof params.documentId === 'string') return withoutAlgorithm(params.documentId);
  const { extensions } = params;
  if (extensions == null || typeof extensions !== 'object') return undefined;
  const persisted = (extensions as { persistedQuery?: unknown }).persistedQuery;
  if (persisted == null || typeof persisted !== 'object') return undefined;
  const hash = (persisted as { sha256Hash?: unknown }).sha256Hash;
  return typeof hash === 'string' ? withoutAlgorithm(hash) : undefined;
}

// Codegen writes `sha256:<hex>`, Apollo's clients send `<hex>`: both name the same operation.
function withoutAlgorithm(hash: string): string {
  return hash.replace(/^sha256:/, '');
}

/**
 * The query text a request runs under `options`: the registered document when it names a hash
 * (its own text, if any, is ignored), else its own text unless the mode is `only`. Throws
 * PERSISTED_OPERATION_NOT_FOUND or PERSISTED_OPERATION_REQUIRED (HTTP 400).
 */
export function resolveQuery(params: OperationParams, options: PersistedOperations): unknown {
  if (options.mode === 'off') return params.query;
  const id = persistedOperationId(params);
  if (id !== undefined) {
    const document = options.documents.get(id);
    if (document !== undefined) return document;
    throw refusal(
      'PERSISTED_OPERATION_NOT_FOUND',
      `No registered operation has the hash "${id.slice(0, 80)}". Regenerate your client's operations and have their manifest added to PERSISTED_OPERATIONS_MANIFESTS.`,
    );
  }
  if (options.mode === 'only' && params.query != null) {
    throw refusal(
      'PERSISTED_OPERATION_REQUIRED',
      'This gateway only runs registered operations: send `extensions.persistedQuery.sha256Hash` (or `documentId`) instead of the query text, e.g. with the typed client option `persisted: true`.',
    );
  }
  return params.query;
}

function refusal(code: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status: 400 } } });
}

/** Looks up registered operations over HTTP and SSE (graphql-ws calls `resolveQuery` itself). */
export function usePersistedOperations(options: PersistedOperations): Plugin {
  return {
    onParams({ params, setParams }) {
      const { documentId: _documentId, ...rest } = params as typeof params & OperationParams;
      const query = resolveQuery(params as OperationParams, options);
      setParams({ ...rest, query: query as string | undefined });
    },
  };
}
