// Drag-and-drop upload: one request per file, so each file shows its own progress and its own error.
import { useState, type DragEvent } from 'react';
import { uploadFile } from '../api';
import type { PageProps } from '../App';

interface Row { key: string; name: string; progress: number; state: 'waiting' | 'uploading' | 'done' | 'duplicate' | 'failed'; message?: string }

const parallel = 3;

export function UploadPage({ workspace, project }: PageProps) {
  const [rows, setRows] = useState<Row[]>([]);
  const [batch, setBatch] = useState('');
  const [over, setOver] = useState(false);
  const update = (key: string, patch: Partial<Row>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const start = async (files: File[]) => {
    const added = files.map((f, i) => ({ file: f, row: { key: `${Date.now()}-${i}-${f.name}`, name: f.name, progress: 0, state: 'waiting' as const } }));
    setRows((rs) => [...rs, ...added.map((a) => a.row)]);
    const queue = [...added];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const { file, row } = next;
        update(row.key, { state: 'uploading' });
        try {
          const answer = await uploadFile(workspace, project, file, batch, (p) => update(row.key, { progress: p }));
          const error = answer.errors?.[0];
          if (error) update(row.key, { state: 'failed', message: `${error.code}: ${error.message}` });
          else update(row.key, { state: answer.images?.[0]?.duplicate ? 'duplicate' : 'done', progress: 1, message: `batch ${answer.batch?.name ?? ''}` });
        } catch (err) {
          update(row.key, { state: 'failed', message: (err as Error).message });
        }
      }
    };
    await Promise.all(Array.from({ length: parallel }, worker));
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    void start([...e.dataTransfer.files]);
  };
  const done = rows.filter((r) => r.state === 'done' || r.state === 'duplicate').length;
  return (
    <section aria-labelledby="upload-title">
      <h1 id="upload-title">Upload images</h1>
      <label>Batch name (optional; a new dated batch otherwise) <input value={batch} onChange={(e) => setBatch(e.target.value)} /></label>
      <div className={`dropzone${over ? ' over' : ''}`} onDragOver={(e) => { e.preventDefault(); setOver(true); }} onDragLeave={() => setOver(false)} onDrop={onDrop}>
        <p>Drop images here, or</p>
        <label className="button">Choose files<input type="file" multiple accept="image/*" className="sr-only" onChange={(e) => void start([...(e.target.files ?? [])])} /></label>
      </div>
      {rows.length > 0 && (
        <>
          <p role="status">{done} of {rows.length} uploaded{rows.some((r) => r.state === 'failed') ? `, ${rows.filter((r) => r.state === 'failed').length} failed` : ''}.</p>
          <table className="uploads">
            <thead><tr><th scope="col">File</th><th scope="col">Progress</th><th scope="col">Result</th></tr></thead>
            <tbody>{rows.map((r) => (
              <tr key={r.key} className={r.state}>
                <td>{r.name}</td>
                <td><progress max={1} value={r.progress} aria-label={`${r.name} upload progress`} /></td>
                <td>{r.state}{r.message ? ` — ${r.message}` : ''}</td>
              </tr>
            ))}</tbody>
          </table>
        </>
      )}
    </section>
  );
}
