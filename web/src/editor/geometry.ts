// Shapes kept inside the image, in whole image pixels, whatever the drawing layer handed over: a shape
// moved whole stops at the image's edges without changing its size; a drawn or reshaped one has its
// points clamped to the image.
import type { Shape } from '../api';

export interface Size { width: number; height: number }
type Box = NonNullable<Shape['box']>;
type Points = NonNullable<Shape['polygon']>;
export type Geometry = Pick<Shape, 'box' | 'polygon'>;

const clamp = (v: number, max: number) => Math.max(0, Math.min(max, Math.round(v)));

/** Smaller than this (in image pixels) a box is a slip of the mouse, not a region. */
const minimumSide = 2;

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

/** The box with its corners clamped to the image, or undefined when too small to be a region. */
function clampedBox({ x, y, width, height }: Box, image: Size): Box | undefined {
  const [x0, y0, x1, y1] = [clamp(x, image.width), clamp(y, image.height), clamp(x + width, image.width), clamp(y + height, image.height)];
  return x1 - x0 < minimumSide || y1 - y0 < minimumSide ? undefined : { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** How far every point moved, when all moved alike (the shape was dragged whole). */
function translation(before: [number, number][], after: [number, number][]): [number, number] | undefined {
  if (before.length !== after.length || before.length === 0) return undefined;
  const [dx, dy] = [after[0]![0] - before[0]![0], after[0]![1] - before[0]![1]];
  return before.every(([x, y], i) => Math.abs(after[i]![0] - x - dx) < 0.5 && Math.abs(after[i]![1] - y - dy) < 0.5) ? [dx, dy] : undefined;
}

const cornersOf = ({ x, y, width, height }: Box): [number, number][] => [[x, y], [x + width, y + height]];

/**
 * The geometry a drawing produced, fitted to the image: `before` is the shape it was edited from (none
 * for a new one). Answers undefined for a box too small to keep.
 */
export function fitted(drawn: Geometry, image: Size, before?: Shape): Geometry | undefined {
  const moves = before && (drawn.box && before.box ? translation(cornersOf(before.box), cornersOf(drawn.box)) : drawn.polygon && before.polygon ? translation(before.polygon, drawn.polygon) : undefined);
  if (before && moves) {
    const { box, polygon } = moved(before, moves[0], moves[1], image);
    return box ? { box } : { polygon };
  }
  if (drawn.box) {
    const box = clampedBox(drawn.box, image);
    return box && { box };
  }
  if (drawn.polygon) return { polygon: drawn.polygon.map(([x, y]): Points[number] => [clamp(x, image.width), clamp(y, image.height)]) };
  return undefined;
}
