// Batches with their priorities and counts; make a batch by sampling; assign a batch's images as a job
// (Roboflow's "Assign Images", with instructions).
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, type Batch, type Member } from '../api';
import type { PageProps } from '../App';
import { navigate } from '../router';

export function BatchesPage({ workspace, project }: PageProps) {
  const [batches, setBatches] = useState<Batch[] | null>(null);
  const [members, setMembers] = useState<Member[]>([]);
  const [assigning, setAssigning] = useState<Batch | null>(null);
  const [error, setError] = useState('');
  const load = useCallback(() => api<{ batches: Batch[] }>(workspace, `/${project}/batches`).then((r) => setBatches(r.batches), (e: Error) => setError(e.message)), [workspace, project]);
  useEffect(() => {
    void load();
    void api<{ members: Member[] }>(workspace, '/members').then((r) => setMembers(r.members), () => setMembers([]));
  }, [load, workspace]);
  return (
    <section aria-labelledby="batches-title">
      <h1 id="batches-title">Batches</h1>
      {error && <p role="alert" className="error">{error}</p>}
      {batches === null ? <p role="status">Loading…</p> : (
        <table className="batches">
          <thead><tr><th scope="col">Batch</th><th scope="col">Priority</th><th scope="col">Images</th><th scope="col">Unassigned</th><th scope="col">In jobs</th><th scope="col">Status</th><th scope="col"><span className="sr-only">Actions</span></th></tr></thead>
          <tbody>
            {batches.length === 0 && <tr><td colSpan={7}>No batches yet: upload images first.</td></tr>}
            {batches.map((b) => (
              <tr key={b.id}>
                <td>{b.name}</td><td>{b.priority}</td><td>{b.numImages}</td><td>{b.counts.unassigned ?? 0}</td><td>{b.numJobs}</td><td>{b.status}</td>
                <td>{(b.counts.unassigned ?? 0) > 0 && b.status === 'active' && <button type="button" onClick={() => setAssigning(b)}>Assign images…</button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {assigning && <AssignImages workspace={workspace} project={project} batch={assigning} members={members} onClose={() => setAssigning(null)} />}
      <NewBatch workspace={workspace} project={project} batches={batches ?? []} onCreated={() => void load()} />
    </section>
  );
}

function NewBatch({ workspace, project, batches, onCreated }: { workspace: string; project: string; batches: Batch[]; onCreated: () => void }) {
  const [form, setForm] = useState({ name: '', priority: '3', size: '10', method: 'random', source: '' });
  const [message, setMessage] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const r = await api<{ numImages: number; excluded: unknown[] }>(workspace, `/${project}/batches`, {
        method: 'POST',
        json: { name: form.name, priority: Number(form.priority), sample: { size: Number(form.size), method: form.method }, ...(form.source ? { sourceBatchId: form.source } : {}) },
      });
      setMessage(`Batch “${form.name}” made with ${r.numImages} images${r.excluded.length ? ` (${r.excluded.length} excluded)` : ''}.`);
      onCreated();
    } catch (err) {
      setMessage((err as Error).message);
    }
  };
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  return (
    <form className="panel" onSubmit={(e) => void submit(e)} aria-labelledby="new-batch">
      <h2 id="new-batch">New batch from a sample</h2>
      {message && <p role="status">{message}</p>}
      <label>Name <input value={form.name} onChange={set('name')} required /></label>
      <label>Priority (1 highest) <select value={form.priority} onChange={set('priority')}>{[1, 2, 3, 4, 5].map((p) => <option key={p}>{p}</option>)}</select></label>
      <label>Images <input type="number" min={1} value={form.size} onChange={set('size')} required /></label>
      <label>Drawn <select value={form.method} onChange={set('method')}><option value="random">at random</option><option value="ordered">in order</option></select></label>
      <label>From <select value={form.source} onChange={set('source')}>
        <option value="">the whole project</option>{batches.map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}
      </select></label>
      <button type="submit">Create batch</button>
    </form>
  );
}

function AssignImages({ workspace, project, batch, members, onClose }: { workspace: string; project: string; batch: Batch; members: Member[]; onClose: () => void }) {
  const labelers = members.filter((m) => m.role !== 'reviewer');
  const reviewers = members.filter((m) => m.role !== 'labeler');
  const [form, setForm] = useState({ name: `${batch.name} job`, num_images: String(batch.counts.unassigned ?? batch.numImages), labelerEmail: labelers[0]?.email ?? '', reviewerEmail: reviewers[0]?.email ?? '', instructions: '' });
  const [error, setError] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const job = await api<{ id: string }>(workspace, `/${project}/jobs`, {
        method: 'POST',
        json: { name: form.name, batch: batch.id, num_images: Number(form.num_images), labelerEmail: form.labelerEmail, reviewerEmail: form.reviewerEmail, ...(form.instructions ? { instructions: form.instructions } : {}) },
      });
      navigate(`/${workspace}/${project}/jobs/${job.id}`);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  return (
    <form className="panel" onSubmit={(e) => void submit(e)} aria-labelledby="assign-title" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <h2 id="assign-title">Assign images of “{batch.name}”</h2>
      {error && <p role="alert" className="error">{error}</p>}
      <label>Job name <input value={form.name} onChange={set('name')} required autoFocus /></label>
      <label>Images <input type="number" min={1} max={batch.counts.unassigned} value={form.num_images} onChange={set('num_images')} required /></label>
      <label>Labeler <select value={form.labelerEmail} onChange={set('labelerEmail')} required>{labelers.map((m) => <option key={m.email}>{m.email}</option>)}</select></label>
      <label>Reviewer <select value={form.reviewerEmail} onChange={set('reviewerEmail')} required>{reviewers.map((m) => <option key={m.email}>{m.email}</option>)}</select></label>
      <label>Instructions <textarea value={form.instructions} onChange={set('instructions')} rows={3} /></label>
      <div className="actions"><button type="submit">Assign images</button> <button type="button" onClick={onClose}>Close</button></div>
    </form>
  );
}
