// One job: its progress and, for managers, its images by state with the commands the API has.
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { api, mayManage, thumbnailUrl, type ImageRow, type Job } from '../api';
import type { PageProps } from '../App';
import { ProgressBar, pollMs } from './Board';

const tabs = ['unannotated', 'annotated', 'approved', 'rejected'] as const;
type Tab = (typeof tabs)[number];

export function JobPage({ workspace, project, session, jobId }: PageProps & { jobId: string }) {
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState('');
  const refresh = useCallback(() => api<Job>(workspace, `/${project}/jobs/${jobId}`).then(setJob, (e: Error) => setError(e.message)), [workspace, project, jobId]);
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
      setJob(await api<Job>(workspace, `/${project}/jobs/${jobId}/cancel`, { method: 'POST', json: {} }));
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
      {manager && (job.status === 'assigned' || job.status === 'review') && (
        <div className="actions"><button type="button" className="danger" onClick={() => void cancel()}>Cancel job</button></div>
      )}
      {manager ? <JobImages workspace={workspace} project={project} job={job} onChange={() => void refresh()} /> : (
        <p className="muted">Work on this job through the label stream{session.role === 'reviewer' ? ' and review' : ''}.</p>
      )}
    </section>
  );
}

function JobImages({ workspace, project, job, onChange }: { workspace: string; project: string; job: Job; onChange: () => void }) {
  const [tab, setTab] = useState<Tab>('unannotated');
  const [images, setImages] = useState<ImageRow[] | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState('');
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const count = job[tab];
  useEffect(() => {
    setSelected(new Set());
    void api<{ images: ImageRow[] }>(workspace, `/${project}/images?job=${job.id}&state=${tab}&limit=200`).then((r) => setImages(r.images), (e: Error) => setMessage(e.message));
  }, [workspace, project, job.id, tab, count]);

  const toggle = (id: string) => setSelected((s) => {
    const next = new Set(s);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });
  const addToDataset = async () => {
    try {
      await api(workspace, `/${project}/jobs/${job.id}/accept`, {
        method: 'POST', json: { imageIds: [...selected], statuses: [tab === 'annotated' ? 'annotated' : 'approved'], split: 'train' },
      });
      setMessage(`${selected.size} image(s) added to the dataset.`);
      onChange();
    } catch (err) {
      setMessage((err as Error).message);
    }
  };
  // Arrow keys move between tabs, as the WAI-ARIA tabs pattern has it.
  const onTabKey = (e: KeyboardEvent, i: number) => {
    const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!d) return;
    const j = (i + d + tabs.length) % tabs.length;
    setTab(tabs[j]!);
    tabRefs.current[j]?.focus();
  };
  return (
    <div className="job-images">
      <div role="tablist" aria-label="Images by state">
        {tabs.map((t, i) => (
          <button key={t} type="button" role="tab" id={`tab-${t}`} aria-selected={tab === t} aria-controls="tabpanel" tabIndex={tab === t ? 0 : -1}
            ref={(el) => { tabRefs.current[i] = el; }} onClick={() => setTab(t)} onKeyDown={(e) => onTabKey(e, i)}>
            {t[0]!.toUpperCase() + t.slice(1)} <span className="badge">{job[t]}</span>
          </button>
        ))}
      </div>
      <div role="tabpanel" id="tabpanel" aria-labelledby={`tab-${tab}`}>
        {message && <p role="status">{message}</p>}
        {(tab === 'annotated' || tab === 'approved') && images && images.length > 0 && (
          <div className="actions">
            <label className="check"><input type="checkbox" checked={selected.size === images.length} onChange={(e) => setSelected(e.target.checked ? new Set(images.map((i) => i.id)) : new Set())} /> Select all</label>
            <button type="button" disabled={selected.size === 0} onClick={() => void addToDataset()}>Add {selected.size} image{selected.size === 1 ? '' : 's'} to dataset</button>
          </div>
        )}
        {images === null ? <p role="status">Loading…</p> : images.length === 0 ? <p>No images here.</p> : (
          <ul className="thumbs">
            {images.map((im) => (
              <li key={im.id}>
                <label>
                  {(tab === 'annotated' || tab === 'approved') && <input type="checkbox" checked={selected.has(im.id)} onChange={() => toggle(im.id)} />}
                  <img src={thumbnailUrl(workspace, project, im.id)} alt={im.name} width={120} height={Math.round(120 * im.height / Math.max(1, im.width))} loading="lazy" />
                  <span className="name">{im.name}</span>
                </label>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
