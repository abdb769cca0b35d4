/**
 * Scope options of every admin field: the `admin` scope and a key without a strategy limit (a
 * limited key must not mint keys or configure strategies beyond its limit). They replace the
 * root type's scopes, which do not apply to admin fields.
 */
export const adminScopes = {
  skipTypeScopes: true,
  authScopes: { $all: { admin: true, allStrategies: true } },
} as const;
