// Projects: their type and classes.
import { createProject, listProjects, loadProject, projectView, updateProject } from '../../usecases/projects';
import { defineRoute, type RouteSpec } from '../route';
import { createProjectBody, updateProjectBody } from '../schemas';
import { p } from './paths';
import * as answers from '../responses';

export const projectsRoutes: RouteSpec[] = [
  defineRoute({
    method: 'post', path: p('/projects'), response: answers.project, summary: 'Create a project', action: 'projects.manage', body: createProjectBody,
    handler: async (ctx, { actor, body }) => ({ status: 201, body: await createProject(ctx, actor, body) }),
  }),
  defineRoute({
    method: 'get', path: p('/projects'), response: answers.projectList, summary: 'List projects', action: 'projects.read',
    handler: async (ctx, { actor }) => ({ status: 200, body: { projects: await listProjects(ctx, actor) } }),
  }),
  defineRoute({
    method: 'get', path: p('/projects/:project'), response: answers.project, summary: 'Get a project', action: 'projects.read',
    handler: async (ctx, { actor, params }) => ({ status: 200, body: projectView(await loadProject(ctx, actor, params.project!)) }),
  }),
  defineRoute({
    method: 'patch', path: p('/projects/:project'), summary: 'Rename a project or change its classes', action: 'projects.manage', body: updateProjectBody,
    handler: async (ctx, { actor, params, body }) => ({ status: 200, body: await updateProject(ctx, actor, params.project!, body) }),
  }),
];
