// Exports of a dataset version, on the images task queue: one activity walks the version's pages and
// streams a zip into the blob store (labels written by domain/export-formats, images copied or rendered
// with the version's preprocessing). The blob appears whole or not at all, so a worker killed mid-way
// leaves nothing behind but a file in the store's tmp/; the retried activity starts over and, the
// zip's entries, dates and order being the version's, writes the same bytes.
import { once } from 'node:events';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { ApplicationFailure, heartbeat } from '@temporalio/activity';
import sharp from 'sharp';
import { failureTypes } from '../common/temporal';
import type { Models } from '../db/models';
import { versionItemPages, type VersionItemRecord } from '../db/versions';
import {
  cocoAnnotations, cocoHead, cocoImage, cocoMiddle, cocoTail, dataYaml, exportFileName, safeSegment, vocXml, yoloLabel,
  type ExportFormat, type ExportItem,
} from '../domain/export-formats';
import { fromStored } from '../domain/annotations';
import { maxImagePixels } from '../domain/images';
import { placementOf, splits, versionShapes, type Placement, type Preprocessing, type Split } from '../domain/preprocessing';
import { blobKeys, readBlob, type BlobStore } from './blob-store';
import { startZipUpload, type ZipUpload } from './export-zip';

/** One split's COCO file, written to scratch files while the items stream past (images, then annotations). */
class CocoSplit {
  images: fs.WriteStream;
  annotations: fs.WriteStream;
  imageCount = 0;
  annotationCount = 0;
  constructor(readonly dir: string, readonly split: Split) {
    this.images = fs.createWriteStream(path.join(dir, `${split}.images`));
    this.annotations = fs.createWriteStream(path.join(dir, `${split}.annotations`));
  }
  async add(item: ExportItem, classes: string[]) {
    const imageId = ++this.imageCount;
    await write(this.images, `${imageId > 1 ? ',' : ''}${cocoImage(imageId, item)}`);
    for (const a of cocoAnnotations(this.annotationCount + 1, imageId, item, classes)) {
      await write(this.annotations, `${this.annotationCount++ > 0 ? ',' : ''}${a}`);
    }
  }
  async close() {
    await Promise.all([this.images, this.annotations].map((s) => new Promise((resolve) => s.end(resolve))));
  }
  /** The whole `_annotations.coco.json`, read from the scratch files when the zip reaches it. */
  stream(classes: string[]): Readable {
    const files = [this.images.path as string, this.annotations.path as string];
    return Readable.from((async function* () {
      yield cocoHead(classes);
      yield* fs.createReadStream(files[0]!);
      yield cocoMiddle;
      yield* fs.createReadStream(files[1]!);
      yield cocoTail;
    })());
  }
}

async function write(stream: fs.WriteStream, text: string) {
  if (!stream.write(text)) await once(stream, 'drain');
}

/** Re-encodes an image as the version's preprocessing places it: JPEG stays JPEG, anything else becomes PNG. */
async function renderImage(original: Buffer, placement: Placement, prep: Preprocessing, format: string): Promise<Buffer> {
  let image = sharp(original, { limitInputPixels: maxImagePixels }).autoOrient()
    .resize(placement.scaledWidth, placement.scaledHeight, { fit: 'fill' });
  if (placement.left > 0 || placement.top > 0 || placement.scaledWidth < placement.width || placement.scaledHeight < placement.height) {
    const background = prep.resize?.fit === 'fit-white' ? { r: 255, g: 255, b: 255 } : { r: 0, g: 0, b: 0 };
    image = sharp(await image.toBuffer()).extend({
      left: placement.left, top: placement.top, background,
      right: placement.width - placement.scaledWidth - placement.left, bottom: placement.height - placement.scaledHeight - placement.top,
    });
  } else if (placement.left < 0 || placement.top < 0) {
    image = sharp(await image.toBuffer()).extract({ left: -placement.left, top: -placement.top, width: placement.width, height: placement.height });
  }
  return format === 'jpeg' ? image.jpeg({ quality: 92 }).toBuffer() : image.png().toBuffer();
}

export function createExportActivities({ models, store }: { models: Models; store: BlobStore }) {
  const { Export, Version } = models;
  return {
    /** Writes the export's zip unless it is already stored; answers its size and sha256. */
    async writeExport({ exportId }: { exportId: string }): Promise<{ bytes: number; sha256: string }> {
      const exp = await Export.findById(exportId).lean();
      if (!exp) throw ApplicationFailure.nonRetryable(`export ${exportId} does not exist`, failureTypes.notFound);
      if (exp.status === 'ready') return { bytes: exp.bytes!, sha256: exp.sha256! };
      const version = await Version.findById(exp.versionId).lean();
      if (!version || version.status !== 'ready') throw ApplicationFailure.nonRetryable(`version ${exp.versionId} is not ready`, failureTypes.invalidState);
      const prep = (version.preprocessing ?? {}) as Preprocessing;
      const format = exp.format as ExportFormat;
      const classes = version.classes;
      const rendersPixels = Boolean(prep.resize || prep.autoOrient);
      // A retry starts over: progress too.
      await Export.updateOne({ _id: exportId }, { $set: { done: 0 } });
      const scratch = await fsp.mkdtemp(path.join(os.tmpdir(), 'tessera-export-'));
      const ticker = setInterval(() => heartbeat(), 2_000);
      try {
        const zip = startZipUpload(store, blobKeys.exportZip(exportId), version.createdAt ?? new Date(0));
        const coco = new Map<Split, CocoSplit>();
        const present = new Set<Split>();
        let done = 0;

        const addImage = (zipPath: string, item: VersionItemRecord, placement: Placement) => {
          const source = rendersPixels
            ? async () => Readable.from([await renderImage((await readBlob(store, blobKeys.original(item.sha256))) ?? missing(item), placement, prep, item.format)])
            : async () => (await store.get(blobKeys.original(item.sha256)))?.stream ?? missing(item);
          zip.add(zipPath, source, { compress: false });
        };

        for await (const items of versionItemPages(models, version._id, version.pages)) {
          for (const item of items) {
            const placement = placementOf(item.width, item.height, prep.resize);
            const fileFormat = rendersPixels && item.format !== 'jpeg' ? 'png' : item.format;
            const file = exportFileName(item.name, item.imageId, fileFormat);
            const out: ExportItem = { file, split: item.split, width: placement.width, height: placement.height, shapes: versionShapes(fromStored(item.annotations), prep, item, placement) };
            const stem = file.replace(/\.[^.]*$/, '');
            present.add(item.split);
            await addEntries(zip, format, exp.images, out, classes, coco, scratch, (p) => addImage(p, item, placement), stem);
          }
          await zip.endPage();
          done += items.length;
          await Export.updateOne({ _id: exportId }, { $set: { done } });
        }
        for (const split of splits) {
          const c = coco.get(split);
          if (!c) continue;
          await c.close();
          zip.add(`${split}/_annotations.coco.json`, async () => c.stream(classes), { compress: true });
        }
        if (format === 'yolo' || format === 'yolo-seg') zip.add('data.yaml', Buffer.from(dataYaml(classes, splits.filter((s) => present.has(s)))));
        const result = await zip.finish();
        await Export.updateOne({ _id: exportId }, { $set: { status: 'ready', done, ...result } });
        return result;
      } finally {
        clearInterval(ticker);
        await fsp.rm(scratch, { recursive: true, force: true });
      }
    },
  };
}

function missing(item: VersionItemRecord): never {
  throw ApplicationFailure.nonRetryable(`the file of image ${item.imageId} is missing from the store`, failureTypes.notFound);
}

/** The zip entries of one item in one format. */
async function addEntries(
  zip: ZipUpload, format: ExportFormat, images: boolean, item: ExportItem, classes: string[],
  coco: Map<Split, CocoSplit>, scratch: string, addImage: (zipPath: string) => void, stem: string,
): Promise<void> {
  const { split } = item;
  switch (format) {
    case 'coco': {
      let c = coco.get(split);
      if (!c) coco.set(split, (c = new CocoSplit(scratch, split)));
      await c.add(item, classes);
      if (images) addImage(`${split}/${item.file}`);
      return;
    }
    case 'yolo':
    case 'yolo-seg':
      zip.add(`${split}/labels/${stem}.txt`, Buffer.from(yoloLabel(item, classes, format === 'yolo-seg')));
      if (images) addImage(`${split}/images/${item.file}`);
      return;
    case 'voc':
      zip.add(`${split}/${stem}.xml`, Buffer.from(vocXml(item, split)));
      if (images) addImage(`${split}/${item.file}`);
      return;
    case 'folders':
      // Multi-label images go in each of their classes' folders; an image with no class in none.
      for (const cls of new Set(item.shapes.map((a) => a.class))) addImage(`${split}/${safeSegment(cls)}/${item.file}`);
      return;
  }
}
