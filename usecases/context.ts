import type { Client } from '@temporalio/client';
import type { BlobStore } from '../activities/blob-store';
import type { Mailer } from '../activities/mailer';
import type { Logger } from '../common/logger';
import type { WebhookSettings } from '../config';
import type { TaskQueues } from '../common/temporal';
import type { Models } from '../db/models';
import type { Role } from '../domain/roles';
import type { ImageNames } from './image-names';
import type { ProgressNotifier } from './progress-notifier';

/** Everything a use-case may touch. Built once per process. */
export interface AppContext {
  models: Models;
  temporal: Client;
  taskQueues: TaskQueues;
  store: BlobStore;
  logger: Logger;
  progress: ProgressNotifier;
  /** Upper bound on any wait on a worker. */
  waitMs: number;
  leaseSeconds: number;
  /** Given to each new job: past its due date, how long before its managers are told. */
  dueEscalationSeconds: number;
  /** Given to each new job: how long before its due date its labeler is told it is due soon. */
  dueSoonSeconds: number;
  /** Sends sign-in and invitation links straight from the API: their secret must not sit in Temporal history or the notifications collection. */
  mailer: Mailer;
  /** Where people open the web app; links in mails point here, and cookies are Secure when it is https. */
  publicUrl: string;
  /** Where webhooks may point and how their deliveries are tried. */
  webhooks: WebhookSettings;
  /** The names of image lists, held for name prefixes and sorts by name. */
  imageNames: ImageNames;
}

/** The authenticated caller. */
export interface Actor {
  workspace: string; email: string; role: Role; memberId: string;
  /** Set when the caller came with a browser session cookie rather than an API key. */
  session?: { id: string; csrfToken: string; expiresAt: Date };
}
