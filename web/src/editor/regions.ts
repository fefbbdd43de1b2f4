// Our shapes as Annotorious annotations and back. A region's annotation id is its index in the image's
// list (`region-3`), so the list stays the one source of truth and Annotorious only draws and edits it.
import { boundsFromPoints, ShapeType, type ImageAnnotation, type Polygon, type PolygonGeometry, type Rectangle } from '@annotorious/react';
import type { Shape } from '../api';
import type { Geometry } from './geometry';

const prefix = 'region-';

export const regionId = (index: number) => `${prefix}${index}`;

/** The region's index, or undefined for an annotation Annotorious has just drawn (it names it itself). */
export function regionIndex(id: string): number | undefined {
  return id.startsWith(prefix) ? Number(id.slice(prefix.length)) : undefined;
}

/** The shape as an annotation; undefined for a tag of the whole image, which is not drawn. */
export function annotationOf(shape: Shape, index: number): ImageAnnotation | undefined {
  const id = regionId(index);
  const target = (selector: Rectangle | Polygon) => ({ id, bodies: [], properties: { class: shape.class }, target: { annotation: id, selector } });
  if (shape.box) {
    const { x, y, width: w, height: h } = shape.box;
    return target({ type: ShapeType.RECTANGLE, geometry: { x, y, w, h, bounds: boundsFromPoints([[x, y], [x + w, y + h]]) } });
  }
  if (shape.polygon) return target({ type: ShapeType.POLYGON, geometry: { points: shape.polygon, bounds: boundsFromPoints(shape.polygon) } });
  return undefined;
}

/** What an annotation outlines, in image pixels (not yet fitted to the image). */
export function geometryOf(annotation: ImageAnnotation): Geometry | undefined {
  const { type, geometry } = annotation.target.selector;
  if (type === ShapeType.RECTANGLE) {
    // Rotation is hidden in the editor, so boxes stay axis-aligned; the bounds hold either way.
    const { minX, minY, maxX, maxY } = geometry.bounds;
    return { box: { x: minX, y: minY, width: maxX - minX, height: maxY - minY } };
  }
  if (type === ShapeType.POLYGON) return { polygon: (geometry as PolygonGeometry).points.map(([x, y]) => [x!, y!]) };
  return undefined;
}

/** The same outline, to within a tenth of a pixel: an annotation that needs no update. */
export function sameOutline(a: ImageAnnotation, b: ImageAnnotation): boolean {
  const [ga, gb] = [geometryOf(a), geometryOf(b)];
  const flat = (g: Geometry | undefined) => (g?.box ? [g.box.x, g.box.y, g.box.width, g.box.height] : (g?.polygon ?? []).flat());
  const [fa, fb] = [flat(ga), flat(gb)];
  return a.properties?.class === b.properties?.class && fa.length === fb.length && fa.every((v, i) => Math.abs(v - fb[i]!) < 0.1);
}

/** How a region reads in a list: its class and where it is. */
export function describeShape(s: Shape): string {
  if (s.box) return `${s.class} ${Math.round(s.box.width)}×${Math.round(s.box.height)} at ${Math.round(s.box.x)},${Math.round(s.box.y)}`;
  if (s.polygon) return `${s.class} polygon of ${s.polygon.length} points`;
  return `${s.class} (whole image)`;
}
