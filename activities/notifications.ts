import type { Models } from '../db/models';
import type { Mailer } from './mailer';

export interface NotificationInput { key: string; to: string; subject: string; text: string }

export function createNotificationActivities({ models, mailer }: { models: Models; mailer: Mailer }) {
  const { Notification } = models;
  return {
    /** Sends at most once per business key: the outbox row remembers that it went out. */
    async sendNotification(input: NotificationInput): Promise<{ sent: boolean }> {
      const { key, ...mail } = input;
      await Notification.updateOne({ _id: key }, { $setOnInsert: mail }, { upsert: true });
      const row = await Notification.findById(key).lean();
      if (row?.sentAt) return { sent: false };
      await mailer.send(mail);
      await Notification.updateOne({ _id: key }, { $set: { sentAt: new Date() } });
      return { sent: true };
    },
  };
}
