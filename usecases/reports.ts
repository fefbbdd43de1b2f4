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

async function rangeCounters(ctx: AppContext, workspace: string, project: string, role: Role, from: string, to: string): Promise<Map<string, Counters>> {
  const days = await ctx.models.WorkDay.find({ _id: { $in: daysBetween(from, to).map((d) => workDayId(workspace, project, role, d)) } }).lean();
  const sums = new Map<string, Counters>();
  for (const day of days) {
    for (const [key, counters] of Object.entries((day.people ?? {}) as Record<string, Partial<Counters>>)) {
      const email = personOfKey(key);
      if (!sums.has(email)) sums.set(email, emptyCounters());
      addInto(sums.get(email)!, counters);
    }
  }
  return sums;
}

export async function workReport(ctx: AppContext, actor: Actor, projectSlug: string, role: Role, range: ReportRange = {}) {
  const project = await loadProject(ctx, actor, projectSlug);
  const counters = range.from && range.to
    ? await rangeCounters(ctx, actor.workspace, project.slug, role, range.from, range.to)
    : await lifetimeCounters(ctx, actor.workspace, project.slug, role);
  const rows = [...counters].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    ...(range.from && range.to ? { from: range.from, to: range.to } : {}),
    [`${role}s`]: rows.map(([email, r]) => {
      const reviewed = r.approved + r.rejected;
      return role === 'labeler'
        ? {
          email, labeled: r.labeled, approved: r.approved, rejected: r.rejected, reworkRounds: r.reworkRounds, skips: r.skips,
          reworkRate: reviewed ? r.rejected / reviewed : null,
          medianSecondsPerImage: quantileSeconds(r.secondsHistogram, 0.5), p90SecondsPerImage: quantileSeconds(r.secondsHistogram, 0.9),
        }
        : { email, reviewed, approved: r.approved, rejected: r.rejected, rejectRate: reviewed ? r.rejected / reviewed : null };
    }),
  };
}
