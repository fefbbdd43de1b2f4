// Image records without files, for runs that need thousands of images fast (benches, the batch-fill
// crash test): what recorded uploads of 1,000 would leave, pages included.
import { createHash } from 'node:crypto';
import { imageIdFor } from '../../common/ids';
import { addBatchPage } from '../../db/batch-pages';
import { addImagePage } from '../../db/image-pages';
import type { Database } from '../../db/models';

/**
 * `count` image records in the project's batch (no files: the label stream never reads them), named
 * `<project>-000000.png` on. Returns their ids in that order.
 */
export async function seedBatchImages(db: Database, workspace: string, project: string, batchId: string, count: number): Promise<string[]> {
  const all: string[] = [];
  for (let done = 0, upload = 0; done < count; done += 1000, upload++) {
    const docs = Array.from({ length: Math.min(1000, count - done) }, (_, k) => {
      const sha256 = createHash('sha256').update(`${project}:${done + k}`).digest('hex');
      return {
        _id: imageIdFor(workspace, project, sha256), workspace, project, name: `${project}-${String(done + k).padStart(6, '0')}.png`, sha256,
        width: 640, height: 480, format: 'png', bytes: 1000, uploadId: `seed-${upload}`, batchId, jobId: null,
      };
    });
    const ids = docs.map((d) => d._id);
    const batchPage = await addBatchPage(db.models, batchId, ids);
    const uploadPage = await addImagePage(db.models, workspace, project, docs.map((d) => ({ id: d._id, name: d.name })));
    await db.models.Image.insertMany(docs.map((d) => ({ ...d, batchPage, uploadPage })), { lean: true });
    await db.models.Batch.updateOne({ _id: batchId }, { $inc: { numImages: docs.length } });
    all.push(...ids);
  }
  return all;
}
