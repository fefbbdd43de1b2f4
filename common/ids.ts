import { randomBytes } from 'node:crypto';

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A random base62 id (20 chars ≈ 119 bits), the shape of Roboflow's ids. */
export function newId(length = 20): string {
  const bytes = randomBytes(length * 2);
  let out = '';
  for (let i = 0; out.length < length && i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 248) out += alphabet[b % 62]; // 248 = 4*62: rejecting the rest keeps it unbiased
  }
  return out.length === length ? out : newId(length);
}
