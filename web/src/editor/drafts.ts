// Drafts that survive anything: every change is kept in localStorage at once and sent to the server a
// moment later; a failed send is retried with backoff (and shown), and a reload sends what is kept.
import { client, type Shape } from '../api';

export type SaveState = 'saved' | 'saving' | 'retrying';

const keyOf = (job: string, image: string) => `tessera.draft.${job}.${image}`;

/** How long to wait before trying a send again after `failures` failed tries: doubling, at most 10 s. */
export const retryDelayMs = (failures: number) => Math.min(10_000, 500 * 2 ** failures);

export function keptDraft(job: string, image: string): Shape[] | null {
  const raw = localStorage.getItem(keyOf(job, image));
  return raw ? (JSON.parse(raw) as Shape[]) : null;
}

export function forgetDraft(job: string, image: string) {
  localStorage.removeItem(keyOf(job, image));
}

/** Sends the newest shapes of one image as a draft, once they stop changing, until the server has them. */
export function draftSaver(opts: { workspace: string; project: string; job: string; image: string; onState: (s: SaveState, error?: string) => void }) {
  let pending: Shape[] | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let sending = false;
  const path = { workspace: opts.workspace, project: opts.project, job: opts.job, image: opts.image };
  const send = async () => {
    if (sending || pending === null) return;
    const shapes = pending;
    sending = true;
    opts.onState('saving');
    try {
      await client.PUT('/{workspace}/{project}/jobs/{job}/images/{image}/annotation', { params: { path }, body: { annotations: shapes, draft: true } });
      failures = 0;
      if (pending === shapes) {
        pending = null;
        opts.onState('saved');
      }
    } catch (err) {
      failures++;
      opts.onState('retrying', (err as Error).message);
      timer = setTimeout(() => void send(), retryDelayMs(failures));
    } finally {
      sending = false;
    }
    if (pending !== null && failures === 0) void send();
  };
  return {
    change(shapes: Shape[]) {
      localStorage.setItem(keyOf(opts.job, opts.image), JSON.stringify(shapes));
      pending = shapes;
      clearTimeout(timer);
      timer = setTimeout(() => void send(), failures ? retryDelayMs(failures) : 500);
    },
    /** Sends what is waiting now (leaving the page). */
    flush() {
      clearTimeout(timer);
      void send();
    },
    stop() {
      clearTimeout(timer);
    },
  };
}
