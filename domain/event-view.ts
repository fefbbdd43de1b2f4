// The public shape of an event: what timelines list and what a webhook delivery's body is.
import { fromStored, type StoredAnnotation } from './annotations';

export type EventDoc = { seq: number; kind: string; actor: string; at: Date; job?: string | null; image?: string | null; batch?: string | null; comment?: string | null; data?: unknown };
export type TimelineEvent = ReturnType<typeof eventView>;

/** The public shape of an event (timelines and webhook deliveries); shapes in `data` as the API takes them. */
export function eventView(e: EventDoc & { _id: string }) {
  const data = { ...(e.data ?? {}) } as Record<string, unknown>;
  // Stored flat (the store refuses arrays of arrays); given back as [x, y] points.
  if (Array.isArray(data.annotations)) data.annotations = fromStored(data.annotations as StoredAnnotation[]);
  return {
    id: e._id, seq: e.seq, kind: e.kind, actor: e.actor, at: e.at.toISOString(),
    ...(e.job ? { job: e.job } : {}), ...(e.image ? { image: e.image } : {}), ...(e.batch ? { batch: e.batch } : {}),
    ...(e.comment ? { comment: e.comment } : {}), data,
  };
}

