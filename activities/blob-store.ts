// Where image bytes live. Originals and their derivatives are content-addressed (named by the sha256
// of the original), so writing one twice writes the same bytes and nothing is ever stored twice;
// uploads wait in `staging/` until their workflow has recorded them.
//
// `createLocalBlobStore` keeps blobs on the local disk under TESSERA_DATA_DIR. An S3-compatible
// implementation plugs in here: the keys become object names, `put` a (multipart) PutObject, `get`
// a GetObject stream, and nothing that calls a BlobStore changes.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface BlobStore {
  /** Stores the whole blob or nothing: readers never see a partial one. Answers its size. */
  put(key: string, data: Buffer | Readable): Promise<{ bytes: number }>;
  /**
   * The blob as a stream, with its whole size; undefined when there is none. With `range`, the stream
   * holds only bytes `start`…`end` (inclusive, as in HTTP ranges).
   */
  get(key: string, range?: { start: number; end: number }): Promise<{ stream: Readable; bytes: number } | undefined>;
  exists(key: string): Promise<boolean>;
  /** Removes the blob; one that is already gone is fine. */
  delete(key: string): Promise<void>;
  /** The blobs whose keys start with `prefix` (a folder, ending in `/`), with when each was written; S3's ListObjectsV2. */
  list(prefix: string): AsyncIterable<{ key: string; writtenAt: Date }>;
}

const shard = (sha256: string) => `${sha256.slice(0, 2)}/${sha256}`;

export const blobKeys = {
  original: (sha256: string) => `originals/${shard(sha256)}`,
  thumbnail: (sha256: string) => `thumbnails/${shard(sha256)}.webp`,
  preview: (sha256: string) => `previews/${shard(sha256)}.webp`,
  staged: (uploadId: string, index: number) => `staging/${uploadId}/${index}`,
  exportZip: (exportId: string) => `exports/${exportId}.zip`,
  /** An import's images while its archive is checked, before the plan picks which to ingest. */
  importEntry: (importId: string, n: number) => `staging/${importId}-entries/${n}`,
  /** What an import submits once its images are recorded: each item's staged index, split and annotations. */
  importPlan: (importId: string) => `staging/${importId}-plan.json`,
};

/** Whose files a key of `blobKeys.staged`, `importEntry` or `importPlan` holds: the upload's or import's id. */
export function stagingOwner(key: string): string | undefined {
  return /^staging\/([\w-]+?)(?:-entries|-plan\.json)?(?:\/|$)/.exec(key)?.[1];
}

/** The whole blob in memory (image files are at most `maxImageBytes`); undefined when there is none. */
export async function readBlob(store: BlobStore, key: string): Promise<Buffer | undefined> {
  const blob = await store.get(key);
  if (!blob) return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of blob.stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const isMissing = (err: unknown) => (err as NodeJS.ErrnoException).code === 'ENOENT';

export function createLocalBlobStore(root: string): BlobStore {
  const tmpDir = path.join(root, 'tmp');
  const fileOf = (key: string) => {
    if (!/^[\w-]+(\/[\w.-]+)*$/.test(key) || key.split('/').includes('..')) throw new Error(`not a blob key: ${key}`);
    return path.join(root, key);
  };

  async function writeAtomically(file: string, data: Buffer | Readable): Promise<number> {
    await fsp.mkdir(tmpDir, { recursive: true });
    // Under the same root, so the rename stays on one filesystem and is atomic; what a killed process
    // leaves half-written stays in tmp/, never among the blobs.
    const tmp = path.join(tmpDir, randomUUID());
    let bytes = 0;
    const count = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        done(null, chunk);
      },
    });
    try {
      // Flushed before the rename: an acknowledged upload survives a machine crash.
      await pipeline(Buffer.isBuffer(data) ? Readable.from([data]) : data, count, fs.createWriteStream(tmp, { flush: true }));
      await fsp.mkdir(path.dirname(file), { recursive: true });
      await fsp.rename(tmp, file);
      return bytes;
    } catch (err) {
      await fsp.rm(tmp, { force: true });
      throw err;
    }
  }

  return {
    put: async (key, data) => ({ bytes: await writeAtomically(fileOf(key), data) }),
    async get(key, range) {
      try {
        const handle = await fsp.open(fileOf(key));
        const { size } = await handle.stat();
        return { stream: handle.createReadStream(range ? { start: range.start, end: range.end } : {}), bytes: size };
      } catch (err) {
        if (isMissing(err)) return undefined;
        throw err;
      }
    },
    exists: (key) => fsp.access(fileOf(key)).then(() => true, () => false),
    async delete(key) {
      const file = fileOf(key);
      await fsp.rm(file, { force: true });
      // An upload's staging folder goes with its last file (rmdir refuses one that is not empty).
      if (key.startsWith('staging/')) await fsp.rmdir(path.dirname(file)).catch(() => undefined);
    },
    async *list(prefix) {
      const dir = fileOf(prefix.replace(/\/$/, ''));
      const entries = await fsp.readdir(dir, { recursive: true, withFileTypes: true }).catch((err: unknown) => {
        if (isMissing(err)) return [];
        throw err;
      });
      for (const entry of entries) {
        if (!entry.isFile()) continue;
        const file = path.join(entry.parentPath, entry.name);
        const stat = await fsp.stat(file).catch((err: unknown) => (isMissing(err) ? undefined : Promise.reject(err)));
        if (stat) yield { key: path.relative(root, file).split(path.sep).join('/'), writtenAt: stat.mtime };
      }
    },
  };
}
