// `Idempotency-Key` on submit and review: a replay with the same key returns the first answer, the
// same key with another request is refused, so a script or a flaky network can retry safely.
import { createHash } from 'node:crypto';
import type { Actor, AppContext } from './context';
import { AppError, conflict, invalid } from './errors';

export interface StoredAnswer { status: number; body?: unknown }

const keyPattern = /^[\x21-\x7e]{1,255}$/;
/** Beyond the bounded wait on a worker, the longest the rest of a request takes. */
const requestSlackMs = 60_000;

/**
 * Runs `answer` once per (caller, key). The record is inserted before the work starts, so two
 * concurrent requests with one key cannot both run it; an answer the server could not give (5xx)
 * leaves no record, so a retry runs again. A crash leaves the record unanswered: once it is older than
 * any request can take (every wait on a worker is bounded), one retry takes it over and runs again.
 */
export async function answerOnce(
  ctx: AppContext, actor: Actor, key: string, request: unknown, answer: () => Promise<StoredAnswer>,
): Promise<StoredAnswer> {
  if (!keyPattern.test(key)) throw invalid('Idempotency-Key', 'printable ASCII without spaces, 1 to 255 characters');
  const { IdempotencyRecord } = ctx.models;
  const _id = `${actor.workspace}/${actor.email}/${key}`;
  const fingerprint = createHash('sha256').update(JSON.stringify(request)).digest('hex');
  try {
    await IdempotencyRecord.create({ _id, fingerprint });
  } catch (err) {
    if ((err as { code?: number }).code !== 11000) throw err;
    const first = await IdempotencyRecord.findById(_id).lean();
    if (!first || first.fingerprint !== fingerprint) throw conflict('this Idempotency-Key was used with another request');
    if (first.status !== null && first.status !== undefined) return { status: first.status, body: first.body ?? undefined };
    const abandoned = Date.now() - first.updatedAt.getTime() > ctx.waitMs + requestSlackMs &&
      (await IdempotencyRecord.updateOne({ _id, status: null, updatedAt: first.updatedAt }, { $inc: { takenOver: 1 } })).modifiedCount === 1;
    if (!abandoned) throw new AppError('in_progress', 'a request with this Idempotency-Key is still in progress; send it again later');
  }
  let result: StoredAnswer;
  try {
    result = await answer();
  } catch (err) {
    if (!(err instanceof AppError) || err.status >= 500) {
      await IdempotencyRecord.deleteOne({ _id });
      throw err;
    }
    result = { status: err.status, body: { error: { code: err.code, message: err.message, details: err.details } } };
  }
  await IdempotencyRecord.updateOne({ _id }, { $set: { status: result.status, body: result.body ?? null } });
  return result;
}
