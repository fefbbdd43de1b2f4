// One batch: its images that are in no job, of which a manager picks some (by checkbox, drag or all)
// and makes a new batch of them, moved out of this one.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { answer, client, type Batch } from '../api';
import type { PageProps } from '../App';
import { onLinkClick } from '../router';
import { ImageGrid, SelectAll, imagesPageSize, usePagedImages, useSelection } from '../shared/ImageGrid';

export function BatchPage({ workspace, project, batchId }: PageProps & { batchId: string }) {
  const [batch, setBatch] = useState<Batch | null>(null);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const load = useCallback(() => answer(client.GET('/{workspace}/{project}/batches/{batch}', { params: { path: { workspace, project, batch: batchId } } }))
    .then(setBatch, (e: Error) => setError(e.message)), [workspace, project, batchId]);
  useEffect(() => {
    void load();
  }, [load]);
  const unassigned = batch?.counts.unassigned ?? 0;
  const { images, more, showMore, error: listError } = usePagedImages(workspace, project, { batch: batchId, state: 'unassigned' }, unassigned);
  const selection = useSelection();
  const made = (message: string) => {
    selection.clear();
    setNotice(message);
    void load();
  };
  if (!batch) return error ? <p role="alert" className="error">{error}</p> : <p role="status">Loading…</p>;
  return (
    <section aria-labelledby="batch-title">
      <p><a href={`/${workspace}/${project}/batches`} onClick={onLinkClick}>← Batches</a></p>
      <h1 id="batch-title">{batch.name} <span className={`status ${batch.status}`}>{batch.status}</span></h1>
      {(error || listError) && <p role="alert" className="error">{error || listError}</p>}
      {notice && <p role="status">{notice}</p>}
      <dl className="facts">
        <dt>Priority</dt><dd>{batch.priority}</dd>
        <dt>Images</dt><dd>{batch.numImages}</dd>
        <dt>In no job</dt><dd>{unassigned}</dd>
        <dt>Jobs</dt><dd>{batch.numJobs}</dd>
      </dl>
      <h2>Images in no job</h2>
      {images === null ? <p role="status">Loading…</p> : images.length === 0 ? <p>Every image of this batch is in a job.</p> : (
        <>
          <div className="actions"><SelectAll images={images} selection={selection} /></div>
          <ImageGrid workspace={workspace} project={project} images={images} selection={selection} />
        </>
      )}
      {more && <button type="button" onClick={() => void showMore()}>Show {imagesPageSize} more of {unassigned}</button>}
      {selection.selected.size > 0 && (
        <NewBatchFromSelection workspace={workspace} project={project} source={batch} imageIds={[...selection.selected]} onMade={made} />
      )}
    </section>
  );
}

/** `POST …/batches` with the picked ids: they move into the new batch; images taken meanwhile are listed. */
function NewBatchFromSelection({ workspace, project, source, imageIds, onMade }: {
  workspace: string; project: string; source: Batch; imageIds: string[]; onMade: (message: string) => void;
}) {
  const [form, setForm] = useState({ name: '', priority: String(source.priority) });
  const [error, setError] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError('');
    try {
      const r = await answer(client.POST('/{workspace}/{project}/batches', {
        params: { path: { workspace, project } }, body: { name: form.name, priority: Number(form.priority), imageIds, sourceBatchId: source.id },
      }));
      onMade(`Batch “${form.name}” made with ${r.numImages} image${r.numImages === 1 ? '' : 's'}${r.excluded.length ? ` (${r.excluded.length} already taken into a job)` : ''}.`);
      setForm({ ...form, name: '' });
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <form className="panel" onSubmit={(e) => void submit(e)} aria-labelledby="from-selection">
      <h2 id="from-selection">New batch from the {imageIds.length} selected image{imageIds.length === 1 ? '' : 's'}</h2>
      {error && <p role="alert" className="error">{error}</p>}
      <label>Name <input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required /></label>
      <label>Priority (1 highest) <select value={form.priority} onChange={(e) => setForm({ ...form, priority: e.target.value })}>{[1, 2, 3, 4, 5].map((p) => <option key={p}>{p}</option>)}</select></label>
      <button type="submit">Create batch</button>
    </form>
  );
}
