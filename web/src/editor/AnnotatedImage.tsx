// The image with its regions, drawn and edited by Annotorious: boxes by dragging, polygons point by
// point (closed on the first point), a selected region moved whole or reshaped by its handles. Our list
// of shapes stays the one source of truth: what Annotorious draws or edits comes back through
// onShape/onEdit fitted to the image, and the list is then drawn again. Without `editing`, the regions are
// only shown (review). Zoom scales the image inside a scrolling viewport (scroll to pan); Annotorious
// keeps its layer in the image's own pixels at any scale.
import { useEffect, useMemo, useRef } from 'react';
import { Annotorious, ImageAnnotator, Origin, useAnnotator, UserSelectAction, type AnnotoriousImageAnnotator, type DrawingStyle, type ImageAnnotation } from '@annotorious/react';
import '@annotorious/react/annotorious-react.css';
import type { Shape } from '../api';
import { fitted, type Geometry, type Size } from './geometry';
import { annotationOf, geometryOf, regionId, regionIndex, sameOutline } from './regions';

export type Tool = 'box' | 'polygon' | 'tag';

export interface Editing {
  tool: Tool;
  onSelect: (i: number | null) => void;
  onShape: (geometry: Geometry) => void;
  onEdit: (i: number, shape: Shape) => void;
  onZoom: (factor: number) => void;
}

interface Props {
  src: string; alt: string; label: string; image: Size; shapes: Shape[]; zoom?: number;
  /** Regions not drawn (still kept and saved). */
  hidden?: Set<number>;
  /** Regions the API refused, outlined in red. */
  invalid?: Set<number>;
  selected?: number | null;
  editing?: Editing;
}

const look = { region: '#4a6cf7', selected: '#e69500', invalid: '#dd3333' } as const;

export function AnnotatedImage(props: Props) {
  return <Annotorious><Layer {...props} /></Annotorious>;
}

function Layer({ src, alt, label, image, shapes, zoom = 1, hidden, invalid, selected = null, editing }: Props) {
  const anno = useAnnotator<AnnotoriousImageAnnotator | undefined>();
  const viewport = useRef<HTMLDivElement>(null);
  const wanted = useMemo(() => shapes.flatMap((s, i) => (hidden?.has(i) ? [] : [annotationOf(s, i)].filter((a) => a !== undefined))), [shapes, hidden]);
  // The listeners below are registered once per annotator; they read the newest props from here.
  const latest = useRef({ shapes, image, editing });
  latest.current = { shapes, image, editing };

  useEffect(() => {
    if (anno) show(anno, wanted);
  }, [anno, wanted]);

  useEffect(() => {
    if (!anno || !editing) return;
    const want = selected === null || hidden?.has(selected) ? undefined : regionId(selected);
    if (anno.getSelected()[0]?.id === want) return;
    if (want) anno.setSelected(want, true);
    else anno.cancelSelected();
  }, [anno, selected, wanted, Boolean(editing)]);

  useEffect(() => {
    if (!anno || !editing) return;
    // Everything is handed over inside the event that ends it (the pointerup), not a moment later: an
    // Enter pressed at once must submit it, and a number key pressed at once must not change its class.
    const drawn = (a: ImageAnnotation) => {
      queueMicrotask(() => anno.removeAnnotation(a.id)); // drawn again under its region id once the list has it
      const geometry = geometryOf(a);
      const shape = geometry && fitted(geometry, latest.current.image);
      if (shape) latest.current.editing?.onShape(shape);
    };
    // Each region Annotorious moved or reshaped is handed back fitted to the image (or put back, when
    // nothing of it is left to keep) once the pointer is up: every move of a drag changes Annotorious'
    // store, but the whole drag is one change of ours (one undo step, one draft).
    const settle = () => {
      const { shapes, image, editing } = latest.current;
      for (const a of anno.getAnnotations()) {
        const i = regionIndex(a.id);
        const before = i === undefined ? undefined : shapes[i];
        const expected = before && annotationOf(before, i!);
        if (!expected || sameOutline(a, expected)) continue;
        const edited = fitted(geometryOf(a)!, image, before);
        const shape = edited && { ...before, ...edited };
        if (shape && JSON.stringify(shape) !== JSON.stringify(before)) editing?.onEdit(i!, shape);
        else anno.updateAnnotation(expected);
      }
    };
    let pressed = false;
    const changed = (event: { changes: { created?: ImageAnnotation[] } }) => {
      for (const a of event.changes.created ?? []) if (regionIndex(a.id) === undefined) drawn(a);
      if (!pressed) queueMicrotask(settle); // an edit by keyboard (a polygon's vertex deleted)
    };
    const press = () => { pressed = true; };
    // In the bubbling phase, after Annotorious' own pointerup has put the drag's last position in its store.
    const release = () => {
      if (!pressed) return;
      pressed = false;
      settle();
    };
    const selectionChanged = (as: ImageAnnotation[]) => latest.current.editing?.onSelect(as[0] ? (regionIndex(as[0].id) ?? null) : null);
    const escape = (e: KeyboardEvent) => e.key === 'Escape' && anno.cancelDrawing();
    anno.on('selectionChanged', selectionChanged);
    anno.state.store.observe(changed, { origin: Origin.LOCAL });
    anno.element.addEventListener('pointerdown', press, true);
    window.addEventListener('pointerup', release);
    window.addEventListener('keydown', escape);
    return () => {
      anno.off('selectionChanged', selectionChanged);
      anno.state.store.unobserve(changed);
      anno.element.removeEventListener('pointerdown', press, true);
      window.removeEventListener('pointerup', release);
      window.removeEventListener('keydown', escape);
    };
  }, [anno, Boolean(editing)]);

  // Ctrl+wheel zooms; React's wheel listener is passive, so the page's own zoom could not be stopped.
  useEffect(() => {
    const el = viewport.current!;
    const onWheel = (e: WheelEvent) => {
      if (!e.ctrlKey || !latest.current.editing) return; // a plain wheel scrolls (pans) the viewport
      e.preventDefault();
      latest.current.editing.onZoom(e.deltaY < 0 ? 1.25 : 0.8);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, []);

  const style = useMemo(() => (a: ImageAnnotation, state?: { selected?: boolean }): DrawingStyle => {
    const i = regionIndex(a.id);
    const color = i !== undefined && invalid?.has(i) ? look.invalid : state?.selected ? look.selected : look.region;
    return { stroke: color, strokeWidth: 2, fill: color, fillOpacity: 0.15 };
  }, [invalid]);

  const tool = editing?.tool ?? 'tag';
  return (
    <div className="viewport" ref={viewport}>
      <div className="canvas" aria-label={label} style={{ width: `calc(100% * ${zoom})` }}>
        <ImageAnnotator containerClassName="annotated" style={style} tool={tool === 'polygon' ? 'polygon' : 'rectangle'} drawingEnabled={tool !== 'tag'}
          drawingMode={tool === 'polygon' ? 'click' : 'drag'}
          userSelectAction={editing ? UserSelectAction.EDIT : UserSelectAction.NONE}>
          <img src={src} alt={alt} draggable={false} />
        </ImageAnnotator>
      </div>
    </div>
  );
}

/** Brings Annotorious' annotations to `wanted`, touching only those that differ (an edit in progress stays). */
function show(anno: AnnotoriousImageAnnotator, wanted: ImageAnnotation[]) {
  const byId = new Map(wanted.map((a) => [a.id, a]));
  for (const a of anno.getAnnotations()) if (!byId.has(a.id)) anno.removeAnnotation(a.id);
  for (const a of wanted) {
    const have = anno.getAnnotationById(a.id);
    if (!have) anno.addAnnotation(a);
    else if (!sameOutline(have, a)) anno.updateAnnotation(a);
  }
}
