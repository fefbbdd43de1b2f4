// The label stream in the browser: the next image, boxes (detection) or polygons (segmentation) drawn
// with the mouse over it through Annotorious, tags (classification), the class from the project's classes
// (number keys), undo, a list of regions, drafts saved as you go, submit and skip.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { answer, answerOrNothing, ApiError, client, imageFileUrl, type NextImage as Next } from '../api';
import type { PageProps } from '../App';
import { draftSaver, forgetDraft, keptDraft, type SaveState } from './drafts';
import { submitter, type SendState } from './submitter';
import { AnnotatedImage, type Editing, type Tool } from './AnnotatedImage';
import { ImageSide } from './ImageSide';
import { useEditHistory } from './useEditHistory';
import { describeShape } from './regions';

const toolOf: Record<string, Tool> = { 'object-detection': 'box', 'instance-segmentation': 'polygon', classification: 'tag' };

const shortcuts: [string, string][] = [
  ['1–9', 'choose the class'], ['drag', 'draw a box'], ['click', 'add a polygon point (click the first to close)'], ['Esc', 'drop the polygon being drawn'],
  ['click a region', 'select it: drag it to move, drag its handles to reshape'],
  ['Delete', 'delete the selected region, or the vertex chosen by clicking it'], ['H', 'hide or show the selected region'], ['Ctrl+Z', 'undo'], ['Ctrl+Shift+Z or Ctrl+Y', 'redo'],
  ['+ / − / 0', 'zoom in, out, to fit (or Ctrl+wheel; scroll to pan)'], ['I', 'show or hide the instructions'],
  ['Enter', 'submit and go to the next image'], ['S', 'skip the image'], ['?', 'show or hide this help'],
];

export function EditorPage({ workspace, project, jobId }: PageProps & { jobId: string }) {
  const [classes, setClasses] = useState<string[]>([]);
  const [tool, setTool] = useState<Tool>('box');
  const [current, setCurrent] = useState<Next | null | undefined>(undefined);
  const [zoom, setZoom] = useState(1);
  const [side, setSide] = useState<'instructions' | 'comments' | 'timeline' | null>(null);
  const [instructions, setInstructions] = useState('');
  /** Regions not drawn over the image (by index), to see what lies under them. */
  const [hidden, setHidden] = useState<Set<number>>(new Set());
  const toggleHidden = (i: number) => setHidden((h) => {
    const next = new Set(h);
    if (next.has(i)) next.delete(i);
    else next.add(i);
    return next;
  });
  /** Regions the API refused on submit, with why (by index). */
  const [invalid, setInvalid] = useState<Map<number, string>>(new Map());
  const invalidRegions = useMemo(() => new Set(invalid.keys()), [invalid]);
  const [klass, setKlass] = useState(0);
  const [selected, setSelected] = useState<number | null>(null);
  const [save, setSave] = useState<{ state: SaveState; error?: string }>({ state: 'saved' });
  const [message, setMessage] = useState('');
  const [help, setHelp] = useState(false);
  const saver = useRef<ReturnType<typeof draftSaver> | null>(null);
  const edits = useEditHistory((shapes, before) => {
    setInvalid(new Map());
    // Indexes move when regions come and go: every region is shown again.
    if (shapes.length !== before.length) setHidden(new Set());
    saver.current?.change(shapes);
  });

  /** How many times an image (or the end) was shown: a step that waited knows whether another came meanwhile. */
  const shows = useRef(0);
  /** The image after the current one, reserved and its file loaded while the labeler works. */
  const upcoming = useRef<Promise<Next | null> | null>(null);
  const [sendState, setSendState] = useState<SendState>({ count: 0 });
  /** A submission the server refused comes back here (see `sender` below). */
  const refusedRef = useRef<(image: Next, err: ApiError) => void>(() => undefined);
  const sender = useMemo(() => submitter({
    workspace, project, job: jobId, onState: setSendState, onRefused: (image, err) => refusedRef.current(image, err),
  }), [workspace, project, jobId]);
  /** `except` for `next`: the images this editor holds besides the one it asks after. */
  const held = useCallback((...ids: string[]) => [...ids, ...sender.waiting()].join(',') || undefined, [sender]);

  const show = useCallback((next: Next | null) => {
    saver.current?.stop();
    setMessage('');
    upcoming.current = null;
    shows.current++;
    if (!next) return setCurrent(null);
    const kept = keptDraft(jobId, next.image.id);
    saver.current = draftSaver({ workspace, project, job: jobId, image: next.image.id, onState: (state, error) => setSave({ state, error }) });
    setCurrent(next);
    setInvalid(new Map());
    setHidden(new Set());
    setSelected(null);
    edits.reset(kept ?? next.annotation?.annotations ?? []);
    // What this browser kept but the server may not have (a crash, a closed tab): send it again.
    if (kept) saver.current.change(kept);
    upcoming.current = answerOrNothing(client.POST('/{workspace}/{project}/jobs/{job}/next', {
      params: { path: { workspace, project, job: jobId }, query: { except: held(next.image.id) } },
    })).then(
      async (ahead) => {
        if (!ahead) return null;
        const img = new Image();
        img.src = imageFileUrl(workspace, project, ahead.image.id);
        await img.decode().catch(() => undefined);
        return ahead;
      },
      () => null, // fetched again when it is needed
    );
  }, [workspace, project, jobId, edits, held]);

  /** The stream's next image, shown unless another was shown meanwhile (a refused submission came back). */
  const load = useCallback(async () => {
    const seen = shows.current;
    try {
      const next = await answerOrNothing(client.POST('/{workspace}/{project}/jobs/{job}/next', { params: { path: { workspace, project, job: jobId }, query: { except: held() } } }));
      if (shows.current === seen) show(next ?? null);
    } catch (err) {
      setMessage(err instanceof ApiError ? err.message : (err as Error).message);
    }
  }, [workspace, project, jobId, show, held]);

  /** On to the image fetched ahead, or the stream's next when there was none; as `load`, unless another was shown meanwhile. */
  const advance = useCallback(async () => {
    const seen = shows.current;
    const ahead = upcoming.current ? await upcoming.current : null;
    if (shows.current !== seen) return;
    if (ahead) show(ahead);
    else await load();
  }, [show, load]);

  useEffect(() => {
    void answer(client.GET('/{workspace}/projects/{project}', { params: { path: { workspace, project } } })).then((p) => {
      setClasses(p.classes);
      setTool(toolOf[p.type] ?? 'box');
    }, () => setClasses([]));
    void answer(client.GET('/{workspace}/{project}/jobs/{job}', { params: { path: { workspace, project, job: jobId } } })).then((j) => setInstructions(j.instructionsText ?? ''), () => undefined);
    void load();
    const leave = () => saver.current?.flush();
    window.addEventListener('pagehide', leave);
    return () => window.removeEventListener('pagehide', leave);
  }, [workspace, project, jobId, load]);


  /** Shows why the server refused what was submitted, on the regions it names (`annotations.<i>…` is region i). */
  const showRefusal = useCallback((err: unknown) => {
    setMessage((err as Error).message);
    const byRegion = new Map<number, string>();
    for (const f of err instanceof ApiError ? err.fields : []) {
      const i = /^annotations\.(\d+)/.exec(f.path)?.[1];
      if (i !== undefined) byRegion.set(Number(i), f.message);
    }
    setInvalid(byRegion);
  }, []);
  // A refused submission: its image comes back with its shapes (still its kept draft) and why; the image
  // the labeler had moved on to keeps its own draft and is handed out again after it.
  refusedRef.current = (refused, err) => {
    show(refused);
    showRefusal(err);
  };

  /** Sends the image in the background and moves on at once (see ./submitter). */
  const submit = useCallback(async () => {
    if (!current || sender.has(current.image.id)) return;
    saver.current?.stop();
    const seen = shows.current;
    sender.submit(current, edits.shapes);
    await sender.room();
    if (shows.current === seen) await advance(); // (a refused image may have come back while it waited)
  }, [current, edits, sender, advance]);

  const skip = useCallback(async () => {
    if (!current) return;
    saver.current?.stop();
    const reason = window.prompt('Why skip this image? (optional)') ?? undefined;
    await client.POST('/{workspace}/{project}/jobs/{job}/images/{image}/skip', {
      params: { path: { workspace, project, job: jobId, image: current.image.id } }, body: reason ? { reason } : {},
    });
    forgetDraft(jobId, current.image.id);
    await advance();
  }, [current, workspace, project, jobId, advance]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.target as HTMLElement).closest('input, textarea, select')) return;
      // Undo and redo are ours (tags and deletions included); Annotorious' own, on the document, must not run too.
      if ((e.ctrlKey || e.metaKey) && /^[zy]$/i.test(e.key)) e.stopPropagation();
      if (e.key === '?') setHelp((h) => !h);
      else if (/^[1-9]$/.test(e.key) && Number(e.key) <= classes.length) setKlass(Number(e.key) - 1);
      else if ((e.key === 'Delete' || e.key === 'Backspace') && selected !== null) {
        // With one of a polygon's vertices selected, Delete is Annotorious' (that vertex only): the
        // polygon comes back through its edit, as any reshape does.
        if (document.querySelector('.canvas .a9s-handle-selected')) return;
        edits.change((shapes) => shapes.filter((_, i) => i !== selected));
        setSelected(null);
      } else if ((e.key === 'z' || e.key === 'Z') && (e.ctrlKey || e.metaKey)) edits.travel(!e.shiftKey);
      else if (e.key === 'y' && (e.ctrlKey || e.metaKey)) edits.travel(false);
      else if (e.key === '+' || e.key === '=') setZoom((z) => Math.min(8, z * 1.25));
      else if (e.key === '-') setZoom((z) => Math.max(1, z / 1.25));
      else if (e.key === '0') setZoom(1);
      else if (e.key === 'i' || e.key === 'I') setSide((t) => (t === 'instructions' ? null : 'instructions'));
      else if ((e.key === 'h' || e.key === 'H') && selected !== null) toggleHidden(selected);
      else if (e.key === 'Enter') void submit();
      else if (e.key === 's' || e.key === 'S') void skip();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [classes, selected, edits, submit, skip]);

  if (current === undefined) return <p role="status">Loading…</p>;
  if (current === null) {
    return (
      <section><h1>Label stream</h1>
        <p role="status">{sendState.count > 0 ? `Sending your last ${sendState.count === 1 ? 'submission' : `${sendState.count} submissions`}…${sendState.error ? ` (retrying: ${sendState.error})` : ''}` : 'No more images to label in this job.'}</p>
        {message && <p role="alert">{message}</p>}
      </section>
    );
  }
  const { image } = current;
  const editing: Editing = {
    tool, onSelect: setSelected,
    onShape: (geometry) => edits.change((shapes) => [...shapes, { class: classes[klass]!, ...geometry }]),
    onEdit: (i, shape) => edits.change((shapes) => shapes.map((s, j) => (j === i ? shape : s))),
    onZoom: (factor) => setZoom((z) => Math.min(8, Math.max(1, z * factor))),
  };
  const saveText = save.state === 'saved' ? 'All changes saved' : save.state === 'saving' ? 'Saving…' : `Not saved — retrying (${save.error ?? 'no answer'})`;
  return (
    <section className="editor" aria-labelledby="editor-title">
      <h1 id="editor-title">{image.name}</h1>
      {current.rework && <p className="rework" role="note">Sent back (round {current.rework.round}): {current.rework.reason || 'no reason given'}</p>}
      <div className="toolbar">
        <label>Class <select value={klass} onChange={(e) => setKlass(Number(e.target.value))}>
          {classes.map((c, i) => <option key={c} value={i}>{i + 1}. {c}</option>)}
        </select></label>
        {tool === 'tag' && <button type="button" onClick={() => edits.change((shapes) => [...shapes, { class: classes[klass]! }])}>Tag image as {classes[klass]}</button>}
        <button type="button" onClick={() => void submit()}>Submit (Enter)</button>
        <button type="button" onClick={() => void skip()}>Skip (S)</button>
        <button type="button" onClick={() => setHelp(!help)} aria-expanded={help}>Shortcuts (?)</button>
        <span role="status" className={`save ${save.state}`}>{saveText}</span>
        {sendState.count > 0 && <span role="status" className={`save ${sendState.error ? 'retrying' : 'saving'}`}>
          Submitting {sendState.count}…{sendState.error ? ` retrying (${sendState.error})` : ''}
        </span>}
        <span className="muted">Zoom {Math.round(zoom * 100)}%</span>
        <span className="muted">Reserved until {new Date(current.leaseExpiresAt).toLocaleTimeString()}</span>
      </div>
      {message && <p role="alert" className="error">{message}</p>}
      {help && (
        <dl className="help" aria-label="Keyboard shortcuts">{shortcuts.map(([k, what]) => <div key={k}><dt><kbd>{k}</kbd></dt><dd>{what}</dd></div>)}</dl>
      )}
      <div className="stage">
        <AnnotatedImage src={imageFileUrl(workspace, project, image.id)} alt={image.name} label="Drawing area" image={image} shapes={edits.shapes} selected={selected}
          zoom={zoom} hidden={hidden} invalid={invalidRegions} editing={editing} />
        <ol className="regions" aria-label="Regions">
          {edits.shapes.map((s, i) => (
            <li key={i} className={i === selected ? 'selected' : undefined}>
              <button type="button" onClick={() => setSelected(i)}>{describeShape(s)}</button>
              {invalid.has(i) && <span role="alert" className="error">{invalid.get(i)}</span>}
              <button type="button" aria-pressed={hidden.has(i)} aria-label={`Hide region ${i + 1}`} onClick={() => toggleHidden(i)}>{hidden.has(i) ? 'Show' : 'Hide'}</button>
              <button type="button" aria-label={`Delete region ${i + 1}`} onClick={() => edits.change((shapes) => shapes.filter((_, j) => j !== i))}>×</button>
            </li>
          ))}
        </ol>
        <ImageSide workspace={workspace} project={project} jobId={jobId} imageId={image.id} instructions={instructions} tab={side} onTab={setSide}
          onReverted={(shapes) => edits.change(() => shapes)} />
      </div>
    </section>
  );
}
