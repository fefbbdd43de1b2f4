// Submissions sent in the background, so that the labeler is on the next image at once. Each is sent
// with an Idempotency-Key of its own (a retry after a lost answer is answered as the first try was) and
// retried with backoff until the server has it or refuses it. Until then its shapes stay where the
// editor keeps every change (the image's draft in localStorage), so a closed tab loses nothing.
import { ApiError, client, type NextImage, type Shape } from '../api';
import { forgetDraft, retryDelayMs } from './drafts';

export interface SendState { count: number; error?: string }

interface Options {
  workspace: string; project: string; job: string;
  onState(state: SendState): void;
  /** The server refused the submission (a 4xx): the image goes back to the labeler with why. */
  onRefused(image: NextImage, err: ApiError): void;
}

/**
 * A 4xx other than "too many", "timeout" or "still in progress" (the first try's answer, lost to a
 * crash, until the server takes it over) will not change by sending the same again.
 */
const refused = (err: unknown): err is ApiError =>
  err instanceof ApiError && err.status >= 400 && err.status < 500 && err.status !== 408 && err.status !== 429 && err.code !== 'in_progress';

/** Submissions in flight at most: `next`'s `except` lists them all, with the image on screen (10 ids). */
export const maxInFlight = 9;

export function submitter(opts: Options) {
  const sending = new Map<string, NextImage>();
  let lastError: string | undefined;
  let waiters: (() => void)[] = [];
  const changed = () => {
    opts.onState({ count: sending.size, error: sending.size ? lastError : undefined });
    if (sending.size < maxInFlight) {
      for (const w of waiters) w();
      waiters = [];
    }
  };

  const send = async (image: NextImage, shapes: Shape[]) => {
    // getRandomValues, unlike randomUUID, works on a plain-http origin too.
    const key = [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
    const path = { workspace: opts.workspace, project: opts.project, job: opts.job, image: image.image.id };
    for (let failures = 0; ; failures++) {
      try {
        await client.PUT('/{workspace}/{project}/jobs/{job}/images/{image}/annotation', { params: { path }, headers: { 'idempotency-key': key }, body: { annotations: shapes } });
        forgetDraft(opts.job, image.image.id);
        break;
      } catch (err) {
        if (refused(err)) {
          sending.delete(image.image.id);
          changed();
          opts.onRefused(image, err);
          return;
        }
        lastError = (err as Error).message;
        changed();
        await new Promise((r) => setTimeout(r, retryDelayMs(failures)));
      }
    }
    sending.delete(image.image.id);
    if (sending.size === 0) lastError = undefined;
    changed();
  };

  return {
    /** Images submitted whose answer has not come yet. */
    waiting: () => [...sending.keys()],
    has: (imageId: string) => sending.has(imageId),
    /** Resolves once fewer than `maxInFlight` are being sent (the labeler waits only on a server that far behind). */
    room: () => (sending.size < maxInFlight ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
    submit(image: NextImage, shapes: Shape[]) {
      sending.set(image.image.id, image);
      changed();
      void send(image, shapes);
    },
  };
}
