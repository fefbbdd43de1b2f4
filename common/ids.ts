import { createHash, randomBytes } from 'node:crypto';

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

/**
 * An image's id, derived from what makes it unique (its project and content), so recording an upload
 * and finding a duplicate are lookups by _id. 24 hex characters, like the ids clients already know.
 */
export function imageIdFor(workspace: string, project: string, sha256: string): string {
  return createHash('sha256').update(`${workspace}\0${project}\0${sha256}`).digest('hex').slice(0, 24);
}
