import { encodeGlobalID } from '@pothos/plugin-relay';
import { ApiKeyError, type ApiKeyRecord, apiKeyStatus } from '../../auth/api-key-record.ts';
import { createApiKey, listApiKeys, revokeApiKey } from '../../auth/api-keys.ts';
import { SCOPE_DESCRIPTIONS } from '../../auth/api-scopes.ts';
import { ApiScope } from '../../generated/prisma/enums.ts';
import { builder } from '../builder.ts';
import { parseGlobalIds } from '../global-ids.ts';
import { ErrorInterface } from '../mutations/writer-error.ts';
import { adminScopes } from './admin-scopes.ts';

const ApiScopeEnum = builder.enumType('ApiScope', {
  description: 'What an API key may do.',
  values: Object.fromEntries(
    Object.values(ApiScope).map((scope) => [
      scope,
      { value: scope, description: `${scope}: ${SCOPE_DESCRIPTIONS[scope]}.` },
    ]),
  ) as { [K in ApiScope]: { value: K; description: string } },
});

const ApiKeyStatusEnum = builder.enumType('ApiKeyStatus', {
  description: 'Whether a key can be used now.',
  values: {
    ACTIVE: { value: 'active', description: 'It authenticates requests.' },
    REVOKED: { value: 'revoked', description: 'Revoked: refused, and its subscriptions ended.' },
    EXPIRED: { value: 'expired', description: 'Past its expiry time: refused.' },
  } as const,
});

/** An API key as an admin may see it: never its secret or the secret's hash. */
const ApiKeyType = builder.objectRef<ApiKeyRecord>('ApiKey').implement({
  description: 'An API key: who it is for, what it may do, and its life. The secret is not kept.',
  fields: (t) => ({
    databaseId: t.expose('id', { type: 'BigInt', description: 'Primary key in api_keys.' }),
    name: t.exposeString('name', { description: 'Unique among keys that are not revoked.' }),
    prefix: t.exposeString('prefix', {
      description: 'The public start of the secret (`tg_` and 8 characters), to recognize it.',
    }),
    scopes: t.field({
      type: [ApiScopeEnum],
      description: 'What it may do.',
      resolve: (key) => key.scopes,
    }),
    strategyIds: t.idList({
      description: 'Global IDs of the strategies it is limited to; empty: every strategy.',
      resolve: (key) => key.strategyIds.map((id) => encodeGlobalID('Strategy', id)),
    }),
    status: t.field({
      type: ApiKeyStatusEnum,
      description: 'Whether it can be used now.',
      resolve: (key) => apiKeyStatus(key),
    }),
    note: t.exposeString('note', { nullable: true, description: 'Free text.' }),
    createdBy: t.exposeString('createdBy', {
      nullable: true,
      description: 'Who created it (`cli:<user>` or `api:<key name>`).',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was created.' }),
    expiresAt: t.expose('expiresAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it stops working; null: never.',
    }),
    revokedAt: t.expose('revokedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was revoked.',
    }),
    lastUsedAt: t.expose('lastUsedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'Last successful use, to within a minute.',
    }),
  }),
});

const ApiKeyErrorCodeEnum = builder.enumType('ApiKeyErrorCode', {
  description: 'What kind of refusal an `ApiKeyError` is.',
  values: {
    INVALID: { description: 'The input breaks a rule (blank name, no scopes, past expiry).' },
    UNKNOWN_STRATEGY: { description: 'A strategy the key should be limited to does not exist.' },
    NAME_TAKEN: { description: 'A key that is not revoked already has this name.' },
    NOT_FOUND: { description: 'No key has this prefix or id.' },
  } as const,
});

builder.objectType(ApiKeyError, {
  name: 'ApiKeyError',
  description: 'The key operation was refused because of its input; nothing was changed.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    code: t.expose('code', { type: ApiKeyErrorCodeEnum, description: 'Kind of refusal.' }),
  }),
});

const apiKeyResult = (name: string, description: string) => ({
  types: [ApiKeyError],
  union: { name: `${name}Result`, description },
});

builder.queryField('apiKeys', (t) =>
  t.field({
    type: [ApiKeyType],
    ...adminScopes,
    description:
      'All API keys, oldest first, without secrets. Needs `admin` and no strategy limit.',
    args: {
      includeRevoked: t.arg.boolean({
        defaultValue: true,
        description: 'Also list revoked keys.',
      }),
    },
    resolve: (_root, args, ctx) =>
      listApiKeys(ctx.prisma, { includeRevoked: args.includeRevoked ?? true }),
  }),
);

const CreateApiKeyInput = builder.inputType('CreateApiKeyInput', {
  description: 'A new API key.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'A name for people; 1 to 100 characters.' }),
    scopes: t.field({ type: [ApiScopeEnum], required: true, description: 'At least one.' }),
    strategyIds: t.idList({
      description: 'Limit the key to these strategies (global IDs); omitted or empty: all.',
    }),
    expiresAt: t.field({ type: 'DateTime', description: 'When it stops working; default never.' }),
    note: t.string({ description: 'Free text, e.g. what the key is for.' }),
  }),
});

const CreateApiKeySuccess = builder
  .objectRef<{ key: ApiKeyRecord; secret: string }>('CreateApiKeySuccess')
  .implement({
    description: 'The new key, and its secret: shown this once, never stored.',
    fields: (t) => ({
      key: t.field({ type: ApiKeyType, description: 'The key.', resolve: (r) => r.key }),
      secret: t.exposeString('secret', {
        description: 'Send it as `Authorization: Bearer <secret>`. It cannot be shown again.',
      }),
    }),
  });

builder.mutationField('createApiKey', (t) =>
  t.field({
    type: CreateApiKeySuccess,
    ...adminScopes,
    description:
      'Creates an API key and returns its secret once. Needs `admin` and no strategy limit.',
    errors: apiKeyResult('CreateApiKey', 'The new key with its secret, or why it was refused.'),
    args: { input: t.arg({ type: CreateApiKeyInput, required: true, description: 'The key.' }) },
    resolve: (_root, { input }, ctx) =>
      createApiKey(ctx.prisma, {
        name: input.name,
        scopes: input.scopes,
        strategyIds: parseGlobalIds(
          (input.strategyIds ?? []).map(String),
          'Strategy',
          'input.strategyIds',
        ),
        expiresAt: input.expiresAt ?? undefined,
        note: input.note ?? undefined,
        createdBy: `api:${ctx.principal.name}`,
      }),
  }),
);

const RevokeApiKeyInput = builder.inputType('RevokeApiKeyInput', {
  description: 'The key to revoke.',
  fields: (t) => ({
    key: t.string({
      required: true,
      description: 'Its prefix (`tg_` and 8 characters) or its database id.',
    }),
  }),
});

const RevokeApiKeySuccess = builder
  .objectRef<{ key: ApiKeyRecord; revoked: boolean }>('RevokeApiKeySuccess')
  .implement({
    description: 'The key after revocation.',
    fields: (t) => ({
      key: t.field({ type: ApiKeyType, description: 'The key.', resolve: (r) => r.key }),
      revoked: t.exposeBoolean('revoked', {
        description: 'False when it was already revoked: nothing changed.',
      }),
    }),
  });

builder.mutationField('revokeApiKey', (t) =>
  t.field({
    type: RevokeApiKeySuccess,
    ...adminScopes,
    description:
      'Revokes a key: it stops authenticating at once (within the key cache time) and its open subscriptions end. Needs `admin` and no strategy limit.',
    errors: apiKeyResult('RevokeApiKey', 'The revoked key, or why it was refused.'),
    args: { input: t.arg({ type: RevokeApiKeyInput, required: true, description: 'The key.' }) },
    resolve: (_root, { input }, ctx) => revokeApiKey(ctx.prisma, input.key),
  }),
);
