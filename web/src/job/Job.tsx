// One job: its progress and, for managers, its images by state with the commands the API has.
import { useCallback, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { answer, client, mayManage, type Job, type Member } from '../api';
import type { PageProps } from '../App';
import { onLinkClick } from '../router';
import { ImageGrid, SelectAll, imagesPageSize, usePagedImages, useSelection } from '../shared/ImageGrid';
import { ProgressBar, pollMs } from '../shared/JobProgress';

const tabs = ['unannotated', 'annotated', 'approved', 'rejected'] as const;
type Tab = (typeof tabs)[number];

export function JobPage({ workspace, project, session, jobId }: PageProps & { jobId: string }) {
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState('');
  const refresh = useCallback(() => answer(client.GET('/{workspace}/{project}/jobs/{job}', { params: { path: { workspace, project, job: jobId } } }))
    .then(setJob, (e: Error) => setError(e.message)), [workspace, project, jobId]);
  useEffect(() => {
    void refresh();
    const t = setInterval(() => void refresh(), pollMs);
    return () => clearInterval(t);
  }, [refresh]);
  if (!job) return error ? <p role="alert" className="error">{error}</p> : <p role="status">Loading…</p>;
  const manager = mayManage(session.role);
  const cancel = async () => {
    if (!window.confirm(`Cancel the job “${job.name}”? Its open images go back to the batch.`)) return;
    try {
      setJob(await answer(client.POST('/{workspace}/{project}/jobs/{job}/cancel', { params: { path: { workspace, project, job: jobId } } })));
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <section aria-labelledby="job-title">
      <h1 id="job-title">{job.name} <span className={`status ${job.status}`}>{job.status}</span></h1>
      {error && <p role="alert" className="error">{error}</p>}
      <dl className="facts">
        <dt>Labeler</dt><dd>{job.labeler}</dd>
        <dt>Reviewer</dt><dd>{job.reviewer}</dd>
        <dt>Images</dt><dd>{job.numImages}</dd>
        <dt>Instructions</dt><dd>{job.instructionsText || '—'}</dd>
      </dl>
      <ProgressBar job={job} />
      {(manager || job.labeler === session.email) && (job.status === 'assigned' || job.status === 'review') && (
        <p><a className="button" href={`/${workspace}/${project}/label/${job.id}`} onClick={onLinkClick}>Start labeling</a></p>
      )}
      {(manager || job.reviewer === session.email) && (job.status === 'assigned' || job.status === 'review') && (
        <p><a className="button" href={`/${workspace}/${project}/review/${job.id}`} onClick={onLinkClick}>Start reviewing</a></p>
      )}
      {manager && (job.status === 'assigned' || job.status === 'review') && (
        <div className="actions"><button type="button" className="danger" onClick={() => void cancel()}>Cancel job</button></div>
      )}
      {manager && (job.status === 'assigned' || job.status === 'review') && <ManageJob workspace={workspace} project={project} job={job} onChange={setJob} />}
      {manager ? <JobImages workspace={workspace} project={project} job={job} onChange={() => void refresh()} /> : (
        <p className="muted">Work on this job through the label stream{session.role === 'reviewer' ? ' and review' : ''}.</p>
      )}
    </section>
  );
}

function JobImages({ workspace, project, job, onChange }: { workspace: string; project: string; job: Job; onChange: () => void }) {
  const [tab, setTab] = useState<Tab>('unannotated');
  const count = job[tab];
  const { images, more, showMore, error } = usePagedImages(workspace, project, { job: job.id, state: tab }, count);
  const selection = useSelection();
  const { selected, clear } = selection;
  const [message, setMessage] = useState('');
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const openTab = (t: Tab) => {
    setTab(t);
    clear();
  };
  const [others, setOthers] = useState<Job[]>([]);
  const [moveTo, setMoveTo] = useState('');
  useEffect(() => {
    void answer(client.GET('/{workspace}/{project}/jobs', { params: { path: { workspace, project } } })).then((r) => setOthers(r.jobs.filter((j) => j.id !== job.id && (j.status === 'assigned' || j.status === 'review'))), () => setOthers([]));
  }, [workspace, project, job.id]);
  const run = async (done: string, command: () => Promise<unknown>) => {
    try {
      await command();
      setMessage(`${selected.size} image${selected.size === 1 ? '' : 's'} ${done}.`);
      clear();
      onChange();
    } catch (err) {
      setMessage((err as Error).message);
    }
  };
  const ids = [...selected];
  const path = { workspace, project, job: job.id };
  const addToDataset = () => run('added to the dataset', () => client.POST('/{workspace}/{project}/jobs/{job}/accept', {
    params: { path }, body: { imageIds: ids, statuses: [tab === 'annotated' ? 'annotated' : 'approved'], split: 'train' },
  }));
  const sendBack = () => run('sent back to unannotated', () => client.POST('/{workspace}/{project}/jobs/{job}/send-back', { params: { path }, body: { imageIds: ids } }));
  const move = () => run(moveTo ? 'moved to the other job' : 'moved back to their batch', () => client.POST('/{workspace}/{project}/jobs/{job}/move', {
    params: { path }, body: { imageIds: ids, to: moveTo || null },
  }));
  // Arrow keys move between tabs, as the WAI-ARIA tabs pattern has it.
  const onTabKey = (e: KeyboardEvent, i: number) => {
    const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!d) return;
    const j = (i + d + tabs.length) % tabs.length;
    openTab(tabs[j]!);
    tabRefs.current[j]?.focus();
  };
  return (
    <div className="job-images">
      <div role="tablist" aria-label="Images by state">
        {tabs.map((t, i) => (
          <button key={t} type="button" role="tab" id={`tab-${t}`} aria-selected={tab === t} aria-controls="tabpanel" tabIndex={tab === t ? 0 : -1}
            ref={(el) => { tabRefs.current[i] = el; }} onClick={() => openTab(t)} onKeyDown={(e) => onTabKey(e, i)}>
            {t[0]!.toUpperCase() + t.slice(1)} <span className="badge">{job[t]}</span>
          </button>
        ))}
      </div>
      <div role="tabpanel" id="tabpanel" aria-labelledby={`tab-${tab}`}>
        {(message || error) && <p role="status">{message || error}</p>}
        {images && images.length > 0 && (
          <div className="actions">
            <SelectAll images={images} selection={selection} />
            {(tab === 'annotated' || tab === 'approved') && <button type="button" disabled={selected.size === 0} onClick={() => void addToDataset()}>Add {selected.size} image{selected.size === 1 ? '' : 's'} to dataset</button>}
            {tab !== 'unannotated' && <button type="button" disabled={selected.size === 0} onClick={() => void sendBack()}>Send {selected.size} image{selected.size === 1 ? '' : 's'} to unannotated</button>}
            <label>Move to <select value={moveTo} onChange={(e) => setMoveTo(e.target.value)}>
              <option value="">their batch (unassigned)</option>{others.map((j) => <option key={j.id} value={j.id}>{j.name}</option>)}
            </select></label>
            <button type="button" disabled={selected.size === 0} onClick={() => void move()}>Move {selected.size}</button>
          </div>
        )}
        {images === null ? <p role="status">Loading…</p> : images.length === 0 ? <p>No images here.</p> : (
          <ImageGrid workspace={workspace} project={project} images={images} selection={selection} />
        )}
        {more && <button type="button" onClick={() => void showMore()}>Show {imagesPageSize} more of {count}</button>}
      </div>
    </div>
  );
}

/** Reassign, instructions and due date: the job-level commands a manager has. */
function ManageJob({ workspace, project, job, onChange }: { workspace: string; project: string; job: Job; onChange: (job: Job) => void }) {
  const [members, setMembers] = useState<Member[]>([]);
  const [form, setForm] = useState({ labelerEmail: job.labeler, reviewerEmail: job.reviewer, instructions: job.instructionsText ?? '', due: job.dueAt ? job.dueAt.slice(0, 10) : '' });
  const [message, setMessage] = useState('');
  useEffect(() => {
    void answer(client.GET('/{workspace}/members', { params: { path: { workspace } } })).then((r) => setMembers(r.members), () => setMembers([]));
  }, [workspace]);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const path = { workspace, project, job: job.id };
      if (form.labelerEmail !== job.labeler || form.reviewerEmail !== job.reviewer) {
        await client.POST('/{workspace}/{project}/jobs/{job}/reassign', { params: { path }, body: { labelerEmail: form.labelerEmail, reviewerEmail: form.reviewerEmail } });
      }
      const edited = await answer(client.PATCH('/{workspace}/{project}/jobs/{job}', {
        params: { path }, body: { instructions: form.instructions, dueAt: form.due ? new Date(`${form.due}T23:59:59Z`).toISOString() : null },
      }));
      onChange(edited);
      setMessage('Saved.');
    } catch (err) {
      setMessage((err as Error).message);
    }
  };
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  return (
    <details className="panel">
      <summary>Reassign, instructions, due date</summary>
      <form onSubmit={(e) => void save(e)} aria-label="Edit job">
        {message && <p role="status">{message}</p>}
        <label>Labeler <select value={form.labelerEmail} onChange={set('labelerEmail')}>{members.filter((m) => m.role !== 'reviewer').map((m) => <option key={m.email}>{m.email}</option>)}</select></label>
        <label>Reviewer <select value={form.reviewerEmail} onChange={set('reviewerEmail')}>{members.filter((m) => m.role !== 'labeler').map((m) => <option key={m.email}>{m.email}</option>)}</select></label>
        <label>Due date <input type="date" value={form.due} onChange={set('due')} /></label>
        <label className="wide">Instructions <textarea rows={3} value={form.instructions} onChange={set('instructions')} /></label>
        <button type="submit">Save</button>
      </form>
    </details>
  );
}
