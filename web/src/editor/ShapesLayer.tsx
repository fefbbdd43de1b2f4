// The shapes of one image drawn in its own pixels (the SVG's viewBox is the image): boxes and polygons,
// the selected one marked. Shared by the editor and review mode.
import type { Shape } from '../api';

export function ShapesLayer({ shapes, selected, onSelect, invalid, hidden }: {
  shapes: Shape[]; selected?: number | null; onSelect?: (i: number, e: React.PointerEvent) => void; invalid?: Set<number>; hidden?: Set<number>;
}) {
  return (
    <g>
      {shapes.map((s, i) => {
        if (hidden?.has(i)) return null;
        const className = ['box', i === selected ? 'selected' : '', invalid?.has(i) ? 'invalid' : ''].filter(Boolean).join(' ');
        const select = onSelect && ((e: React.PointerEvent) => { e.stopPropagation(); onSelect(i, e); });
        if (s.box) return <rect key={i} x={s.box.x} y={s.box.y} width={s.box.width} height={s.box.height} className={className} onPointerDown={select} data-class={s.class} />;
        if (s.polygon) return <polygon key={i} points={s.polygon.map((p) => p.join(',')).join(' ')} className={className} onPointerDown={select} data-class={s.class} />;
        return null;
      })}
    </g>
  );
}

/** How a region reads in a list: its class and where it is. */
export function describeShape(s: Shape): string {
  if (s.box) return `${s.class} ${Math.round(s.box.width)}×${Math.round(s.box.height)} at ${Math.round(s.box.x)},${Math.round(s.box.y)}`;
  if (s.polygon) return `${s.class} polygon of ${s.polygon.length} points`;
  return `${s.class} (whole image)`;
}

export const imageFileUrl = (workspace: string, project: string, imageId: string) =>
  `/api/${encodeURIComponent(workspace)}/${encodeURIComponent(project)}/images/${imageId}/file`;
