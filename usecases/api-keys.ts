// API keys: `tsk_<prefix>_<secret>`. Only a hash is stored; the prefix finds the member without a scan.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { newId } from '../common/ids';

export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const prefix = newId(12);
  const key = `tsk_${prefix}_${randomBytes(32).toString('base64url')}`;
  return { key, prefix, hash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Keys given at bootstrap may be any long secret; those get a prefix derived from their hash. */
export function prefixOf(key: string): string {
  const m = /^tsk_([A-Za-z0-9]{12})_/.exec(key);
  return m ? m[1]! : `h${hashApiKey(key).slice(0, 15)}`;
}

export function keyMatches(key: string, storedHash: string): boolean {
  const a = Buffer.from(hashApiKey(key), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
