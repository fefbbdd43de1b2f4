// Who may see one image: managers always; a labeler or reviewer while it is in a job they are named on.
import { canSeeJob } from '../domain/roles';
import type { Actor, AppContext } from './context';
import { forbidden, notFound } from './errors';
import { loadProject } from './projects';

export async function loadVisibleImage(ctx: AppContext, actor: Actor, projectSlug: string, imageId: string) {
  const project = await loadProject(ctx, actor, projectSlug);
  const image = await ctx.models.Image.findById(imageId, { workspace: 1, project: 1, jobId: 1, name: 1 }).lean();
  if (!image || image.workspace !== actor.workspace || image.project !== project.slug) throw notFound(`image ${imageId}`);
  const job = image.jobId ? await ctx.models.Job.findById(image.jobId).lean() : null;
  if (!canSeeJob(actor, job ?? { labeler: '', reviewer: '' })) {
    throw forbidden(job ? 'only managers and the image\'s labeler and reviewer see it' : 'only managers see an image in no job');
  }
  return { project, image, job };
}
