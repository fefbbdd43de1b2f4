// Reports per labeler and per reviewer of a project, from their counters (PersonStats), never images.
import { quantileSeconds } from '../domain/work-times';
import type { Actor, AppContext } from './context';
import { loadProject } from './projects';

export async function workReport(ctx: AppContext, actor: Actor, projectSlug: string, role: 'labeler' | 'reviewer') {
  const project = await loadProject(ctx, actor, projectSlug);
  const prefix = `${actor.workspace}/${project.slug}/${role}/`;
  // A range of _id: the one lookup every MongoDB-wire store answers from its index.
  const rows = await ctx.models.PersonStats.find({ _id: { $gte: prefix, $lt: `${prefix}\uffff` } }).sort({ _id: 1 }).lean();
  return {
    [`${role}s`]: rows.map((r) => {
      const histogram = (r.secondsHistogram ?? {}) as Record<string, number>;
      const reviewed = r.approved + r.rejected;
      return role === 'labeler'
        ? {
          email: r.email, labeled: r.labeled, approved: r.approved, rejected: r.rejected, reworkRounds: r.reworkRounds, skips: r.skips,
          reworkRate: reviewed ? r.rejected / reviewed : null,
          medianSecondsPerImage: quantileSeconds(histogram, 0.5), p90SecondsPerImage: quantileSeconds(histogram, 0.9),
        }
        : { email: r.email, reviewed, approved: r.approved, rejected: r.rejected, rejectRate: reviewed ? r.rejected / reviewed : null };
    }),
  };
}
