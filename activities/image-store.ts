// Content-addressed image storage on the local disk (S3-compatible storage is the scale-out path).
// Writes go to a temp name and are renamed, so a crash never leaves a half-written image.
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

export interface ImageStore {
  stage(uploadId: string, index: number, bytes: Buffer): Promise<void>;
  readStaged(uploadId: string, index: number): Promise<Buffer | undefined>;
  discardStaging(uploadId: string): Promise<void>;
  putOriginal(sha256: string, bytes: Buffer): Promise<void>;
  putThumbnail(sha256: string, bytes: Buffer): Promise<void>;
  originalPath(sha256: string): string;
}

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function createFileImageStore(root: string): ImageStore {
  const stagingDir = (uploadId: string) => path.join(root, 'staging', uploadId);
  const originalPath = (sha: string) => path.join(root, 'originals', sha.slice(0, 2), sha);
  const thumbPath = (sha: string) => path.join(root, 'thumbnails', sha.slice(0, 2), `${sha}.webp`);

  async function writeAtomically(file: string, bytes: Buffer): Promise<void> {
    await fs.mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${randomUUID()}.tmp`;
    await fs.writeFile(tmp, bytes);
    await fs.rename(tmp, file);
  }

  return {
    stage: (uploadId, index, bytes) => writeAtomically(path.join(stagingDir(uploadId), String(index)), bytes),
    async readStaged(uploadId, index) {
      try {
        return await fs.readFile(path.join(stagingDir(uploadId), String(index)));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw err;
      }
    },
    discardStaging: (uploadId) => fs.rm(stagingDir(uploadId), { recursive: true, force: true }),
    putOriginal: (sha, bytes) => writeAtomically(originalPath(sha), bytes),
    putThumbnail: (sha, bytes) => writeAtomically(thumbPath(sha), bytes),
    originalPath,
  };
}
