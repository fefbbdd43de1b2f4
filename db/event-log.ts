// The event log's writes. An event is written `pending` before its change and settled after it, so a
// crash anywhere leaves either both or neither once the pending event is settled (see settleStream).
import {
  eventId, eventStreamId, imageEventIndexId, jobEventBlockId, jobEventBlockSize,
  type EventKind, type EventSubjects,
} from '../domain/events';
import type { Models } from './models';

/** A document whose existence (matching `filter`) proves the change happened. */
/**
 * How a settler tells whether a pending event's change happened: a document of `model` matching `_id: id`
 * (when given) and `filter` exists, or with `absent`, no longer does (a removal).
 */
export interface EventCheck { model: keyof Models; id?: string; filter?: Record<string, unknown>; absent?: boolean }

/** Whether the change a check describes is there. */
async function checkHolds(models: Models, check: EventCheck): Promise<boolean> {
  const found = (await (models[check.model] as Models['Event']).exists({ ...(check.id === undefined ? {} : { _id: check.id }), ...check.filter })) !== null;
  return check.absent ? !found : found;
}

export interface EventDraft extends EventSubjects {
  workspace: string;
  /** The project's slug, or '' for a change to the workspace itself. */
  project: string;
  kind: EventKind;
  actor: string;
  data?: Record<string, unknown>;
  /** Recording again under this key (an activity's retry) finds the event recorded first. */
  key?: string;
  check?: EventCheck;
}

/** A pending event older than this whose writer has not settled it is settled by its check. */
export const settleAfterMs = 30_000;

const pendingEntry = (seq: number, at: number) => `${seq}@${at}`;

/** An event as its writer knows it between beginning and finishing it. */
export interface OpenEvent { id: string; stream: string; seq: number; at: number; job?: string; image?: string }

/**
 * Numbers and writes the event: `pending` (listed on its stream as such) before its change, or `done`
 * for a change already made. `recorded` when the key names an event recorded before.
 */
export async function beginEvent(models: Models, draft: EventDraft, state: 'pending' | 'done' = 'pending'): Promise<{ event: OpenEvent; recorded: boolean }> {
  const stream = eventStreamId(draft.workspace, draft.project);
  const keyId = draft.key && `${stream}/${draft.key}`;
  const known = keyId ? await models.EventKey.findById(keyId).lean() : null;
  if (known) return { event: { id: known.eventId, stream, seq: 0, at: 0 }, recorded: true };
  const at = Date.now();
  for (;;) {
    const counter = await models.EventStream.findOneAndUpdate({ _id: stream }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' }).lean();
    const seq = counter!.seq;
    const event: OpenEvent = { id: eventId(stream, seq), stream, seq, at, job: draft.job, image: draft.image };
    if (state === 'pending') await models.EventStream.updateOne({ _id: stream }, { $addToSet: { pending: pendingEntry(seq, at) } });
    const { workspace: _w, project: _p, key: _k, check, ...fields } = draft;
    // `$setOnInsert`: a settler that gave up on this number first wrote a void event here; take another.
    const written = await models.Event.updateOne(
      { _id: event.id },
      // The check is kept as JSON: its filter may hold operators, which are not allowed as stored keys.
      { $setOnInsert: { ...fields, ...(check ? { check: JSON.stringify(check) } : {}), stream, seq, state, at: new Date(at) } },
      { upsert: true },
    );
    if (written.upsertedCount !== 1) {
      if (state === 'pending') await models.EventStream.updateOne({ _id: stream }, { $pull: { pending: pendingEntry(seq, at) } });
      continue;
    }
    if (keyId) {
      const claimed = await models.EventKey.updateOne({ _id: keyId }, { $setOnInsert: { eventId: event.id } }, { upsert: true });
      if (claimed.upsertedCount !== 1) {
        if (state === 'pending') await finishEvent(models, event, false);
        else await models.Event.updateOne({ _id: event.id }, { $set: { state: 'void' } });
        return { event: { id: (await models.EventKey.findById(keyId).lean())!.eventId, stream, seq: 0, at: 0 }, recorded: true };
      }
    }
    return { event, recorded: false };
  }
}

/** Marks the event done (with what the change returned) or void, indexes a done one, and unlists it as pending. */
export async function finishEvent(models: Models, event: OpenEvent, happened: boolean, data?: Record<string, unknown>): Promise<void> {
  const extra = Object.fromEntries(Object.entries(data ?? {}).map(([k, v]) => [`data.${k}`, v]));
  await models.Event.updateOne({ _id: event.id, state: 'pending' }, { $set: { state: happened ? 'done' : 'void', ...extra } });
  if (happened) await indexEvent(models, event);
  await models.EventStream.updateOne({ _id: event.stream }, { $pull: { pending: pendingEntry(event.seq, event.at) } });
}

/** Lists a done event on its image's and its job's timelines. */
async function indexEvent(models: Models, event: OpenEvent): Promise<void> {
  const indexes = [
    ...(event.image ? [imageEventIndexId(event.image)] : []),
    ...(event.job ? [jobEventBlockId(event.job, Math.floor(event.seq / jobEventBlockSize))] : []),
  ];
  await Promise.all(indexes.map((_id) => models.EventIndex.updateOne({ _id }, { $addToSet: { seqs: event.seq } }, { upsert: true })));
}

/**
 * Runs `change` inside its event: pending before, done after (merging what `dataOf` takes from the
 * result), void if the change throws. Returns the change's result.
 */
export async function recordChange<T>(
  models: Models, draft: EventDraft, change: () => Promise<T>, dataOf?: (result: T) => Record<string, unknown>,
  opts: { undecided?: (err: unknown) => boolean } = {},
): Promise<T> {
  const { event, recorded } = await beginEvent(models, draft);
  let result: T;
  try {
    result = await change();
  } catch (err) {
    // A change that may still happen (a workflow accepted it but did not answer in time) stays pending:
    // the settler decides by the event's check once it is old enough.
    if (!recorded && !opts.undecided?.(err)) await finishEvent(models, event, false);
    throw err;
  }
  if (!recorded) await finishEvent(models, event, true, dataOf?.(result));
  return result;
}

/**
 * Records a change already made, as done at once: no pending step, so three writes fewer. A crash
 * between the change and this loses the line, not the change; a crash after numbering it leaves a
 * number with no event, which a reader in order gives up as void (settleEvent).
 */
export async function recordEvent(models: Models, draft: EventDraft): Promise<void> {
  const { event, recorded } = await beginEvent(models, draft, 'done');
  if (!recorded) await indexEvent(models, event);
}

/**
 * For a reader walking the stream in order (a webhook's deliveries), what the event numbered `seq` is
 * now: `done` or `void` for good, or `waiting` while its writer may still finish it. A number with no
 * event yet may be one a writer has just taken: the reader waits, and once it has seen it missing for
 * `settleAfterMs` writes a void event there (a writer arriving later takes another number). A pending
 * event is settled by its check once it is that old.
 */
export async function settleEvent(models: Models, stream: string, seq: number, missingSince: number, now = Date.now()): Promise<'done' | 'void' | 'waiting'> {
  const id = eventId(stream, seq);
  let doc = await models.Event.findById(id, { state: 1, at: 1 }).lean();
  if (!doc) {
    if (now - missingSince < settleAfterMs) return 'waiting';
    await models.Event.updateOne({ _id: id }, { $setOnInsert: { stream, seq, state: 'void', kind: 'void', actor: '', at: new Date(missingSince) } }, { upsert: true });
    doc = await models.Event.findById(id, { state: 1, at: 1 }).lean();
  }
  if (doc!.state !== 'pending') return doc!.state as 'done' | 'void';
  if (now - doc!.at.getTime() < settleAfterMs) return 'waiting';
  await settleStream(models, stream, now);
  const settled = await models.Event.findById(id, { state: 1 }).lean();
  return settled!.state === 'pending' ? 'waiting' : (settled!.state as 'done' | 'void');
}

/**
 * Settles the stream's pending events older than `settleAfterMs` whose writers died: done if their
 * check finds the change, void otherwise (a number never written becomes a void event). Returns how
 * many are still pending (younger ones).
 */
export async function settleStream(models: Models, stream: string, now = Date.now()): Promise<number> {
  const streamDoc = await models.EventStream.findById(stream).lean();
  let waiting = 0;
  for (const entry of streamDoc?.pending ?? []) {
    const [seq, at] = entry.split('@').map(Number) as [number, number];
    if (now - at < settleAfterMs) { waiting++; continue; }
    const id = eventId(stream, seq);
    await models.Event.updateOne({ _id: id }, { $setOnInsert: { stream, seq, state: 'void', kind: 'void', actor: '', at: new Date(at) } }, { upsert: true });
    const doc = (await models.Event.findById(id).lean())!;
    const event: OpenEvent = { id, stream, seq, at, job: doc.job ?? undefined, image: doc.image ?? undefined };
    const check = doc.check ? (JSON.parse(doc.check as string) as EventCheck) : undefined;
    const happened = doc.state === 'pending'
      ? !check || (await checkHolds(models, check))
      : doc.state === 'done';
    await finishEvent(models, event, happened);
  }
  return waiting;
}
