// The dataset by split with thumbnails, its versions (generate one, follow its progress) and exports
// of a ready version (follow the build, then download the zip).
import { useCallback, useEffect, useRef, useState } from 'react';
import { answer, client, thumbnailUrl, type DatasetPage as Page, type Export, type Version } from '../api';
import type { PageProps } from '../App';

const splits = ['all', 'train', 'valid', 'test'] as const;
const formats = ['coco', 'yolo', 'yolo-seg', 'voc', 'folders'] as const;
type Format = (typeof formats)[number];

const pollMs = 1_500;

export function DatasetPage({ workspace, project }: PageProps) {
  const [split, setSplit] = useState<(typeof splits)[number]>('all');
  const [page, setPage] = useState<Page | null>(null);
  const [versions, setVersions] = useState<Version[]>([]);
  const [exports, setExports] = useState<Export[]>([]);
  const [message, setMessage] = useState('');

  const pageOf = useCallback((after?: number) =>
    answer(client.GET('/{workspace}/{project}/dataset', {
      params: { path: { workspace, project }, query: { limit: 100, ...(split === 'all' ? {} : { split }), ...(after === undefined ? {} : { after }) } },
    })), [workspace, project, split]);
  useEffect(() => {
    void pageOf().then(setPage, (e: Error) => setMessage(e.message));
  }, [pageOf]);
  const showMore = async () => {
    try {
      const next = await pageOf(page!.next!);
      setPage((shown) => ({ ...next, images: [...(shown?.images ?? []), ...next.images] }));
    } catch (err) {
      setMessage((err as Error).message);
    }
  };

  // Exports in the making are polled until ready or failed; a ref, so the poll sees the newest list.
  const exportsRef = useRef<Export[]>([]);
  useEffect(() => {
    exportsRef.current = exports;
  }, [exports]);
  const refresh = useCallback(async () => {
    const v = await answer(client.GET('/{workspace}/{project}/versions', { params: { path: { workspace, project } } }));
    setVersions(v.versions);
    const pending = exportsRef.current.filter((e) => e.status !== 'ready' && e.status !== 'failed');
    if (pending.length === 0) return;
    const fresh = await Promise.all(pending.map((e) => answer(client.GET('/{workspace}/{project}/versions/{version}/exports/{export}', {
      params: { path: { workspace, project, version: String(e.version), export: e.id } },
    }))));
    setExports((xs) => xs.map((x) => fresh.find((f) => f.id === x.id) ?? x));
  }, [workspace, project]);

  useEffect(() => {
    void refresh().catch((e: Error) => setMessage(e.message));
    const t = setInterval(() => void refresh().catch(() => undefined), pollMs);
    return () => clearInterval(t);
  }, [refresh]);

  const generate = async () => {
    try {
      await client.POST('/{workspace}/{project}/versions', { params: { path: { workspace, project } }, body: { preprocessing: {} } });
      await refresh();
    } catch (err) {
      setMessage((err as Error).message);
    }
  };
  const startExport = async (version: number, format: Format) => {
    try {
      const e = await answer(client.POST('/{workspace}/{project}/versions/{version}/exports', { params: { path: { workspace, project, version: String(version) } }, body: { format } }));
      setExports((xs) => [...xs.filter((x) => x.id !== e.id), e]);
    } catch (err) {
      setMessage((err as Error).message);
    }
  };

  return (
    <section aria-labelledby="dataset-title">
      <h1 id="dataset-title">Dataset</h1>
      {message && <p role="alert" className="error">{message}</p>}
      <div role="tablist" aria-label="Splits">
        {splits.map((s) => (
          <button key={s} type="button" role="tab" aria-selected={split === s} onClick={() => setSplit(s)}>
            {s[0]!.toUpperCase() + s.slice(1)} <span className="badge">{page ? (s === 'all' ? Object.values(page.splits).reduce((a, b) => a + b, 0) : page.splits[s] ?? 0) : '…'}</span>
          </button>
        ))}
      </div>
      <div role="tabpanel">
        {page === null ? <p role="status">Loading…</p> : page.images.length === 0 ? <p>No images in the dataset yet: accept a job's images first.</p> : (
          <ul className="thumbs">{page.images.map((im) => (
            <li key={im.id}><label>
              <img src={thumbnailUrl(workspace, project, im.id)} alt={im.name} width={120} height={Math.round(120 * im.height / Math.max(1, im.width))} loading="lazy" />
              <span className="name">{im.name}{im.split ? ` · ${im.split}` : ''}</span>
            </label></li>
          ))}</ul>
        )}
        {page?.next != null && <button type="button" onClick={() => void showMore()}>Show 100 more</button>}
      </div>
      <h2>Versions</h2>
      <button type="button" onClick={() => void generate()}>Generate version</button>
      <table className="versions">
        <thead><tr><th scope="col">Version</th><th scope="col">Status</th><th scope="col">Progress</th><th scope="col">Images</th><th scope="col">Export</th></tr></thead>
        <tbody>
          {versions.length === 0 && <tr><td colSpan={5}>No versions yet.</td></tr>}
          {versions.map((v) => (
            <tr key={v.id}>
              <td>v{v.id}</td><td>{v.status}</td>
              <td><progress max={Math.max(1, v.progress.total)} value={v.progress.done} aria-label={`Version ${v.id} progress`} /></td>
              <td>{v.images ?? '—'}</td>
              <td>{v.status === 'ready' && <ExportControl onExport={(f) => void startExport(v.id, f)} version={v.id} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {exports.length > 0 && (
        <table className="exports">
          <caption>Exports</caption>
          <thead><tr><th scope="col">Version</th><th scope="col">Format</th><th scope="col">Status</th><th scope="col">Progress</th><th scope="col">Download</th></tr></thead>
          <tbody>{exports.map((e) => (
            <tr key={e.id}>
              <td>v{e.version}</td><td>{e.format}</td><td>{e.status}{e.error ? ` — ${e.error}` : ''}</td>
              <td><progress max={Math.max(1, e.progress.total)} value={e.progress.done} aria-label={`Export ${e.format} progress`} /></td>
              <td>{e.status === 'ready' && e.download && <a href={e.download} download>Download zip{e.bytes ? ` (${Math.ceil(e.bytes / 1024)} KB)` : ''}</a>}</td>
            </tr>
          ))}</tbody>
        </table>
      )}
    </section>
  );
}

function ExportControl({ version, onExport }: { version: number; onExport: (format: Format) => void }) {
  const [format, setFormat] = useState<Format>('coco');
  return (
    <span className="actions">
      <label className="check">Format <select value={format} onChange={(e) => setFormat(e.target.value as Format)} aria-label={`Export format for version ${version}`}>{formats.map((f) => <option key={f}>{f}</option>)}</select></label>
      <button type="button" onClick={() => onExport(format)}>Export</button>
    </span>
  );
}
