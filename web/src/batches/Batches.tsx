// Batches with their priorities and counts (each opens its images, to make a batch of some); make a
// batch by sampling; assign a batch's images as a job (Roboflow's "Assign Images", with instructions);
// archive one, or merge selected ones into another.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { answer, client, type Batch, type Member } from '../api';
import type { PageProps } from '../App';
import { navigate, onLinkClick } from '../router';

export function BatchesPage({ workspace, project }: PageProps) {
  const [batches, setBatches] = useState<Batch[] | null>(null);
  const [members, setMembers] = useState<Member[]>([]);
  const [assigning, setAssigning] = useState<Batch | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const load = useCallback(() => answer(client.GET('/{workspace}/{project}/batches', { params: { path: { workspace, project } } })).then((r) => setBatches(r.batches), (e: Error) => setError(e.message)), [workspace, project]);
  useEffect(() => {
    void load();
    void answer(client.GET('/{workspace}/members', { params: { path: { workspace } } })).then((r) => setMembers(r.members), () => setMembers([]));
  }, [load, workspace]);
  const act = async (what: () => Promise<string>) => {
    setError('');
    try {
      const done = await what();
      await load();
      setSelected(new Set());
      setNotice(done);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const archive = (b: Batch) => act(async () => {
    await client.POST('/{workspace}/{project}/batches/{batch}/archive', { params: { path: { workspace, project, batch: b.id } } });
    return `“${b.name}” archived: no new job can be made from it.`;
  });
  const toggle = (id: string) => setSelected((s) => {
    const next = new Set(s);
    if (!next.delete(id)) next.add(id);
    return next;
  });
  return (
    <section aria-labelledby="batches-title">
      <h1 id="batches-title">Batches</h1>
      {error && <p role="alert" className="error">{error}</p>}
      {notice && <p role="status">{notice}</p>}
      {batches === null ? <p role="status">Loading…</p> : (
        <table className="batches">
          <thead><tr><th scope="col"><span className="sr-only">Select</span></th><th scope="col">Batch</th><th scope="col">Priority</th><th scope="col">Images</th><th scope="col">Unassigned</th><th scope="col">In jobs</th><th scope="col">Status</th><th scope="col"><span className="sr-only">Actions</span></th></tr></thead>
          <tbody>
            {batches.length === 0 && <tr><td colSpan={8}>No batches yet: upload images first.</td></tr>}
            {batches.map((b) => (
              <tr key={b.id}>
                <td><input type="checkbox" aria-label={`Select ${b.name}`} checked={selected.has(b.id)} onChange={() => toggle(b.id)} /></td>
                <td><a href={`/${workspace}/${project}/batches/${b.id}`} onClick={onLinkClick}>{b.name}</a></td><td>{b.priority}</td><td>{b.numImages}</td><td>{b.counts.unassigned ?? 0}</td><td>{b.numJobs}</td><td>{b.filling ? `filling (${b.filling.done} of ${b.filling.total} pages)` : b.status}</td>
                <td>
                  {(b.counts.unassigned ?? 0) > 0 && b.status === 'active' && <button type="button" onClick={() => setAssigning(b)}>Assign images…</button>}{' '}
                  {b.status === 'active' && <button type="button" onClick={() => void archive(b)}>Archive</button>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {selected.size > 0 && batches && (
        <MergeBatches workspace={workspace} project={project} batches={batches} selected={[...selected]} onMerge={(what) => void act(what)} />
      )}
      {assigning && <AssignImages workspace={workspace} project={project} batch={assigning} members={members} onClose={() => setAssigning(null)} />}
      <NewBatch workspace={workspace} project={project} batches={batches ?? []} onCreated={() => void load()} />
    </section>
  );
}

/** Merges the selected batches (their jobs come along) into another batch, or into a new one by name. */
function MergeBatches({ workspace, project, batches, selected, onMerge }: {
  workspace: string; project: string; batches: Batch[]; selected: string[]; onMerge: (what: () => Promise<string>) => void;
}) {
  const targets = batches.filter((b) => !selected.includes(b.id) && b.status === 'active');
  const [target, setTarget] = useState('');
  const [name, setName] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onMerge(async () => {
      const merged = await answer(client.POST('/{workspace}/{project}/annotation-batches/merge', {
        params: { path: { workspace, project } }, body: { sourceBatchIds: selected, ...(target ? { targetBatchId: target } : { name }) },
      }));
      return `Merged ${selected.length} batch${selected.length === 1 ? '' : 'es'} into “${merged.name}” (${merged.numImages} images).`;
    });
  };
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="merge-title">
      <h2 id="merge-title">Merge {selected.length} selected batch{selected.length === 1 ? '' : 'es'}</h2>
      <label>Into <select value={target} onChange={(e) => setTarget(e.target.value)}>
        <option value="">a new batch</option>{targets.map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}
      </select></label>
      {!target && <label>New batch name <input value={name} onChange={(e) => setName(e.target.value)} required /></label>}
      <button type="submit">Merge</button>
    </form>
  );
}

function NewBatch({ workspace, project, batches, onCreated }: { workspace: string; project: string; batches: Batch[]; onCreated: () => void }) {
  const [form, setForm] = useState<{ name: string; priority: string; size: string; method: 'random' | 'ordered'; source: string }>({ name: '', priority: '3', size: '10', method: 'random', source: '' });
  const [message, setMessage] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const r = await answer(client.POST('/{workspace}/{project}/batches', {
        params: { path: { workspace, project } },
        body: { name: form.name, priority: Number(form.priority), sample: { size: Number(form.size), method: form.method }, ...(form.source ? { sourceBatchId: form.source } : {}) },
      }));
      setMessage(`Batch “${form.name}” made with ${r.numImages} images${r.excluded.length ? ` (${r.excluded.length} excluded)` : ''}.`);
      onCreated();
    } catch (err) {
      setMessage((err as Error).message);
      onCreated(); // a request accepted but still filling (503) shows as a filling batch
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
      const job = await answer(client.POST('/{workspace}/{project}/jobs', {
        params: { path: { workspace, project } },
        body: { name: form.name, batch: batch.id, num_images: Number(form.num_images), labelerEmail: form.labelerEmail, reviewerEmail: form.reviewerEmail, ...(form.instructions ? { instructions: form.instructions } : {}) },
      }));
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
