import { listAudit } from '../usecases/audit';
import { addMember, createKey, listKeys, listMembers, removeMember, revokeKey, rotateKeys, updateMember, whoAmI } from '../usecases/members';
import { createProject, listProjects, loadProject, projectView, updateProject } from '../usecases/projects';
import { uploadImages } from '../usecases/uploads';
import { createBatch } from '../usecases/batches';
import { cancelJob, createJob, getJob, listJobs } from '../usecases/jobs';
import { getDataset, nextImage, reviewImage, saveAnnotation } from '../usecases/labeling';
import { invalid } from '../usecases/errors';
import { defineRoute, type RouteSpec } from './route';
import {
  addMemberBody, annotationBody, auditQuery, createBatchBody, createJobBody, createKeyBody, createProjectBody, emailParam, keysQuery,
  reviewBody, updateMemberBody, updateProjectBody,
} from './schemas';

const p = (s: string) => `/:workspace${s}`;
/** A member's email from the path, validated like a body field. */
const emailOf = (params: Record<string, string>) => {
  const parsed = emailParam.safeParse(params.email);
  if (!parsed.success) throw invalid('email', 'not an email address');
  return parsed.data;
};

export const routes: RouteSpec[] = [
  defineRoute({
    method: 'post', path: p('/members'), summary: 'Add a member and issue their API key (shown once)', action: 'members.manage',
    body: addMemberBody,
    handler: async (ctx, { actor, body }) => ({ status: 201, body: await addMember(ctx, actor, body) }),
  }),
  defineRoute({
    method: 'get', path: p('/me'), summary: 'The caller: email, name and role', action: 'workspace.read',
    handler: async (ctx, { actor }) => ({ status: 200, body: await whoAmI(ctx, actor) }),
  }),
  defineRoute({
    method: 'post', path: p('/me/keys/rotate'), summary: 'Rotate the caller\'s own keys: all are revoked, one new key is shown once', action: 'workspace.read',
    successStatus: 201,
    handler: async (ctx, { actor }) => ({ status: 201, body: await rotateKeys(ctx, actor, actor.email) }),
  }),
  defineRoute({
    method: 'get', path: p('/members'), summary: 'List members', action: 'members.read',
    handler: async (ctx, { actor }) => ({ status: 200, body: await listMembers(ctx, actor) }),
  }),
  defineRoute({
    method: 'patch', path: p('/members/:email'), summary: 'Change a member\'s role or name', action: 'members.manage', body: updateMemberBody,
    handler: async (ctx, { actor, params, body }) => ({ status: 200, body: await updateMember(ctx, actor, emailOf(params), body) }),
  }),
  defineRoute({
    method: 'delete', path: p('/members/:email'), summary: 'Remove a member: their keys stop working and their leased images are released', action: 'members.manage',
    handler: async (ctx, { actor, params }) => {
      await removeMember(ctx, actor, emailOf(params));
      return { status: 204 };
    },
  }),
  defineRoute({
    method: 'post', path: p('/members/:email/keys'), summary: 'Issue another API key for a member (shown once)', action: 'members.manage', body: createKeyBody,
    handler: async (ctx, { actor, params, body }) => ({ status: 201, body: await createKey(ctx, actor, emailOf(params), body.name) }),
  }),
  defineRoute({
    method: 'post', path: p('/members/:email/keys/rotate'), summary: 'Rotate a member\'s keys: all are revoked, one new key is shown once', action: 'members.manage',
    successStatus: 201,
    handler: async (ctx, { actor, params }) => ({ status: 201, body: await rotateKeys(ctx, actor, emailOf(params)) }),
  }),
  defineRoute({
    method: 'get', path: p('/keys'), summary: 'List API keys by prefix (never the secrets)', action: 'members.manage', query: keysQuery,
    handler: async (ctx, { actor, query }) => ({ status: 200, body: await listKeys(ctx, actor, query.email) }),
  }),
  defineRoute({
    method: 'delete', path: p('/keys/:prefix'), summary: 'Revoke one API key; it stops working at once', action: 'members.manage',
    handler: async (ctx, { actor, params }) => {
      await revokeKey(ctx, actor, params.prefix!);
      return { status: 204 };
    },
  }),
  defineRoute({
    method: 'get', path: p('/audit'), summary: 'Membership, role and key changes, newest first', action: 'audit.read', query: auditQuery,
    handler: async (ctx, { actor, query }) => ({ status: 200, body: await listAudit(ctx, actor, query) }),
  }),
  defineRoute({
    method: 'post', path: p('/projects'), summary: 'Create a project', action: 'projects.manage', body: createProjectBody,
    handler: async (ctx, { actor, body }) => ({ status: 201, body: await createProject(ctx, actor, body) }),
  }),
  defineRoute({
    method: 'get', path: p('/projects'), summary: 'List projects', action: 'projects.read',
    handler: async (ctx, { actor }) => ({ status: 200, body: { projects: await listProjects(ctx, actor) } }),
  }),
  defineRoute({
    method: 'get', path: p('/projects/:project'), summary: 'Get a project', action: 'projects.read',
    handler: async (ctx, { actor, params }) => ({ status: 200, body: projectView(await loadProject(ctx, actor, params.project!)) }),
  }),
  defineRoute({
    method: 'patch', path: p('/projects/:project'), summary: 'Rename a project or change its classes', action: 'projects.manage', body: updateProjectBody,
    handler: async (ctx, { actor, params, body }) => ({ status: 200, body: await updateProject(ctx, actor, params.project!, body) }),
  }),
  defineRoute({
    method: 'post', path: p('/:project/images'), summary: 'Upload images (multipart `file` parts, optional `batch`)', action: 'images.upload',
    multipart: true,
    handler: async (ctx, { actor, params, files, fields }) => ({
      status: 201, body: await uploadImages(ctx, actor, params.project!, files, fields.batch),
    }),
  }),
  defineRoute({
    method: 'post', path: p('/:project/batches'), summary: 'Create a batch from image ids or a sample', action: 'batches.manage',
    body: createBatchBody,
    handler: async (ctx, { actor, params, body }) => ({ status: 201, body: await createBatch(ctx, actor, params.project!, body) }),
  }),
  defineRoute({
    method: 'post', path: p('/:project/jobs'), summary: 'Create a labeling job (Roboflow-compatible)', action: 'jobs.manage',
    body: createJobBody,
    handler: async (ctx, { actor, params, body }) => ({ status: 201, body: await createJob(ctx, actor, params.project!, body) }),
  }),
  defineRoute({
    method: 'get', path: p('/:project/jobs'), summary: 'List jobs the caller may see', action: 'jobs.read',
    handler: async (ctx, { actor, params }) => ({ status: 200, body: await listJobs(ctx, actor, params.project!) }),
  }),
  defineRoute({
    method: 'get', path: p('/:project/jobs/:job'), summary: 'Get a job', action: 'jobs.read',
    handler: async (ctx, { actor, params }) => ({ status: 200, body: await getJob(ctx, actor, params.project!, params.job!) }),
  }),
  defineRoute({
    method: 'post', path: p('/:project/jobs/:job/cancel'), summary: 'Cancel a job; its open images return to the batch', action: 'jobs.manage',
    handler: async (ctx, { actor, params }) => ({ status: 200, body: await cancelJob(ctx, actor, params.project!, params.job!) }),
  }),
  defineRoute({
    method: 'post', path: p('/:project/jobs/:job/next'), summary: 'Reserve the next image of the label stream', action: 'labeling.work',
    handler: async (ctx, { actor, params }) => {
      const next = await nextImage(ctx, actor, params.project!, params.job!);
      return next ? { status: 200, body: next } : { status: 204 };
    },
  }),
  defineRoute({
    method: 'put', path: p('/:project/jobs/:job/images/:image/annotation'), summary: 'Save a draft or submit an annotation', action: 'labeling.work',
    body: annotationBody,
    handler: async (ctx, { actor, params, body }) => ({
      status: 200, body: await saveAnnotation(ctx, actor, params.project!, params.job!, params.image!, body),
    }),
  }),
  defineRoute({
    method: 'post', path: p('/:project/jobs/:job/images/:image/review'), summary: 'Approve or reject a submitted image', action: 'review.work',
    body: reviewBody,
    handler: async (ctx, { actor, params, body }) => ({
      status: 200, body: await reviewImage(ctx, actor, params.project!, params.job!, params.image!, body),
    }),
  }),
  defineRoute({
    method: 'get', path: p('/:project/dataset'), summary: 'The project\'s dataset: approved images with their approved annotations', action: 'dataset.read',
    handler: async (ctx, { actor, params }) => ({ status: 200, body: await getDataset(ctx, actor, params.project!) }),
  }),
];
