// Beside the image in the editor: the job's instructions, the image's comments (threads, replies,
// mentions by `@email`) and its timeline (every change, oldest first).
import { useCallback, useEffect, useState } from 'react';
import { answer, client, type Comment, type CommentThread, type TimelineEvent } from '../api';

type Tab = 'instructions' | 'comments' | 'timeline';

export function ImageSide({ workspace, project, jobId, imageId, instructions, tab, onTab }: {
  workspace: string; project: string; jobId: string; imageId: string; instructions: string; tab: Tab | null; onTab: (t: Tab | null) => void;
}) {
  const path = { workspace, project, image: imageId };
  const [comments, setComments] = useState<CommentThread[]>([]);
  const [events, setEvents] = useState<TimelineEvent[]>([]);
  const [text, setText] = useState('');
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
      await client.POST('/{workspace}/{project}/images/{image}/comments', { params: { path }, body: { text } });
      setText('');
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
          <ol className="comments">{comments.map((c) => <CommentItem key={c.id} c={c} />)}</ol>
          <form onSubmit={(e) => { e.preventDefault(); void post(); }}>
            <label>Comment <textarea value={text} onChange={(e) => setText(e.target.value)} placeholder="Mention someone with @email" /></label>
            <button type="submit" disabled={!text.trim()}>Post</button>
          </form>
        </div>
      )}
      {tab === 'timeline' && (
        <ol className="timeline">{events.map((e) => <li key={e.seq}><time dateTime={e.at}>{new Date(e.at).toLocaleString()}</time> {e.kind.replace(/^image\./, '').replace(/_/g, ' ')} by {e.actor}</li>)}</ol>
      )}
    </aside>
  );
}

function CommentItem({ c }: { c: Comment & { replies?: Comment[] } }) {
  return (
    <li>
      <strong>{c.author}</strong> {c.deletedAt ? <em>deleted</em> : c.text}{c.resolvedAt ? ' (resolved)' : ''}
      {c.replies && c.replies.length > 0 && <ol>{c.replies.map((r) => <CommentItem key={r.id} c={r} />)}</ol>}
    </li>
  );
}
