import type { Models } from '../db/models';
import type { Mailer } from './mailer';

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
  return {
    sendNotification: (input: NotificationInput) => sendOnce(models, mailer, input),

    /**
     * Tells the labeler about images sent back since the last notice, in one mail. Marks exactly the
     * images it mailed about, so a rejection arriving meanwhile waits for the next notice.
     */
    async notifyRejections({ jobId }: { jobId: string }): Promise<{ count: number }> {
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
  };
}
