// The image with its shapes, drawn on in the image's own pixels: boxes by dragging, polygons point by
// point. Zoom scales the image inside a scrolling viewport (scroll to pan); pointer positions are read
// through the SVG's box, so drawing stays exact at any zoom.
import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import type { Shape } from '../api';
import { cornerMoved, cornersOf, moved, vertexMoved } from './geometry';
import { imageFileUrl, ShapesLayer } from './ShapesLayer';

/** A drag on the selected shape: its body moves it, a handle moves one corner (box) or vertex (polygon). */
interface Edit { index: number; original: Shape; from: { x: number; y: number }; handle: 'body' | number }

export type Tool = 'box' | 'polygon' | 'tag';
export interface CanvasImage { id: string; name: string; width: number; height: number }

/** Close enough to the first point (in screen pixels) that a click closes the polygon. */
const closeRadius = 10;

/**
 * The image with its shapes. With the box tool a drag draws a box; with the polygon tool each click adds
 * a point and a click on the first closes it. Points are clamped to the image and kept in its own pixels.
 */
export function Canvas({ workspace, project, image, shapes, selected, onSelect, onShape, onEdit, tool, zoom, onZoom, invalid, hidden }: {
  workspace: string; project: string; image: CanvasImage; shapes: Shape[]; selected: number | null; tool: Tool; zoom: number; invalid: Set<number>;
  /** Regions not drawn (still kept and saved). */
  hidden: Set<number>;
  onZoom: (factor: number) => void;
  onSelect: (i: number | null) => void; onShape: (geometry: Pick<Shape, 'box' | 'polygon'>) => void; onEdit: (i: number, shape: Shape) => void;
}) {
  const [edit, setEdit] = useState<Edit | null>(null);
  const [preview, setPreview] = useState<Shape | null>(null);
  const svg = useRef<SVGSVGElement>(null);
  const [drag, setDrag] = useState<{ x0: number; y0: number; x1: number; y1: number } | null>(null);
  const [points, setPoints] = useState<[number, number][]>([]);
  const [hover, setHover] = useState<[number, number] | null>(null);
  /** Screen pixels per image pixel, so vertices keep their size on screen. */
  const [scale, setScale] = useState(1);
  const viewport = useRef<HTMLDivElement>(null);
  // Ctrl+wheel zooms; React's wheel listener is passive, so the page's own zoom could not be stopped.
  useEffect(() => {
    const el = viewport.current!;
    const onWheel = (e: WheelEvent) => {
      if (!e.ctrlKey) return; // a plain wheel scrolls (pans) the viewport
      e.preventDefault();
      onZoom(e.deltaY < 0 ? 1.25 : 0.8);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [onZoom]);
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
  const startEdit = (index: number, handle: Edit['handle'], e: ReactPointerEvent) => {
    e.stopPropagation();
    const { x, y, scale } = toImage(e);
    setScale(scale);
    svg.current!.setPointerCapture(e.pointerId);
    setEdit({ index, original: shapes[index]!, from: { x, y }, handle });
  };
  const edited = (e: ReactPointerEvent, { original, from, handle }: Edit): Shape => {
    const { x, y } = toImage(e);
    if (handle === 'body') return moved(original, x - from.x, y - from.y, image);
    if (original.box) return { ...original, box: cornerMoved(original.box, handle, x, y, image) };
    return { ...original, polygon: vertexMoved(original.polygon!, handle, x, y, image) };
  };
  const selectedShape = selected === null ? undefined : preview && edit?.index === selected ? preview : shapes[selected];
  const handles = selectedShape?.box ? cornersOf(selectedShape.box) : selectedShape?.polygon ?? [];
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
    <div className="viewport" ref={viewport}>
    <div className="canvas" style={{ width: `calc(100% * ${zoom})` }}>
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
          if (edit) setPreview(edited(e, edit));
          else if (drag) setDrag({ ...drag, x1: x, y1: y });
          else if (points.length > 0) setHover([x, y]);
        }}
        onPointerUp={() => {
          if (edit) {
            const changed = preview && JSON.stringify(preview) !== JSON.stringify(edit.original);
            if (changed && !(preview.box && (preview.box.width < 2 || preview.box.height < 2))) onEdit(edit.index, preview);
            setEdit(null);
            setPreview(null);
            return;
          }
          if (box && box.width >= 2 && box.height >= 2) onShape({ box: { x: Math.round(box.x), y: Math.round(box.y), width: Math.round(box.width), height: Math.round(box.height) } });
          setDrag(null);
        }}>
        <ShapesLayer shapes={preview && edit ? shapes.map((s, i) => (i === edit.index ? preview : s)) : shapes} selected={selected} invalid={invalid} hidden={hidden}
          onSelect={(i, e) => (i === selected && tool !== 'tag' ? startEdit(i, 'body', e) : onSelect(i))} />
        {selected !== null && !hidden.has(selected) && handles.map(([x, y], k) => (
          <rect key={k} x={x - 4 / scale} y={y - 4 / scale} width={8 / scale} height={8 / scale} className="handle" data-handle={k}
            onPointerDown={(e) => startEdit(selected, k, e)} />
        ))}
        {box && <rect x={box.x} y={box.y} width={box.width} height={box.height} className="box drawing" />}
        {points.length > 0 && (
          <g className="drawing">
            <polyline points={[...points, ...(hover ? [hover] : [])].map((p) => p.join(',')).join(' ')} className="box drawing" />
            {points.map(([x, y], i) => <circle key={i} cx={x} cy={y} r={5 / scale} className={i === 0 ? 'vertex first' : 'vertex'} vectorEffect="non-scaling-stroke" />)}
          </g>
        )}
      </svg>
    </div>
    </div>
  );
}
