// Checking a dataset archive on the images queue, before anything of it is written where a user sees
// it: every image is read and measured, every annotation file parsed against the project. Images wait
// under the import's staging keys; only when the whole archive is good are the ones the plan names
// staged as an upload's parts (0…n-1, in the plan's order) for the ingestion workflow to record.
import { createWriteStream } from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { heartbeat } from '@temporalio/activity';
import yauzl from 'yauzl';
import type { Models } from '../db/models';
import type { Annotation, ProjectType } from '../domain/annotations';
import {
  isAnnotationPath, isImagePath, maxProblemsListed, planImport, type ImportFormat, type ImportProblem,
} from '../domain/dataset-import';
import { maxImageBytes } from '../domain/images';
import type { Split } from '../domain/preprocessing';
import { blobKeys, readBlob, type BlobStore } from './blob-store';
import { inspectBytes } from './images';

export interface UnpackImportInput { importId: string; uploadId: string; workspace: string; project: string; format: ImportFormat; archiveName: string }
export interface UnpackImportResult {
  /** The upload's parts, in order: what the ingestion workflow records. */
  files: { index: number; name: string }[];
  classes: string[];
  problems: ImportProblem[];
  problemsTotal: number;
}
/** Stored at `blobKeys.importPlan`: the annotations of each staged part. */
export interface ImportPlanBlob { items: { index: number; split: Split; annotations: Annotation[] }[] }

/** Annotation files are read whole; one larger than this is not a dataset's. */
const maxTextBytes = 512 * 1024 * 1024;

const openZip = promisify<string, yauzl.Options, yauzl.ZipFile>(yauzl.open);

async function readStream(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Each file entry of the zip in turn; `visit` reads it or not. */
async function eachEntry(file: string, visit: (entry: yauzl.Entry, read: () => Promise<Buffer>) => Promise<void>): Promise<void> {
  const zip = await openZip(file, { lazyEntries: true, autoClose: true });
  const openEntry = promisify(zip.openReadStream.bind(zip)) as (entry: yauzl.Entry) => Promise<Readable>;
  await new Promise<void>((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', resolve);
    zip.on('entry', (entry: yauzl.Entry) => {
      const isFile = !entry.fileName.endsWith('/');
      (isFile ? visit(entry, async () => readStream(await openEntry(entry))) : Promise.resolve()).then(() => zip.readEntry(), (err: unknown) => {
        zip.close();
        reject(err);
      });
    });
    zip.readEntry();
  });
}

export function createImportArchiveActivities({ models, store }: { models: Models; store: BlobStore }) {
  return {
    /**
     * Reads the archive and plans the import. With problems, nothing is staged for ingestion (and what
     * was staged for the check is removed); without, the plan's images are the upload's parts and its
     * annotations wait in the plan blob. Run again after a crash, it does the same from the start.
     */
    async unpackImport(input: UnpackImportInput): Promise<UnpackImportResult> {
      const { importId, uploadId, format } = input;
      const project = await models.Project.findOne({ workspace: input.workspace, slug: input.project }).lean();
      if (!project) throw new Error(`project ${input.project} is gone`);
      const ticker = setInterval(() => heartbeat(), 1_000);
      const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'tessera-import-'));
      const entries: string[] = [];
      try {
        const archive = await store.get(blobKeys.staged(importId, 0));
        if (!archive) throw new Error(`the archive of import ${importId} is gone`);
        const zipFile = path.join(dir, 'archive.zip');
        await pipeline(archive.stream, createWriteStream(zipFile));
        const texts = new Map<string, string>();
        const images = new Map<string, { width: number; height: number }>();
        const problems: ImportProblem[] = [];
        try {
          await eachEntry(zipFile, async (entry, read) => {
            const name = entry.fileName;
            if (name.split('/').some((s) => s.startsWith('.') || s === '__MACOSX')) return; // hidden files and macOS forks
            if (isImagePath(name)) {
              if (entry.uncompressedSize > maxImageBytes) return void problems.push({ file: name, message: `larger than ${maxImageBytes} bytes` });
              const bytes = await read();
              const inspected = await inspectBytes(bytes);
              if (!inspected.ok) return void problems.push({ file: name, message: inspected.message });
              await store.put(blobKeys.importEntry(importId, entries.length), bytes);
              entries.push(name);
              images.set(name, { width: inspected.width, height: inspected.height });
            } else if (isAnnotationPath(name)) {
              if (entry.uncompressedSize > maxTextBytes) return void problems.push({ file: name, message: `larger than ${maxTextBytes} bytes` });
              texts.set(name, (await read()).toString('utf8'));
            }
          });
        } catch (err) {
          problems.push({ file: input.archiveName, message: `not a readable .zip archive (${(err as Error).message})` });
        }
        const plan = planImport(format, project.type as ProjectType, project.classes, { texts, images });
        const allProblems = [...problems, ...plan.problems];
        if (allProblems.length > 0) {
          return { files: [], classes: [], problems: allProblems.slice(0, maxProblemsListed), problemsTotal: allProblems.length };
        }
        const entryOf = new Map(entries.map((name, n) => [name, n]));
        for (const [index, item] of plan.items.entries()) {
          const bytes = (await readBlob(store, blobKeys.importEntry(importId, entryOf.get(item.path)!)))!;
          await store.put(blobKeys.staged(uploadId, index), bytes);
        }
        const blob: ImportPlanBlob = { items: plan.items.map((item, index) => ({ index, split: item.split, annotations: item.annotations })) };
        await store.put(blobKeys.importPlan(importId), Buffer.from(JSON.stringify(blob)));
        return {
          files: plan.items.map((item, index) => ({ index, name: item.path.slice(item.path.lastIndexOf('/') + 1) })),
          classes: plan.classes, problems: [], problemsTotal: 0,
        };
      } finally {
        clearInterval(ticker);
        await Promise.all(entries.map((_, n) => store.delete(blobKeys.importEntry(importId, n))));
        await fsp.rm(dir, { recursive: true, force: true });
      }
    },
  };
}
