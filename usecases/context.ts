import type { Client } from '@temporalio/client';
import type { BlobStore } from '../activities/blob-store';
import type { Logger } from '../common/logger';
import type { TaskQueues } from '../common/temporal';
import type { Models } from '../db/models';
import type { Role } from '../domain/roles';
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
}

/** The authenticated caller. */
export interface Actor { workspace: string; email: string; role: Role; memberId: string }
