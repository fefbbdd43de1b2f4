// The label stream in the browser: the next image, boxes (detection) or polygons (segmentation) drawn
// with the mouse over it, tags (classification), the class from the project's classes (number keys),
// undo, a list of regions, drafts saved as you go, submit and skip.
import { useCallback, useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { api, ApiError, type Project } from '../api';
import type { PageProps } from '../App';
import { draftSaver, forgetDraft, keptDraft, type SaveState, type Shape } from './drafts';
import { describeShape, imageFileUrl, ShapesLayer } from './ShapesLayer';

type Tool = 'box' | 'polygon' | 'tag';
const toolOf: Record<string, Tool> = { 'object-detection': 'box', 'instance-segmentation': 'polygon', classification: 'tag' };

interface Next {
  image: { id: string; name: string; width: number; height: number };
  leaseExpiresAt: string;
  rework?: { round: number; reason?: string | null };
  annotation?: { version: number; draft: boolean; annotations: Shape[] } | null;
}

const shortcuts: [string, string][] = [
  ['1–9', 'choose the class'], ['drag', 'draw a box'], ['click', 'add a polygon point (click the first to close)'], ['Esc', 'drop the polygon being drawn'],
  ['Delete', 'delete the selected region'], ['Ctrl+Z', 'undo'],
  ['Enter', 'submit and go to the next image'], ['S', 'skip the image'], ['?', 'show or hide this help'],
];

export function EditorPage({ workspace, project, jobId }: PageProps & { jobId: string }) {
  const [classes, setClasses] = useState<string[]>([]);
  const [tool, setTool] = useState<Tool>('box');
  const [current, setCurrent] = useState<Next | null | undefined>(undefined);
  const [shapes, setShapes] = useState<Shape[]>([]);
  const [history, setHistory] = useState<Shape[][]>([]);
  const [klass, setKlass] = useState(0);
  const [selected, setSelected] = useState<number | null>(null);
  const [save, setSave] = useState<{ state: SaveState; error?: string }>({ state: 'saved' });
  const [message, setMessage] = useState('');
  const [help, setHelp] = useState(false);
  const saver = useRef<ReturnType<typeof draftSaver> | null>(null);

  /** The image after the current one, reserved and its file loaded while the labeler works. */
  const upcoming = useRef<Promise<Next | null> | null>(null);

  const show = useCallback((next: Next | null) => {
    saver.current?.stop();
    setMessage('');
    upcoming.current = null;
    if (!next) return setCurrent(null);
    const kept = keptDraft(jobId, next.image.id);
    saver.current = draftSaver({ workspace, project, job: jobId, image: next.image.id, onState: (state, error) => setSave({ state, error }) });
    setCurrent(next);
    setHistory([]);
    setSelected(null);
    setShapes(kept ?? next.annotation?.annotations ?? []);
    // What this browser kept but the server may not have (a crash, a closed tab): send it again.
    if (kept) saver.current.change(kept);
    upcoming.current = api<Next | undefined>(workspace, `/${project}/jobs/${jobId}/next?except=${encodeURIComponent(next.image.id)}`, { method: 'POST' }).then(
      async (ahead) => {
        if (!ahead) return null;
        const img = new Image();
        img.src = imageFileUrl(workspace, project, ahead.image.id);
        await img.decode().catch(() => undefined);
        return ahead;
      },
      () => null, // fetched again when it is needed
    );
  }, [workspace, project, jobId]);

  const load = useCallback(async () => {
    try {
      show((await api<Next | undefined>(workspace, `/${project}/jobs/${jobId}/next`, { method: 'POST' })) ?? null);
    } catch (err) {
      setMessage(err instanceof ApiError ? err.message : (err as Error).message);
    }
  }, [workspace, project, jobId, show]);

  /** On to the image fetched ahead, or the stream's next when there was none. */
  const advance = useCallback(async () => {
    const ahead = upcoming.current ? await upcoming.current : null;
    if (ahead) show(ahead);
    else await load();
  }, [show, load]);

  useEffect(() => {
    void api<Project>(workspace, `/projects/${project}`).then((p) => {
      setClasses(p.classes);
      setTool(toolOf[p.type] ?? 'box');
    }, () => setClasses([]));
    void load();
    const leave = () => saver.current?.flush();
    window.addEventListener('pagehide', leave);
    return () => window.removeEventListener('pagehide', leave);
  }, [workspace, project, load]);

  const change = useCallback((next: Shape[]) => {
    setHistory((h) => [...h, shapes]);
    setShapes(next);
    saver.current?.change(next);
  }, [shapes]);

  const submit = useCallback(async () => {
    if (!current) return;
    saver.current?.stop();
    try {
      await api(workspace, `/${project}/jobs/${jobId}/images/${current.image.id}/annotation`, { method: 'PUT', json: { annotations: shapes } });
      forgetDraft(jobId, current.image.id);
      await advance();
    } catch (err) {
      setMessage((err as Error).message);
    }
  }, [current, shapes, workspace, project, jobId, advance]);

  const skip = useCallback(async () => {
    if (!current) return;
    saver.current?.stop();
    const reason = window.prompt('Why skip this image? (optional)') ?? undefined;
    await api(workspace, `/${project}/jobs/${jobId}/images/${current.image.id}/skip`, { method: 'POST', json: reason ? { reason } : {} });
    forgetDraft(jobId, current.image.id);
    await advance();
  }, [current, workspace, project, jobId, advance]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.target as HTMLElement).closest('input, textarea, select')) return;
      if (e.key === '?') setHelp((h) => !h);
      else if (/^[1-9]$/.test(e.key) && Number(e.key) <= classes.length) setKlass(Number(e.key) - 1);
      else if ((e.key === 'Delete' || e.key === 'Backspace') && selected !== null) {
        change(shapes.filter((_, i) => i !== selected));
        setSelected(null);
      } else if (e.key === 'z' && (e.ctrlKey || e.metaKey) && history.length > 0) {
        const previous = history[history.length - 1]!;
        setHistory(history.slice(0, -1));
        setShapes(previous);
        saver.current?.change(previous);
      } else if (e.key === 'Enter') void submit();
      else if (e.key === 's' || e.key === 'S') void skip();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [classes, selected, shapes, history, change, submit, skip]);

  if (current === undefined) return <p role="status">Loading…</p>;
  if (current === null) return <section><h1>Label stream</h1><p role="status">No more images to label in this job.</p>{message && <p role="alert">{message}</p>}</section>;
  const { image } = current;
  const saveText = save.state === 'saved' ? 'All changes saved' : save.state === 'saving' ? 'Saving…' : `Not saved — retrying (${save.error ?? 'no answer'})`;
  return (
    <section className="editor" aria-labelledby="editor-title">
      <h1 id="editor-title">{image.name}</h1>
      {current.rework && <p className="rework" role="note">Sent back (round {current.rework.round}): {current.rework.reason || 'no reason given'}</p>}
      <div className="toolbar">
        <label>Class <select value={klass} onChange={(e) => setKlass(Number(e.target.value))}>
          {classes.map((c, i) => <option key={c} value={i}>{i + 1}. {c}</option>)}
        </select></label>
        {tool === 'tag' && <button type="button" onClick={() => change([...shapes, { class: classes[klass]! }])}>Tag image as {classes[klass]}</button>}
        <button type="button" onClick={() => void submit()}>Submit (Enter)</button>
        <button type="button" onClick={() => void skip()}>Skip (S)</button>
        <button type="button" onClick={() => setHelp(!help)} aria-expanded={help}>Shortcuts (?)</button>
        <span role="status" className={`save ${save.state}`}>{saveText}</span>
        <span className="muted">Reserved until {new Date(current.leaseExpiresAt).toLocaleTimeString()}</span>
      </div>
      {message && <p role="alert" className="error">{message}</p>}
      {help && (
        <dl className="help" aria-label="Keyboard shortcuts">{shortcuts.map(([k, what]) => <div key={k}><dt><kbd>{k}</kbd></dt><dd>{what}</dd></div>)}</dl>
      )}
      <div className="stage">
        <Canvas workspace={workspace} project={project} image={image} shapes={shapes} selected={selected} onSelect={setSelected} tool={tool}
          onShape={(geometry) => change([...shapes, { class: classes[klass]!, ...geometry }])} />
        <ol className="regions" aria-label="Regions">
          {shapes.map((s, i) => (
            <li key={i} className={i === selected ? 'selected' : undefined}>
              <button type="button" onClick={() => setSelected(i)}>{describeShape(s)}</button>
              <button type="button" aria-label={`Delete region ${i + 1}`} onClick={() => change(shapes.filter((_, j) => j !== i))}>×</button>
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}

/** Close enough to the first point (in screen pixels) that a click closes the polygon. */
const closeRadius = 10;

/**
 * The image with its shapes. With the box tool a drag draws a box; with the polygon tool each click adds
 * a point and a click on the first closes it. Points are clamped to the image and kept in its own pixels.
 */
function Canvas({ workspace, project, image, shapes, selected, onSelect, onShape, tool }: {
  workspace: string; project: string; image: Next['image']; shapes: Shape[]; selected: number | null; tool: Tool;
  onSelect: (i: number | null) => void; onShape: (geometry: Pick<Shape, 'box' | 'polygon'>) => void;
}) {
  const svg = useRef<SVGSVGElement>(null);
  const [drag, setDrag] = useState<{ x0: number; y0: number; x1: number; y1: number } | null>(null);
  const [points, setPoints] = useState<[number, number][]>([]);
  const [hover, setHover] = useState<[number, number] | null>(null);
  /** Screen pixels per image pixel, so vertices keep their size on screen. */
  const [scale, setScale] = useState(1);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setPoints([]);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const toImage = (e: ReactPointerEvent) => {
    const r = svg.current!.getBoundingClientRect();
    const clamp = (v: number, max: number) => Math.max(0, Math.min(max, v));
    return { x: clamp(((e.clientX - r.left) / r.width) * image.width, image.width), y: clamp(((e.clientY - r.top) / r.height) * image.height, image.height), scale: r.width / image.width };
  };
  const box = drag && { x: Math.min(drag.x0, drag.x1), y: Math.min(drag.y0, drag.y1), width: Math.abs(drag.x1 - drag.x0), height: Math.abs(drag.y1 - drag.y0) };
  const addPoint = (e: ReactPointerEvent) => {
    const { x, y, scale } = toImage(e);
    setScale(scale);
    const first = points[0];
    if (first && points.length >= 3 && Math.hypot(first[0] - x, first[1] - y) * scale <= closeRadius) {
      onShape({ polygon: points });
      setPoints([]);
    } else setPoints([...points, [Math.round(x), Math.round(y)]]);
  };
  return (
    <div className="canvas">
      <img src={imageFileUrl(workspace, project, image.id)} alt={image.name} draggable={false} />
      <svg ref={svg} viewBox={`0 0 ${image.width} ${image.height}`} preserveAspectRatio="none" aria-label="Drawing area"
        onPointerDown={(e) => {
          onSelect(null);
          if (tool === 'polygon') return addPoint(e);
          if (tool !== 'box') return;
          const p = toImage(e);
          svg.current!.setPointerCapture(e.pointerId);
          setDrag({ x0: p.x, y0: p.y, x1: p.x, y1: p.y });
        }}
        onPointerMove={(e) => {
          const { x, y } = toImage(e);
          if (drag) setDrag({ ...drag, x1: x, y1: y });
          else if (points.length > 0) setHover([x, y]);
        }}
        onPointerUp={() => {
          if (box && box.width >= 2 && box.height >= 2) onShape({ box: { x: Math.round(box.x), y: Math.round(box.y), width: Math.round(box.width), height: Math.round(box.height) } });
          setDrag(null);
        }}>
        <ShapesLayer shapes={shapes} selected={selected} onSelect={onSelect} />
        {box && <rect x={box.x} y={box.y} width={box.width} height={box.height} className="box drawing" />}
        {points.length > 0 && (
          <g className="drawing">
            <polyline points={[...points, ...(hover ? [hover] : [])].map((p) => p.join(',')).join(' ')} className="box drawing" />
            {points.map(([x, y], i) => <circle key={i} cx={x} cy={y} r={5 / scale} className={i === 0 ? 'vertex first' : 'vertex'} vectorEffect="non-scaling-stroke" />)}
          </g>
        )}
      </svg>
    </div>
  );
}
