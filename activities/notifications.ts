import type { Models } from '../db/models';
import type { Role } from '../domain/roles';
import type { Mailer } from './mailer';

/** Who hears of escalations and overdue jobs. */
export const managerRoles: Role[] = ['owner', 'admin', 'manager'];

export interface NotificationInput { key: string; to: string; subject: string; text: string }

/** Sends at most once per business key: the outbox row remembers that it went out. */
export async function sendOnce(models: Models, mailer: Mailer, input: NotificationInput): Promise<{ sent: boolean }> {
  const { key, ...mail } = input;
  await models.Notification.updateOne({ _id: key }, { $setOnInsert: mail }, { upsert: true });
  const row = await models.Notification.findById(key).lean();
  if (row?.sentAt) return { sent: false };
  await mailer.send(mail);
  await models.Notification.updateOne({ _id: key }, { $set: { sentAt: new Date() } });
  return { sent: true };
}

export function createNotificationActivities({ models, mailer }: { models: Models; mailer: Mailer }) {
  const managersOf = async (workspace: string, also: string) =>
    [...new Set([also, ...(await models.Member.find({ workspace, role: { $in: managerRoles } }, { email: 1 }).lean()).map((m) => m.email)])];

  /** Tells the workspace's managers, once, about images that reached the project's rework round limit. */
  async function notifyEscalations(jobId: string): Promise<void> {
    const job = await models.Job.findById(jobId, { workspace: 1, project: 1, name: 1, createdBy: 1 }).lean();
    const stream = await models.JobStream.findById(jobId, { unnotifiedEscalations: 1 }).lean();
    const escalated = stream?.unnotifiedEscalations ?? [];
    if (!job || escalated.length === 0) return;
    for (const to of await managersOf(job.workspace, job.createdBy)) {
      await sendOnce(models, mailer, {
        key: `job:${jobId}:escalated:${escalated.map((e) => `${e.imageId}#${e.round}`).join(',')}:${to}`,
        to,
        subject: `${escalated.length} image(s) of ${job.name} need a manager`,
        text: `After ${escalated[0]!.round} rounds of rework, these images of ${job.workspace}/${job.project} come to you instead of the labeler:\n${escalated.map((e) => `- ${e.imageId}: ${e.reason ?? ''}`).join('\n')}`,
      });
    }
    await models.JobStream.updateOne({ _id: jobId }, { $pullAll: { unnotifiedEscalations: escalated } });
  }

  return {
    sendNotification: (input: NotificationInput) => sendOnce(models, mailer, input),

    /**
     * Tells the labeler about images sent back since the last notice, in one mail. Marks exactly the
     * images it mailed about, so a rejection arriving meanwhile waits for the next notice.
     */
    async notifyRejections({ jobId }: { jobId: string }): Promise<{ count: number }> {
      // Escalations ride along: the workflow asks once per recount, so a new kind of notice needs no new step.
      await notifyEscalations(jobId);
      const job = await models.Job.findById(jobId, { labeler: 1 }).lean();
      const stream = await models.JobStream.findById(jobId, { unnotified: 1 }).lean();
      const rejected = stream?.unnotified ?? [];
      if (!job || rejected.length === 0) return { count: 0 };
      await sendOnce(models, mailer, {
        key: `job:${jobId}:rejected:${rejected.map((r) => `${r.imageId}#${r.round}`).join(',')}`,
        to: job.labeler,
        subject: `${rejected.length} image(s) sent back for rework`,
        text: `The reviewer sent back ${rejected.length} image(s):\n${rejected.map((r) => `- ${r.reason ?? ''}`).join('\n')}`,
      });
      // Exactly the entries mailed about: a rejection listed meanwhile waits for the next notice.
      await models.JobStream.updateOne({ _id: jobId }, { $pullAll: { unnotified: rejected } });
      return { count: rejected.length };
    },

    /** Tells the labeler, then (`managers`) the workspace's managers, once per due date, that a job is overdue. */
    async remindOverdue({ jobId, dueAt, step }: { jobId: string; dueAt: string; step: 'soon' | 'labeler' | 'managers' }): Promise<void> {
      const job = await models.Job.findById(jobId).lean();
      if (!job) return;
      const { numImages = 0, counts } = job;
      const progress = `${counts?.approved ?? 0} of ${numImages} approved, ${counts?.annotated ?? 0} awaiting review, ${(counts?.unannotated ?? 0) + (counts?.rejected ?? 0)} to label`;
      const recipients = step === 'managers' ? await managersOf(job.workspace, job.createdBy) : [job.labeler];
      for (const to of recipients) {
        await sendOnce(models, mailer, {
          key: `job:${jobId}:overdue:${dueAt}:${step}:${to}`,
          to,
          subject: step === 'soon' ? `Due soon: ${job.name}` : step === 'labeler' ? `Overdue: ${job.name}` : `Overdue, escalated: ${job.name}`,
          text: step === 'soon'
            ? `${job.name} in ${job.workspace}/${job.project} is due ${dueAt}: ${progress}.`
            : `${job.name} in ${job.workspace}/${job.project} was due ${dueAt} and is not done: ${progress}.`,
        });
      }
    },
  };
}
