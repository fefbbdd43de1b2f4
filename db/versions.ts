// Ids and walks over dataset versions that need no query but lookups by _id (see Version, VersionItem).
import type { StoredAnnotation } from '../domain/annotations';
import type { Split } from '../domain/preprocessing';
import type { Models } from './models';

/** Items to a VersionItem page: a page is one document of a few hundred kilobytes. */
export const versionPageSize = 1000;

export const versionIdOf = (workspace: string, project: string, number: number) => `${workspace}/${project}@${number}`;
export const versionPageId = (versionId: string, page: number) => `${versionId}#${page}`;

/** One image of a version: everything an export needs, copied so that the version never changes. */
export interface VersionItemRecord {
  imageId: string;
  name: string;
  sha256: string;
  format: string;
  width: number;
  height: number;
  split: Split;
  /** As stored (see `fromStored`). */
  annotations: StoredAnnotation[];
}

/** The version's items, a page at a time, reading the next page while the caller works on this one. */
export async function* versionItemPages(models: Models, versionId: string, pages: number): AsyncGenerator<VersionItemRecord[]> {
  const read = (page: number) => models.VersionItem.findById(versionPageId(versionId, page)).lean()
    .then((doc) => (doc ? JSON.parse(doc.items) as VersionItemRecord[] : []));
  let next = pages > 0 ? read(0) : undefined;
  for (let page = 0; page < pages; page++) {
    const items = await next!;
    next = page + 1 < pages ? read(page + 1) : undefined;
    yield items;
  }
}
