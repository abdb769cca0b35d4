-- CreateEnum
CREATE TYPE "ApiScope" AS ENUM ('READ', 'WRITE', 'TRADE', 'ADMIN');

-- CreateTable
CREATE TABLE "api_keys" (
    "id" BIGSERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "key_prefix" TEXT NOT NULL,
    "secret_hash" BYTEA NOT NULL,
    "scopes" "ApiScope"[],
    "strategy_ids" BIGINT[] DEFAULT ARRAY[]::BIGINT[],
    "note" TEXT,
    "created_by" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(6),
    "revoked_at" TIMESTAMPTZ(6),
    "last_used_at" TIMESTAMPTZ(6),

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_key_prefix_key" ON "api_keys"("key_prefix");

-- =============================================================================================
-- Written by hand (Prisma does not model these).

-- A key's name is unique among keys that are not revoked: a replacement can take the name of the
-- key it replaces once that is revoked, while revoked keys keep theirs for the record.
CREATE UNIQUE INDEX "api_keys_name_active_key" ON "api_keys"("name") WHERE "revoked_at" IS NULL;

ALTER TABLE "api_keys"
  ADD CONSTRAINT "api_keys_name_not_blank" CHECK (btrim("name") <> '' AND length("name") <= 100),
  -- `tg_` and 8 base62 characters: the format src/auth/api-key-secret.ts generates and parses.
  ADD CONSTRAINT "api_keys_key_prefix_format" CHECK ("key_prefix" ~ '^tg_[A-Za-z0-9]{8}$'),
  ADD CONSTRAINT "api_keys_secret_hash_is_sha256" CHECK (octet_length("secret_hash") = 32),
  -- Prisma declares list columns nullable; a key without scopes could do nothing.
  ADD CONSTRAINT "api_keys_scopes_not_empty" CHECK (cardinality("scopes") > 0 AND array_position("scopes", NULL) IS NULL),
  -- Empty means all strategies, so NULL (or a NULL element) must not sneak in as a third meaning.
  ADD CONSTRAINT "api_keys_strategy_ids_no_nulls" CHECK ("strategy_ids" IS NOT NULL AND array_position("strategy_ids", NULL) IS NULL),
  ADD CONSTRAINT "api_keys_expires_after_created" CHECK ("expires_at" > "created_at"),
  ADD CONSTRAINT "api_keys_revoked_after_created" CHECK ("revoked_at" >= "created_at");
