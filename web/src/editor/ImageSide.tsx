// Beside the image in the editor: the job's instructions, the image's comments (threads, replies,
// mentions by `@email`) and its timeline (every change, oldest first), from which a version of the
// annotation in this job can be brought back.
import { useCallback, useEffect, useState } from 'react';
import { answer, client, type Comment, type CommentThread, type Shape, type TimelineEvent } from '../api';

type Tab = 'instructions' | 'comments' | 'timeline';

/** The annotation version an event of this job's labeling made, if any. */
const versionOf = (e: TimelineEvent, jobId: string) =>
  e.job === jobId && ['image.draft_saved', 'image.submitted', 'image.reverted'].includes(e.kind) && typeof e.data?.version === 'number' ? e.data.version : undefined;

export function ImageSide({ workspace, project, jobId, imageId, instructions, tab, onTab, onReverted }: {
  workspace: string; project: string; jobId: string; imageId: string; instructions: string; tab: Tab | null; onTab: (t: Tab | null) => void;
  /** A version was brought back: its shapes are the image's latest (a draft while the image is open). */
  onReverted: (shapes: Shape[]) => void;
}) {
  const path = { workspace, project, image: imageId };
  const [comments, setComments] = useState<CommentThread[]>([]);
  const [events, setEvents] = useState<TimelineEvent[]>([]);
  const [text, setText] = useState('');
  const [replyTo, setReplyTo] = useState<CommentThread | null>(null);
  const [error, setError] = useState('');

  const refresh = useCallback(async () => {
    setError('');
    try {
      if (tab === 'comments') setComments((await answer(client.GET('/{workspace}/{project}/images/{image}/comments', { params: { path } }))).threads);
      if (tab === 'timeline') {
        const page = await answer(client.GET('/{workspace}/{project}/images/{image}/timeline', { params: { path, query: { order: 'oldest', limit: 100 } } }));
        setEvents(page.events);
      }
    } catch (err) {
      setError((err as Error).message);
    }
  }, [workspace, project, imageId, tab]);
  useEffect(() => {
    void refresh();
  }, [refresh, jobId]);

  const post = async () => {
    try {
      await client.POST('/{workspace}/{project}/images/{image}/comments', { params: { path }, body: replyTo ? { text, replyTo: replyTo.id } : { text } });
      setText('');
      setReplyTo(null);
      await refresh();
    } catch (err) {
      setError((err as Error).message);
    }
  };

  const revert = async (version: number) => {
    try {
      onReverted((await answer(client.POST('/{workspace}/{project}/images/{image}/revert', { params: { path }, body: { version } }))).annotations);
      await refresh();
    } catch (err) {
      setError((err as Error).message);
    }
  };

  const tabs: [Tab, string][] = [['instructions', 'Instructions (I)'], ['comments', 'Comments'], ['timeline', 'Timeline']];
  return (
    <aside className="side" aria-label="About this image">
      <div role="tablist">
        {tabs.map(([t, label]) => <button key={t} type="button" role="tab" aria-selected={tab === t} onClick={() => onTab(tab === t ? null : t)}>{label}</button>)}
      </div>
      {error && <p role="alert" className="error">{error}</p>}
      {tab === 'instructions' && <p className="instructions">{instructions || 'No instructions.'}</p>}
      {tab === 'comments' && (
        <div>
          <ol className="comments">{comments.map((c) => <CommentItem key={c.id} c={c} onReply={() => setReplyTo(c)} />)}</ol>
          <form onSubmit={(e) => { e.preventDefault(); void post(); }}>
            {replyTo && <p>Replying to {replyTo.author} <button type="button" onClick={() => setReplyTo(null)}>Cancel reply</button></p>}
            <label>{replyTo ? 'Reply' : 'Comment'} <textarea value={text} onChange={(e) => setText(e.target.value)} placeholder="Mention someone with @email" /></label>
            <button type="submit" disabled={!text.trim()}>Post</button>
          </form>
        </div>
      )}
      {tab === 'timeline' && (
        <ol className="timeline">{events.map((e) => {
          const version = versionOf(e, jobId);
          return (
            <li key={e.seq}>
              <time dateTime={e.at}>{new Date(e.at).toLocaleString()}</time> {e.kind.replace(/^image\./, '').replace(/_/g, ' ')} by {e.actor}
              {version !== undefined && <> (version {version}) <button type="button" onClick={() => void revert(version)}>Revert to version {version}</button></>}
            </li>
          );
        })}</ol>
      )}
    </aside>
  );
}

function CommentItem({ c, onReply }: { c: Comment & { replies?: Comment[] }; onReply?: () => void }) {
  return (
    <li>
      <strong>{c.author}</strong> {c.deletedAt ? <em>deleted</em> : c.text}{c.resolvedAt ? ' (resolved)' : ''}
      {onReply && <button type="button" aria-label={`Reply to ${c.author}`} onClick={onReply}>Reply</button>}
      {c.replies && c.replies.length > 0 && <ol>{c.replies.map((r) => <CommentItem key={r.id} c={r} />)}</ol>}
    </li>
  );
}
