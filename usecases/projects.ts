import type { ProjectType } from '../domain/annotations';
import type { Actor, AppContext } from './context';
import { conflict, notFound } from './errors';

export interface ProjectInput { id: string; name: string; type: ProjectType; classes: string[] }

export function projectView(p: { slug: string; workspace: string; name: string; type: string; classes: string[]; createdAt?: Date }) {
  return { id: p.slug, workspace: p.workspace, name: p.name, type: p.type, classes: p.classes, created: p.createdAt?.toISOString() };
}

export async function createProject(ctx: AppContext, actor: Actor, input: ProjectInput) {
  try {
    const doc = await ctx.models.Project.create({ workspace: actor.workspace, slug: input.id, name: input.name, type: input.type, classes: input.classes });
    return projectView(doc);
  } catch (err) {
    if ((err as { code?: number }).code === 11000) throw conflict(`project ${input.id} already exists`);
    throw err;
  }
}

export async function loadProject(ctx: AppContext, actor: Actor, slug: string) {
  const p = await ctx.models.Project.findOne({ workspace: actor.workspace, slug }).lean();
  if (!p) throw notFound(`project ${slug}`);
  return p;
}

export async function listProjects(ctx: AppContext, actor: Actor) {
  const docs = await ctx.models.Project.find({ workspace: actor.workspace }).sort({ createdAt: 1 }).lean();
  return docs.map(projectView);
}
