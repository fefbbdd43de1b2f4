// The project's images in upload order, as pages read by _id (see ImagePage in ./models).
import type { Models } from './models';

export const imagePageId = (workspace: string, project: string, page: number) => `${workspace}/${project}#${page}`;

/**
 * Lists an upload's images (ids and names) on a new page of the project's upload order and returns its number, which
 * each image inserted by that upload then records (a retried upload lists its images again on a later
 * page; those inserted the first time keep naming the first).
 */
export async function addImagePage(models: Models, workspace: string, project: string, images: { id: string; name: string }[]): Promise<number> {
  const counter = await models.Project.findOneAndUpdate({ workspace, slug: project }, { $inc: { imagePages: 1 } }, { returnDocument: 'after' }).lean();
  if (!counter) throw new Error(`project ${workspace}/${project} no longer exists`);
  const page = counter.imagePages - 1;
  await models.ImagePage.create({ _id: imagePageId(workspace, project, page), imageIds: images.map((i) => i.id), names: JSON.stringify(images.map((i) => i.name)), at: new Date() });
  return page;
}
