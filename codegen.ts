import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * GraphQL Code Generator: typed documents (TypedDocumentNode) for GraphQL operations, generated
 * from the committed schema.graphql, so a schema change breaks a client's build, not its trading.
 *
 *   npm run codegen
 *
 * Bot authors: copy this file, point `documents` at your own .graphql files, and point `schema`
 * at Tradegraph's schema.graphql (or at a running gateway's /graphql endpoint).
 */
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['src/client/operations/**/*.graphql', 'examples/**/*.graphql'],
  ignoreNoDocuments: true,
  // The repo is ESM with NodeNext resolution: relative imports need their extension.
  importExtension: '.ts',
  generates: {
    'src/client/generated/': {
      preset: 'client',
      // Fragments only name shared selections: their fields stay on the result types, so callers
      // read them directly (masking would hide them behind useFragment).
      // persistedDocuments also writes persisted-documents.json (sha256 of each operation's text
      // to the text) and puts the hash in each document's `__meta__`: the gateway registers the
      // manifest, and the client's `persisted: true` sends the hash instead of the text.
      presetConfig: { fragmentMasking: false, persistedDocuments: { hashAlgorithm: 'sha256' } },
      config: {
        // Decimals stay strings end to end; times arrive as ISO 8601 strings.
        scalars: {
          Decimal: 'string',
          DateTime: 'string',
          BigInt: 'string',
          JSON: 'unknown',
        },
        enumsAsTypes: true,
        useTypeImports: true,
        strictScalars: true,
      },
    },
  },
};

export default config;
