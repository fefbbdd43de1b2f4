// The paths Roboflow's own Python package (1.7.3) calls besides batches and jobs, as it calls them
// (roboflow/__init__.py, core/workspace.py, core/project.py, adapters/rfapi.py). Its key check and its
// `/dataset/:project/…` paths name no workspace: the key's own workspace is meant.
//   check_key            POST /                                   → {workspace}
//   Roboflow.workspace   GET  /:ws                                → {workspace: {name, url, projects}}
//   Workspace.project    GET  /:ws/:project                       → {workspace, project, versions}
//   upload_image         POST /dataset/:project/upload            ?batch&name&split&tag, multipart `file`
//   save_annotation      POST /dataset/:project/annotate/:image   ?name&prediction&…, {annotationFile, labelmap}
import { keyCheck, roboflowAnnotate, roboflowProjectInfo, roboflowUpload, roboflowWorkspace } from '../../usecases/roboflow';
import { defineRoute, type RouteSpec } from '../route';
import { roboflowAnnotateBody, roboflowAnnotateQuery, roboflowUploadQuery } from '../schemas';
import { p } from './paths';

export const roboflowRoutes: RouteSpec[] = [
  defineRoute({
    method: 'post', path: '/', summary: 'Roboflow\'s key check: the workspace the key belongs to', action: 'workspace.read', tags: ['roboflow'],
    successStatus: 200,
    handler: async (_ctx, { actor }) => ({ status: 200, body: keyCheck(actor) }),
  }),
  defineRoute({
    method: 'get', path: p(''), summary: 'The workspace and its projects, as Roboflow\'s `Workspace` reads them', action: 'workspace.read', tags: ['roboflow'],
    handler: async (ctx, { actor }) => ({ status: 200, body: await roboflowWorkspace(ctx, actor) }),
  }),
  defineRoute({
    method: 'get', path: p('/:project'), summary: 'A project as Roboflow\'s `Project` reads it', action: 'projects.read', tags: ['roboflow'],
    handler: async (ctx, { actor, params }) => ({ status: 200, body: await roboflowProjectInfo(ctx, actor, params.project!) }),
  }),
  defineRoute({
    method: 'post', path: '/dataset/:project/upload', action: 'images.upload', tags: ['roboflow'], multipart: 'images', successStatus: 200,
    summary: 'Roboflow\'s upload: one `file` into the batch named by `batch` (made when absent); `{success, id}`, or `{duplicate, id}` for an image the project has',
    query: roboflowUploadQuery,
    handler: async (ctx, { actor, params, files, query }) => ({ status: 200, body: await roboflowUpload(ctx, actor, params.project!, files, query) }),
  }),
  defineRoute({
    method: 'post', path: '/dataset/:project/annotate/:image', action: 'labeling.work', tags: ['roboflow'], successStatus: 200,
    summary: 'Roboflow\'s save_annotation: a YOLO, Pascal VOC or COCO file (or a class name) submitted in the image\'s job; `prediction=true` saves a draft',
    query: roboflowAnnotateQuery, body: roboflowAnnotateBody,
    handler: async (ctx, { actor, params, query, body }) => ({ status: 200, body: await roboflowAnnotate(ctx, actor, params.project!, params.image!, query, body) }),
  }),
];
