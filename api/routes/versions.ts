// Dataset versions (immutable snapshots) and their exports.
import { createExport, createVersion, downloadExport, getExport, getVersion, listVersions } from '../../usecases/versions';
import { defineRoute, type RouteSpec } from '../route';
import { createExportBody, createVersionBody } from '../schemas';
import { p } from './paths';
import * as answers from '../responses';

const header = (h: string | string[] | undefined) => (Array.isArray(h) ? h[0] : h);

export const versionsRoutes: RouteSpec[] = [
  defineRoute({
    method: 'post', path: p('/:project/versions'), response: answers.version,
    summary: 'Make a version of the dataset as it stands (an immutable snapshot), with optional preprocessing (resize with a fit mode, ' +
      'auto-orient, class remap and drop) applied to its exports; answers at once, follow `progress` at `versions/{version}`',
    action: 'dataset.read', tags: ['dataset'], body: createVersionBody, idempotent: true, successStatus: 202,
    handler: async (ctx, { actor, params, body }) => ({ status: 202, body: await createVersion(ctx, actor, params.project!, body) }),
  }),
  defineRoute({
    method: 'get', path: p('/:project/versions'), response: answers.versionList, summary: 'The dataset\'s versions, newest first', action: 'dataset.read', tags: ['dataset'],
    handler: async (ctx, { actor, params }) => ({ status: 200, body: await listVersions(ctx, actor, params.project!) }),
  }),
  defineRoute({
    method: 'get', path: p('/:project/versions/:version'), response: answers.version, summary: 'A version: status, progress (images done of total), splits, classes', action: 'dataset.read', tags: ['dataset'],
    handler: async (ctx, { actor, params }) => ({ status: 200, body: await getVersion(ctx, actor, params.project!, params.version!) }),
  }),
  defineRoute({
    method: 'post', path: p('/:project/versions/:version/exports'), response: answers.datasetExport,
    summary: 'Export a version (COCO, YOLO detection or segmentation, Pascal VOC, or class folders), with images or labels only; ' +
      'the same export asked twice is the same export (200 once ready, 202 while it is built)',
    action: 'dataset.read', tags: ['dataset'], body: createExportBody, successStatus: 202,
    handler: async (ctx, { actor, params, body }) => createExport(ctx, actor, params.project!, params.version!, body),
  }),
  defineRoute({
    method: 'get', path: p('/:project/versions/:version/exports/:export'), response: answers.datasetExport, summary: 'An export: status, progress (images done of total), size and sha256', action: 'dataset.read', tags: ['dataset'],
    handler: async (ctx, { actor, params }) => ({ status: 200, body: await getExport(ctx, actor, params.project!, params.version!, params.export!) }),
  }),
  defineRoute({
    method: 'get', path: p('/:project/versions/:version/exports/:export/download'),
    summary: 'The export\'s zip, with Content-Length, an ETag and Repr-Digest (its sha256), and byte ranges (`Range`, `If-Range`)',
    action: 'dataset.read', tags: ['dataset'], binary: true,
    handler: async (ctx, { actor, params, headers }) => downloadExport(ctx, actor, params.project!, params.version!, params.export!, {
      range: header(headers.range), ifRange: header(headers['if-range']), ifNoneMatch: header(headers['if-none-match']),
    }),
  }),
];
