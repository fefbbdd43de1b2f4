// A zip streamed into the blob store as it is written (yazl), hashed on the way, with entries added a
// page at a time: the writer waits for the page before last to be written out, so however large the
// version, only about two pages of entries wait in memory.
import { createHash } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import yazl from 'yazl';
import type { BlobStore } from './blob-store';

export type EntrySource = Buffer | (() => Promise<Readable>);
interface Entry { path: string; source: EntrySource; compress: boolean }

export interface ZipUpload {
  /**
   * Queues an entry of the current page, stored as it is unless `compress`: yazl deflates each buffer
   * at once with its own zlib state, which for a page of small label files costs far more memory than
   * the few bytes it saves.
   */
  add(path: string, source: EntrySource, opts?: { compress?: boolean }): void;
  /** Hands the page's entries to the zip, then waits until the page before it is written out. */
  endPage(): Promise<void>;
  /** Ends the zip and waits until the store holds it whole. */
  finish(): Promise<{ bytes: number; sha256: string }>;
}

export function startZipUpload(store: BlobStore, key: string, mtime: Date): ZipUpload {
  const zip = new yazl.ZipFile();
  const hash = createHash('sha256');
  const hashed = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  zip.on('error', (err: Error) => hashed.destroy(err));
  const stored = store.put(key, (zip.outputStream as Readable).pipe(hashed));
  // Whatever waits on the zip also stops when storing fails.
  const failed = stored.then(() => new Promise<never>(() => undefined));
  void failed.catch(() => undefined); // seen by whoever waits; not an unhandled rejection otherwise
  const until = <T>(p: Promise<T>) => Promise.race([p, failed]);

  let page: Entry[] = [];
  let lastPageStarted: Promise<void> = Promise.resolve();
  const options = (e: Entry) => ({ mtime, compress: e.compress, forceDosTimestamp: true });
  const lazy = (source: EntrySource) => (cb: (err: unknown, stream: NodeJS.ReadableStream) => void) => {
    (Buffer.isBuffer(source) ? Promise.resolve(Readable.from([source])) : source()).then(
      (stream) => cb(null, stream),
      (err: unknown) => cb(err, undefined as unknown as NodeJS.ReadableStream),
    );
  };

  const upload: ZipUpload = {
    add(path, source, opts = {}) {
      page.push({ path, source, compress: opts.compress ?? false });
    },
    async endPage() {
      const entries = page;
      page = [];
      const previous = lastPageStarted;
      let started: Promise<void> = Promise.resolve();
      entries.forEach((e, i) => {
        if (Buffer.isBuffer(e.source) && i < entries.length - 1) return zip.addBuffer(e.source, e.path, options(e));
        // The page's last entry tells when the zip reaches it, i.e. when the page is nearly written.
        if (i === entries.length - 1) {
          started = new Promise<void>((resolve) => {
            zip.addReadStreamLazy(e.path, options(e), (cb) => {
              resolve();
              lazy(e.source)(cb);
            });
          });
        } else zip.addReadStreamLazy(e.path, options(e), lazy(e.source));
      });
      if (entries.length > 0) lastPageStarted = started;
      await until(previous);
    },
    async finish() {
      await upload.endPage();
      zip.end();
      const { bytes } = await stored;
      return { bytes, sha256: hash.digest('hex') };
    },
  };
  return upload;
}
