import { randomBytes, randomInt, scryptSync, timingSafeEqual } from 'node:crypto';

/** Hash a password or client secret for the state file: `scrypt$<salt>$<hash>` (hex). */
export function hashSecret(secret: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(secret, salt, 32, { N: 1024 });
  return `scrypt$${salt.toString('hex')}$${hash.toString('hex')}`;
}

/** Constant-time check of `secret` against a `hashSecret` value. False for malformed hashes. */
export function verifySecret(secret: string, stored: string): boolean {
  const m = /^scrypt\$([0-9a-f]{32})\$([0-9a-f]{64})$/.exec(stored);
  if (!m) return false;
  const hash = scryptSync(secret, Buffer.from(m[1]!, 'hex'), 32, { N: 1024 });
  return timingSafeEqual(hash, Buffer.from(m[2]!, 'hex'));
}

/** A random password / client secret (24 base64url characters, from node:crypto). */
export function generateSecret(): string {
  return randomBytes(18).toString('base64url');
}

/** An opaque session or access token. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A six-digit one-time code for the second challenge. */
export function generateCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}
