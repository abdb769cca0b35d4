/**
 * The format, generation and hashing of API key secrets. No database access here.
 *
 * A secret is `tg_<id>_<random>`: `tg_<id>` is the key's public prefix (8 base62 characters,
 * stored in clear, shown in listings and logs, used to find the key's row), `<random>` is 32
 * random bytes in base64url (43 characters). The `tg_` start lets secret scanners and people
 * recognize a leaked Tradegraph key.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const PREFIX_ID_LENGTH = 8;
const RANDOM_BYTES = 32;
/** Exactly what {@link generateSecret} produces; `_` and `-` may occur in the random part. */
const SECRET_FORMAT = /^(tg_[A-Za-z0-9]{8})_([A-Za-z0-9_-]{43})$/;

/** A freshly generated secret and what is stored of it. */
export interface GeneratedSecret {
  /** The whole secret, for the caller to hand to the key's user once. Never stored. */
  secret: string;
  /** The public prefix, `tg_` and 8 base62 characters. */
  prefix: string;
  /** SHA-256 of the whole secret. */
  hash: Uint8Array<ArrayBuffer>;
}

/** A new secret with 256 bits of randomness (the prefix's ~48 bits come on top). */
export function generateSecret(): GeneratedSecret {
  let id = '';
  for (let i = 0; i < PREFIX_ID_LENGTH; i++) id += BASE62[randomInt(BASE62.length)];
  const prefix = `tg_${id}`;
  const secret = `${prefix}_${randomBytes(RANDOM_BYTES).toString('base64url')}`;
  return { secret, prefix, hash: hashSecret(secret) };
}

/** The public prefix of a well-formed secret, or undefined when it is not one. */
export function prefixOfSecret(secret: string): string | undefined {
  return SECRET_FORMAT.exec(secret)?.[1];
}

/** Whether `text` has the shape of a key prefix (`tg_` and 8 base62 characters). */
export function isKeyPrefix(text: string): boolean {
  return /^tg_[A-Za-z0-9]{8}$/.test(text);
}

/**
 * SHA-256 of the secret. A slow password KDF (bcrypt, scrypt, argon2) exists to make guessing
 * low-entropy passwords expensive; these secrets hold 256 random bits, so even a leaked table
 * cannot be brute-forced, and a fast hash keeps verification cheap on every request. A server
 * pepper (HMAC) would only help if secrets were guessable, and would add a secret to manage.
 */
export function hashSecret(secret: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(createHash('sha256').update(secret, 'utf8').digest());
}

/**
 * Whether `secret` hashes to `storedHash`, compared in constant time so that response times do
 * not reveal how many leading bytes of a guess were right.
 */
export function secretMatches(secret: string, storedHash: Uint8Array): boolean {
  const hash = hashSecret(secret);
  // Lengths are public (always 32 for rows the CHECK admits); timingSafeEqual throws on a mismatch.
  return hash.length === storedHash.length && timingSafeEqual(hash, storedHash);
}
