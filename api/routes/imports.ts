// Importing a labeled dataset (COCO or YOLO) into a project, and following the import.
import { getImport, startImport } from '../../usecases/imports';
import { defineRoute, type RouteSpec } from '../route';
import { p } from './paths';

export const importsRoutes: RouteSpec[] = [
  defineRoute({
    method: 'post', path: p('/:project/imports'),
    summary: 'Import a labeled dataset (one .zip `file`, `format` coco or yolo): checked whole first (400 naming each bad file, nothing imported), ' +
      'then its images go into a new batch and its annotations are submitted in a job of them for review, each image keeping its split; ' +
      'answers 202 once checked, follow it at `imports/{import}`',
    action: 'jobs.manage', tags: ['dataset'], multipart: 'archive', successStatus: 202,
    handler: async (ctx, { actor, params, files, fields }) => ({ status: 202, body: await startImport(ctx, actor, params.project!, files, fields) }),
  }),
  defineRoute({
    method: 'get', path: p('/:project/imports/:import'),
    summary: 'An import: checking, importing, done or failed (with the problems, each naming its file); its batch, job and counts',
    action: 'jobs.manage', tags: ['dataset'],
    handler: async (ctx, { actor, params }) => ({ status: 200, body: await getImport(ctx, actor, params.project!, params.import!) }),
  }),
];
