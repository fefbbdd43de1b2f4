// Editing a drawn shape in image pixels: moving it whole, dragging a box's corner or a polygon's vertex.
// Every result stays inside the image and is rounded to whole pixels.
import type { Shape } from '../api';

export interface Size { width: number; height: number }
type Box = NonNullable<Shape['box']>;

const clamp = (v: number, max: number) => Math.max(0, Math.min(max, Math.round(v)));

/** The shape moved by (dx, dy), stopped at the image's edges without changing its size. */
export function moved(shape: Shape, dx: number, dy: number, image: Size): Shape {
  if (shape.box) {
    const { x, y, width, height } = shape.box;
    return { ...shape, box: { x: clamp(x + dx, image.width - width), y: clamp(y + dy, image.height - height), width, height } };
  }
  if (shape.polygon) {
    const xs = shape.polygon.map((p) => p[0]);
    const ys = shape.polygon.map((p) => p[1]);
    const ddx = Math.max(-Math.min(...xs), Math.min(image.width - Math.max(...xs), dx));
    const ddy = Math.max(-Math.min(...ys), Math.min(image.height - Math.max(...ys), dy));
    return { ...shape, polygon: shape.polygon.map(([x, y]) => [Math.round(x + ddx), Math.round(y + ddy)]) };
  }
  return shape;
}

/** A box's four corners, clockwise from the top left. */
export const cornersOf = ({ x, y, width, height }: Box): [number, number][] => [[x, y], [x + width, y], [x + width, y + height], [x, y + height]];

/** The box with corner `k` dragged to (px, py); the opposite corner stays. */
export function cornerMoved(box: Box, k: number, px: number, py: number, image: Size): Box {
  const [ox, oy] = cornersOf(box)[(k + 2) % 4]!;
  const x = clamp(px, image.width);
  const y = clamp(py, image.height);
  return { x: Math.min(x, ox), y: Math.min(y, oy), width: Math.abs(x - ox), height: Math.abs(y - oy) };
}

/** The polygon with vertex `k` dragged to (px, py). */
export function vertexMoved(polygon: [number, number][], k: number, px: number, py: number, image: Size): [number, number][] {
  return polygon.map((p, i) => (i === k ? [clamp(px, image.width), clamp(py, image.height)] : p));
}
