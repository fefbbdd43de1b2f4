import type { ProjectType } from '../domain/annotations';
import type { Actor, AppContext } from './context';
import { conflict, notFound } from './errors';

export interface ProjectInput { id: string; name: string; type: ProjectType; classes: string[] }

export function projectView(p: { slug: string; workspace: string; name: string; type: string; classes: string[]; createdAt?: Date; maxReworkRounds?: number | null; reviewAfterRevert?: boolean | null }) {
  return { id: p.slug, workspace: p.workspace, name: p.name, type: p.type, classes: p.classes, maxReworkRounds: p.maxReworkRounds ?? 3, reviewAfterRevert: p.reviewAfterRevert ?? false, created: p.createdAt?.toISOString() };
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

/** Renames or changes classes; a class still used by any annotation cannot be removed. */
export async function updateProject(ctx: AppContext, actor: Actor, slug: string, input: { name?: string; classes?: string[]; maxReworkRounds?: number; reviewAfterRevert?: boolean }) {
  const project = await loadProject(ctx, actor, slug);
  if (input.classes) {
    const removed = project.classes.filter((c) => !input.classes!.includes(c));
    if (removed.length > 0) {
      const scope = { workspace: actor.workspace, project: slug, 'annotations.class': { $in: removed } };
      const inUse = (await ctx.models.Annotation.exists(scope)) ?? (await ctx.models.DatasetItem.exists(scope));
      if (inUse) throw conflict(`classes still used by annotations cannot be removed: ${removed.join(', ')}`, { classes: removed });
    }
  }
  const updated = await ctx.models.Project.findOneAndUpdate(
    { workspace: actor.workspace, slug },
    { $set: { ...(input.name !== undefined ? { name: input.name } : {}), ...(input.classes ? { classes: input.classes } : {}), ...(input.maxReworkRounds ? { maxReworkRounds: input.maxReworkRounds } : {}), ...(input.reviewAfterRevert !== undefined ? { reviewAfterRevert: input.reviewAfterRevert } : {}) } },
    { returnDocument: 'after' },
  ).lean();
  return projectView(updated!);
}
