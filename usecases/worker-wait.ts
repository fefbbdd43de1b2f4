import { isGrpcDeadlineError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import type { AppContext } from './context';
import { AppError } from './errors';

/**
 * Waits, bounded, on a worker for something Temporal has already durably accepted. Past the deadline
 * the caller learns its id, so a script reads it later instead of sending it again.
 */
export async function waitOnWorker<T>(ctx: AppContext, accepted: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  try {
    return await ctx.temporal.withDeadline(Date.now() + ctx.waitMs, fn);
  } catch (err) {
    // An update's wait past the deadline comes wrapped by the client, as a timeout or as a cancelled call.
    if (!isGrpcDeadlineError(err) && !(err instanceof WorkflowUpdateRPCTimeoutOrCancelledError)) throw err;
    throw new AppError('unavailable', `accepted, but no worker finished it within ${ctx.waitMs} ms; it completes once a worker runs`, { accepted });
  }
}
