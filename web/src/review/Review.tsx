// Review mode: the job's submitted images one after another with the labeler's shapes; approve (A) or
// reject (R) with a reason from a short list or typed. The image after the current one is fetched (and
// its file loaded) while the reviewer looks, so a decision shows the next image at once.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { answer, answerOrNothing, client, imageFileUrl, thumbnailUrl, type ToReview } from '../api';
import type { PageProps } from '../App';
import { AnnotatedImage } from '../editor/AnnotatedImage';
import { describeShape } from '../editor/regions';

/** How many of the waiting images are shown to pick from. */
const queueSize = 20;
const reasons = ['Box too loose or too tight', 'Wrong class', 'Missed an object', 'Not an object'];
const shortcuts: [string, string][] = [['A', 'approve'], ['R', 'reject with a reason'], ['1–4', 'pick a reason while rejecting'], ['Esc', 'stop rejecting'], ['?', 'show or hide this help']];

export function ReviewPage({ workspace, project, jobId }: PageProps & { jobId: string }) {
  const [current, setCurrent] = useState<ToReview | null | undefined>(undefined);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState('');
  const [help, setHelp] = useState(false);
  const [reviewed, setReviewed] = useState(0);
  /** The images waiting after the current one, to approve several at once. */
  const [queue, setQueue] = useState<ToReview[]>([]);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  /** The image after the current one, asked for while the current one is looked at. */
  const upcoming = useRef<Promise<ToReview | null> | null>(null);
  const jobPath = useMemo(() => ({ workspace, project, job: jobId }), [workspace, project, jobId]);

  const fetchAfter = useCallback(async (after?: number) => {
    const next = await answerOrNothing(client.GET('/{workspace}/{project}/jobs/{job}/review/next', { params: { path: jobPath, query: after === undefined ? {} : { after } } }));
    if (next) new Image().src = imageFileUrl(workspace, project, next.image.id); // into the browser's cache
    return next ?? null;
  }, [workspace, project, jobPath]);

  const show = useCallback((next: ToReview | null) => {
    setCurrent(next);
    setRejecting(false);
    setReason('');
    upcoming.current = next ? fetchAfter(next.position) : null;
    setPicked(new Set());
    if (next) void answer(client.GET('/{workspace}/{project}/jobs/{job}/review', { params: { path: jobPath, query: { after: next.position, limit: queueSize } } })).then((r) => setQueue(r.images), () => setQueue([]));
    else setQueue([]);
  }, [fetchAfter, jobPath]);

  /** Approves the picked images of the queue one by one; the current image stays on screen. */
  const approvePicked = async () => {
    try {
      for (const id of picked) await client.POST('/{workspace}/{project}/jobs/{job}/images/{image}/review', { params: { path: { ...jobPath, image: id } }, body: { decision: 'approve' } });
      setReviewed((n) => n + picked.size);
      setMessage(`${picked.size} approved.`);
      if (current) show(current);
    } catch (err) {
      setMessage((err as Error).message);
    }
  };

  useEffect(() => {
    void fetchAfter().then(show, (err: Error) => setMessage(err.message));
  }, [fetchAfter, show]);

  const decide = useCallback(async (decision: 'approve' | 'reject', why?: string) => {
    if (!current) return;
    try {
      await client.POST('/{workspace}/{project}/jobs/{job}/images/{image}/review', {
        params: { path: { ...jobPath, image: current.image.id } }, body: decision === 'approve' ? { decision } : { decision, reason: why },
      });
      setReviewed((n) => n + 1);
      setMessage('');
      show(await (upcoming.current ?? fetchAfter(current.position)));
    } catch (err) {
      setMessage((err as Error).message);
    }
  }, [current, jobPath, show, fetchAfter]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.target as HTMLElement).closest('input, textarea, select')) {
        if (e.key === 'Escape') setRejecting(false);
        return;
      }
      if (e.key === '?') setHelp((h) => !h);
      else if (rejecting && /^[1-4]$/.test(e.key)) void decide('reject', reasons[Number(e.key) - 1]);
      else if (e.key === 'Escape') setRejecting(false);
      else if (e.key === 'a' || e.key === 'A') void decide('approve');
      else if (e.key === 'r' || e.key === 'R') setRejecting(true);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [rejecting, decide]);

  if (current === undefined) return <p role="status">Loading…</p>;
  if (current === null) {
    return <section><h1>Review</h1><p role="status">Nothing waits for review in this job{reviewed > 0 ? ` (you reviewed ${reviewed})` : ''}.</p>{message && <p role="alert">{message}</p>}</section>;
  }
  const { image, annotation } = current;
  return (
    <section className="editor review" aria-labelledby="review-title">
      <h1 id="review-title">{image.name}</h1>
      <p className="muted">Submitted by {annotation.author ?? 'unknown'} (version {annotation.version}{current.round > 0 ? `, after ${current.round} rework round${current.round > 1 ? 's' : ''}` : ''})</p>
      <div className="toolbar decision">
        <button type="button" onClick={() => void decide('approve')}>Approve (A)</button>
        <button type="button" onClick={() => setRejecting(true)}>Reject (R)</button>
        <button type="button" onClick={() => setHelp(!help)} aria-expanded={help}>Shortcuts (?)</button>
        <span role="status">{reviewed} reviewed</span>
      </div>
      {rejecting && (
        <form className="decision" aria-label="Reject with a reason" onSubmit={(e) => { e.preventDefault(); void decide('reject', reason.trim() || undefined); }}>
          {reasons.map((r, i) => <button key={r} type="button" onClick={() => void decide('reject', r)}>{i + 1}. {r}</button>)}
          <label>Or say why <input value={reason} onChange={(e) => setReason(e.target.value)} /></label>
          <button type="submit">Reject</button>
        </form>
      )}
      {message && <p role="alert" className="error">{message}</p>}
      {help && <dl className="help" aria-label="Keyboard shortcuts">{shortcuts.map(([k, what]) => <div key={k}><dt><kbd>{k}</kbd></dt><dd>{what}</dd></div>)}</dl>}
      <div className="stage">
        <AnnotatedImage src={imageFileUrl(workspace, project, image.id)} alt={image.name} label="Submitted shapes" image={image} shapes={annotation.annotations} />
        <ol className="regions" aria-label="Regions">{annotation.annotations.map((s, i) => <li key={i}>{describeShape(s)}</li>)}</ol>
      </div>
      {queue.length > 0 && (
        <section aria-labelledby="queue-title">
          <h2 id="queue-title">Waiting after this one</h2>
          <button type="button" disabled={picked.size === 0} onClick={() => void approvePicked()}>Approve {picked.size} selected</button>
          <ul className="thumbs">{queue.map((q) => (
            <li key={q.image.id}><label>
              <input type="checkbox" checked={picked.has(q.image.id)} aria-label={`Select ${q.image.name}`}
                onChange={() => setPicked((p) => { const n = new Set(p); if (n.has(q.image.id)) n.delete(q.image.id); else n.add(q.image.id); return n; })} />
              <img src={thumbnailUrl(workspace, project, q.image.id)} alt={q.image.name} width={120} height={Math.round(120 * q.image.height / Math.max(1, q.image.width))} loading="lazy" />
              <span className="name">{q.image.name} · {q.annotation.annotations.length} region{q.annotation.annotations.length === 1 ? '' : 's'}</span>
            </label></li>
          ))}</ul>
        </section>
      )}
    </section>
  );
}
