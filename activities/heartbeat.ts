import { heartbeat } from '@temporalio/activity';

/** Keeps the activity's heartbeat going while `work` runs, so a killed worker is noticed in seconds. */
export async function whileHeartbeating<T>(work: () => Promise<T>): Promise<T> {
  const ticker = setInterval(() => heartbeat(), 1_000);
  try {
    return await work();
  } finally {
    clearInterval(ticker);
  }
}
