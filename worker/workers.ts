// Builds the workers of both task queues around one Temporal connection and one set of dependencies.
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities, createImagesQueueActivities, type ActivityDeps } from '../activities';
import type { TaskQueues } from '../common/temporal';

export interface WorkersOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueues: TaskQueues;
  deps: ActivityDeps;
  /** Prebuilt bundle; without it the workflows are bundled from source at start-up. */
  workflowBundlePath?: string;
  /** The queues to serve (default both): an images-only process holds no workflows. */
  queues?: ('jobs' | 'images')[];
}

export async function createWorkers(opts: WorkersOptions): Promise<Worker[]> {
  const workflowSource: Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'> = opts.workflowBundlePath
    ? { workflowBundle: { codePath: opts.workflowBundlePath } }
    : { workflowsPath: require.resolve('../workflows') };
  const common = { connection: opts.connection, namespace: opts.namespace, shutdownGraceTime: '10 seconds' } as const;
  const queues = opts.queues ?? ['jobs', 'images'];
  return Promise.all([
    ...(queues.includes('jobs') ? [Worker.create({ ...common, ...workflowSource, taskQueue: opts.taskQueues.jobs, activities: createActivities(opts.deps) })] : []),
    ...(queues.includes('images') ? [Worker.create({
      ...common,
      taskQueue: opts.taskQueues.images,
      activities: createImagesQueueActivities(opts.deps),
      // Each image is decoded on one thread without a cache (activities/images.ts): two at a time keep
      // the worker's memory bounded by two images' working sets, whatever the upload.
      maxConcurrentActivityTaskExecutions: 2,
    })] : []),
  ]);
}

/** Runs the workers until `signal` aborts, then lets in-flight tasks finish. */
export async function runWorkers(workers: Worker[], signal: AbortSignal): Promise<void> {
  const onAbort = () => workers.forEach((w) => w.getState() === 'RUNNING' && w.shutdown());
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    await Promise.all(workers.map((w) => w.run()));
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}
