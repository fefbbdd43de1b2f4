// Reports per labeler and per reviewer of a project, from their counters, never images: the whole
// project's life (PersonStats), or a range of days (a WorkDay document per day).
import { daysBetween, personOfKey, workDayId } from '../domain/work-days';
import { quantileSeconds } from '../domain/work-times';
import type { Actor, AppContext } from './context';
import { loadProject } from './projects';

type Role = 'labeler' | 'reviewer';
interface Counters { labeled: number; approved: number; rejected: number; reworkRounds: number; skips: number; secondsHistogram: Record<string, number> }
export interface ReportRange { from?: string; to?: string }

const emptyCounters = (): Counters => ({ labeled: 0, approved: 0, rejected: 0, reworkRounds: 0, skips: 0, secondsHistogram: {} });

function addInto(sum: Counters, c: Partial<Counters>) {
  for (const k of ['labeled', 'approved', 'rejected', 'reworkRounds', 'skips'] as const) sum[k] += c[k] ?? 0;
  for (const [bucket, n] of Object.entries(c.secondsHistogram ?? {})) sum.secondsHistogram[bucket] = (sum.secondsHistogram[bucket] ?? 0) + n;
}

async function lifetimeCounters(ctx: AppContext, workspace: string, project: string, role: Role): Promise<Map<string, Counters>> {
  const prefix = `${workspace}/${project}/${role}/`;
  // A range of _id: the one lookup every MongoDB-wire store answers from its index.
  const rows = await ctx.models.PersonStats.find({ _id: { $gte: prefix, $lt: `${prefix}\uffff` } }).lean();
  return new Map(rows.map((r) => [r.email, { ...emptyCounters(), ...r, secondsHistogram: (r.secondsHistogram ?? {}) as Record<string, number> }]));
}

/** Per person over the days, and every day's sums over people (for a chart over time). */
async function rangeCounters(ctx: AppContext, workspace: string, project: string, role: Role, from: string, to: string) {
  const dayNames = daysBetween(from, to);
  const docs = await ctx.models.WorkDay.find({ _id: { $in: dayNames.map((d) => workDayId(workspace, project, role, d)) } }).lean();
  const byId = new Map(docs.map((d) => [d._id, d]));
  const sums = new Map<string, Counters>();
  const days = dayNames.map((day) => {
    const total = emptyCounters();
    for (const [key, counters] of Object.entries((byId.get(workDayId(workspace, project, role, day))?.people ?? {}) as Record<string, Partial<Counters>>)) {
      const email = personOfKey(key);
      if (!sums.has(email)) sums.set(email, emptyCounters());
      addInto(sums.get(email)!, counters);
      addInto(total, counters);
    }
    return { day, total };
  });
  return { sums, days };
}

export async function workReport(ctx: AppContext, actor: Actor, projectSlug: string, role: Role, range: ReportRange = {}) {
  const project = await loadProject(ctx, actor, projectSlug);
  const ranged = range.from && range.to ? await rangeCounters(ctx, actor.workspace, project.slug, role, range.from, range.to) : undefined;
  const counters = ranged?.sums ?? (await lifetimeCounters(ctx, actor.workspace, project.slug, role));
  const rows = [...counters].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const view = (r: Counters) => {
    const reviewed = r.approved + r.rejected;
    return role === 'labeler'
      ? {
        labeled: r.labeled, approved: r.approved, rejected: r.rejected, reworkRounds: r.reworkRounds, skips: r.skips,
        reworkRate: reviewed ? r.rejected / reviewed : null,
        medianSecondsPerImage: quantileSeconds(r.secondsHistogram, 0.5), p90SecondsPerImage: quantileSeconds(r.secondsHistogram, 0.9),
      }
      : { reviewed, approved: r.approved, rejected: r.rejected, rejectRate: reviewed ? r.rejected / reviewed : null };
  };
  return {
    ...(ranged ? { from: range.from, to: range.to } : {}),
    [`${role}s`]: rows.map(([email, r]) => ({ email, ...view(r) })),
    ...(ranged ? { days: ranged.days.map(({ day, total }) => ({ day, ...view(total) })) } : {}),
  };
}
