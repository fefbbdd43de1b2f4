// The event log's writes. An event is written `pending` before its change and settled after it, so a
// crash anywhere leaves either both or neither once the pending event is settled (see settleStream).
// The stream keeps only its last number and how far it is settled: a settler walks the numbers past that
// mark, so the hot path writes nothing to the stream but the number it takes.
import {
  eventId, eventStreamId, imageEventIndexId, jobEventBlockId, jobEventBlockSize,
  type EventKind, type EventSubjects,
} from '../domain/events';
import type { Models } from './models';

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

/** An event as its writer knows it between beginning and finishing it. */
export interface OpenEvent { id: string; stream: string; seq: number; job?: string; image?: string }

/**
 * Numbers and writes the event: `pending` before its change, or `done` for a change already made.
 * `recorded` when the key names an event recorded before.
 */
export async function beginEvent(models: Models, draft: EventDraft, state: 'pending' | 'done' = 'pending'): Promise<{ event: OpenEvent; recorded: boolean }> {
  const stream = eventStreamId(draft.workspace, draft.project);
  const keyId = draft.key && `${stream}/${draft.key}`;
  const known = keyId ? await models.EventKey.findById(keyId).lean() : null;
  if (known) return { event: { id: known.eventId, stream, seq: 0 }, recorded: true };
  const at = Date.now();
  for (;;) {
    const counter = await models.EventStream.findOneAndUpdate({ _id: stream }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' }).lean();
    const seq = counter!.seq;
    const event: OpenEvent = { id: eventId(stream, seq), stream, seq, job: draft.job, image: draft.image };
    const { workspace: _w, project: _p, key: _k, check, ...fields } = draft;
    // `$setOnInsert`: a settler that gave up on this number first wrote a void event here; take another.
    const written = await models.Event.updateOne(
      { _id: event.id },
      // The check is kept as JSON: its filter may hold operators, which are not allowed as stored keys.
      { $setOnInsert: { ...fields, ...(check ? { check: JSON.stringify(check) } : {}), stream, seq, state, at: new Date(at) } },
      { upsert: true },
    );
    if (written.upsertedCount !== 1) continue;
    if (keyId) {
      const claimed = await models.EventKey.updateOne({ _id: keyId }, { $setOnInsert: { eventId: event.id } }, { upsert: true });
      if (claimed.upsertedCount !== 1) {
        if (state === 'pending') await finishEvent(models, event, false);
        else await models.Event.updateOne({ _id: event.id }, { $set: { state: 'void' } });
        return { event: { id: (await models.EventKey.findById(keyId).lean())!.eventId, stream, seq: 0 }, recorded: true };
      }
    }
    return { event, recorded: false };
  }
}

/**
 * Marks the event done (with what the change returned) or void, and indexes a done one. Both at once:
 * timelines read only done events, so an index entry that lands first (or alone, if the writer dies
 * before the mark) shows nothing until the event is settled.
 */
export async function finishEvent(models: Models, event: OpenEvent, happened: boolean, data?: Record<string, unknown>): Promise<void> {
  const extra = Object.fromEntries(Object.entries(data ?? {}).map(([k, v]) => [`data.${k}`, v]));
  await Promise.all([
    models.Event.updateOne({ _id: event.id, state: 'pending' }, { $set: { state: happened ? 'done' : 'void', ...extra } }),
    happened ? indexEvent(models, event) : undefined,
  ]);
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
 * Records a change already made, as done at once: no pending step, so one write fewer (its end). A crash
 * between the change and this loses the line, not the change; a crash after numbering it leaves a
 * number with no event, which a reader in order gives up as void (settleEvent).
 */
export async function recordEvent(models: Models, draft: EventDraft): Promise<void> {
  const { event, recorded } = await beginEvent(models, draft, 'done');
  if (!recorded) await indexEvent(models, event);
}

type StoredEvent = { _id: string; seq: number; state: string; at: Date; check?: unknown; job?: string | null; image?: string | null };
/** What a settler reads of an event: never its data. */
const settlerFields = { seq: 1, state: 1, at: 1, check: 1, job: 1, image: 1 } as const;

/**
 * Settles a pending event whose writer died: done if its check finds the change, void otherwise. Answers
 * the state it ends in (its writer, alive after all, may have finished it first).
 */
async function settlePending(models: Models, stream: string, doc: StoredEvent): Promise<'done' | 'void'> {
  const check = doc.check ? (JSON.parse(doc.check as string) as EventCheck) : undefined;
  const happened = !check || (await checkHolds(models, check));
  await finishEvent(models, { id: doc._id, stream, seq: doc.seq, job: doc.job ?? undefined, image: doc.image ?? undefined }, happened);
  return (await models.Event.findById(doc._id, { state: 1 }).lean())!.state as 'done' | 'void';
}

/** Writes a void event at a number no writer wrote (a writer arriving later finds it and takes another). */
async function voidNumber(models: Models, stream: string, seq: number, at: Date): Promise<void> {
  await models.Event.updateOne({ _id: eventId(stream, seq) }, { $setOnInsert: { stream, seq, state: 'void', kind: 'void', actor: '', at } }, { upsert: true });
}

/**
 * For a reader walking the stream in order (a webhook's deliveries), what the event numbered `seq` is
 * now: `done` or `void` for good, or `waiting` while its writer may still finish it. A number with no
 * event yet may be one a writer has just taken: the reader waits, and once it has seen it missing for
 * `settleAfterMs` writes a void event there. A pending event is settled by its check once it is that old.
 */
export async function settleEvent(models: Models, stream: string, seq: number, missingSince: number, now = Date.now()): Promise<'done' | 'void' | 'waiting'> {
  const id = eventId(stream, seq);
  let doc = await models.Event.findById(id, settlerFields).lean() as StoredEvent | null;
  if (!doc) {
    if (now - missingSince < settleAfterMs) return 'waiting';
    await voidNumber(models, stream, seq, new Date(missingSince));
    doc = await models.Event.findById(id, settlerFields).lean() as StoredEvent;
  }
  if (doc.state !== 'pending') return doc.state as 'done' | 'void';
  if (now - doc.at.getTime() < settleAfterMs) return 'waiting';
  return settlePending(models, stream, doc);
}

/** A stream's last number and its settled mark. */
export interface StreamHead { seq: number; settled?: number | null }

/** Numbers a settler looks at per call at most, so a long unsettled stretch costs several calls, not one long one. */
const settledPerCall = 5000;
const settleChunk = 100;
/**
 * The mark is written when the settler settled something, or when it moves this far: a reader's walk
 * stays short without every read (a timeline) writing.
 */
const markStep = 1000;

/**
 * Walks the stream's numbers past its settled mark and settles what dead writers left: a pending event
 * older than `settleAfterMs` by its check, a number with no event once an event numbered after it is
 * that old (numbers are taken in order, so it was taken before). The mark moves up to the number before
 * the first still unsettled. Returns how many numbers it left unsettled (younger ones). `head` is the
 * stream's document when the caller has just read it.
 */
export async function settleStream(models: Models, stream: string, now = Date.now(), head?: StreamHead | null): Promise<number> {
  head ??= await models.EventStream.findById(stream, { seq: 1, settled: 1 }).lean();
  if (!head) return 0;
  const from = (head.settled ?? 0) + 1;
  const to = Math.min(head.seq, from + settledPerCall - 1);
  let settled = from - 1;
  let unsettled = 0;
  let wrote = false;
  for (let start = from; start <= to; start += settleChunk) {
    const seqs = Array.from({ length: Math.min(settleChunk, to - start + 1) }, (_, i) => start + i);
    const docs = await models.Event.find({ _id: { $in: seqs.map((n) => eventId(stream, n)) } }, settlerFields).lean() as StoredEvent[];
    const bySeq = new Map(docs.map((d) => [d.seq, d]));
    const oldAfter = (seq: number) => docs.find((d) => d.seq > seq && now - d.at.getTime() >= settleAfterMs);
    for (const seq of seqs) {
      const doc = bySeq.get(seq);
      let final = doc !== undefined && doc.state !== 'pending';
      if (!doc) {
        const later = oldAfter(seq);
        if (later) await voidNumber(models, stream, seq, later.at);
        final = later !== undefined;
        wrote ||= final;
      } else if (doc.state === 'pending' && now - doc.at.getTime() >= settleAfterMs) {
        await settlePending(models, stream, doc);
        final = wrote = true;
      }
      if (!final) unsettled++;
      else if (settled === seq - 1) settled = seq;
    }
  }
  const moved = settled - (head.settled ?? 0);
  if (moved > 0 && (wrote || moved >= markStep)) await models.EventStream.updateOne({ _id: stream }, { $max: { settled } });
  return unsettled;
}
