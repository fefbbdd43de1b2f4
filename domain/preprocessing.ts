// A dataset version's preprocessing (Roboflow's "generate version" options): what each exported image
// becomes and where its shapes land. Pure, so an export renders the same bytes from the same settings
// whenever it runs.
import type { Annotation } from './annotations';

export const splits = ['train', 'valid', 'test'] as const;
export type Split = (typeof splits)[number];

/**
 * Roboflow's resize modes: `stretch` to the size; `fill` the size and crop the centre; `fit` within the
 * size, keeping the aspect ratio (the image may come out smaller); `fit-black` / `fit-white` fit, then
 * pad to the size with black or white edges (letterbox).
 */
export const fitModes = ['stretch', 'fill', 'fit', 'fit-black', 'fit-white'] as const;
export type FitMode = (typeof fitModes)[number];

export interface Preprocessing {
  /** Apply EXIF orientation to the pixels and drop the tag (shapes are always in displayed coordinates). */
  autoOrient?: boolean;
  resize?: { width: number; height: number; fit: FitMode };
  /** `drop` names project classes whose shapes leave the version; `remap` renames (or merges) the others. */
  classes?: { remap?: Record<string, string>; drop?: string[] };
}

/** The version's classes, in project order: dropped ones gone, remapped ones renamed, merges once. */
export function versionClasses(projectClasses: string[], prep: Preprocessing): string[] {
  const drop = new Set(prep.classes?.drop ?? []);
  const remap = prep.classes?.remap ?? {};
  return [...new Set(projectClasses.filter((c) => !drop.has(c)).map((c) => remap[c] ?? c))];
}

/** Where an image's pixels go: output size, scale and offset of the (oriented) original, and the crop. */
export interface Placement {
  width: number;
  height: number;
  /** The original is resized to this size (stretching is exact: no rounding the encoder could differ on). */
  scaledWidth: number;
  scaledHeight: number;
  /** Where the scaled image's top-left corner sits in the output (negative when cropped). */
  left: number;
  top: number;
}

export function placementOf(width: number, height: number, resize: Preprocessing['resize']): Placement {
  if (!resize) return { width, height, scaledWidth: width, scaledHeight: height, left: 0, top: 0 };
  const { width: W, height: H, fit } = resize;
  const scaled = (s: number) => ({ w: Math.max(1, Math.round(width * s)), h: Math.max(1, Math.round(height * s)) });
  switch (fit) {
    case 'stretch':
      return { width: W, height: H, scaledWidth: W, scaledHeight: H, left: 0, top: 0 };
    case 'fit': {
      const { w, h } = scaled(Math.min(W / width, H / height));
      return { width: w, height: h, scaledWidth: w, scaledHeight: h, left: 0, top: 0 };
    }
    case 'fit-black':
    case 'fit-white': {
      const { w, h } = scaled(Math.min(W / width, H / height));
      return { width: W, height: H, scaledWidth: w, scaledHeight: h, left: Math.floor((W - w) / 2), top: Math.floor((H - h) / 2) };
    }
    case 'fill': {
      const { w, h } = scaled(Math.max(W / width, H / height));
      return { width: W, height: H, scaledWidth: w, scaledHeight: h, left: -Math.floor((w - W) / 2) || 0, top: -Math.floor((h - H) / 2) || 0 };
    }
  }
}

export const isIdentity = (p: Placement, width: number, height: number) =>
  p.width === width && p.height === height && p.scaledWidth === width && p.scaledHeight === height && p.left === 0 && p.top === 0;

/** Coordinates kept to 1/1000 px: enough for any loader, and the same text on every run. */
const round = (v: number) => Math.round(v * 1000) / 1000;

type Point = [number, number];

/** Sutherland–Hodgman against the output rectangle: a polygon cut by a crop keeps its inside part. */
function clipPolygon(points: Point[], width: number, height: number): Point[] {
  const edges: [(p: Point) => boolean, (a: Point, b: Point) => Point][] = [
    [(p) => p[0] >= 0, (a, b) => lerpAt(a, b, 0, 0)],
    [(p) => p[0] <= width, (a, b) => lerpAt(a, b, 0, width)],
    [(p) => p[1] >= 0, (a, b) => lerpAt(a, b, 1, 0)],
    [(p) => p[1] <= height, (a, b) => lerpAt(a, b, 1, height)],
  ];
  let out = points;
  for (const [inside, cross] of edges) {
    const input = out;
    out = [];
    input.forEach((cur, i) => {
      const prev = input[(i + input.length - 1) % input.length]!;
      if (inside(cur)) {
        if (!inside(prev)) out.push(cross(prev, cur));
        out.push(cur);
      } else if (inside(prev)) out.push(cross(prev, cur));
    });
    if (out.length === 0) break;
  }
  return out;
}

function lerpAt(a: Point, b: Point, axis: 0 | 1, at: number): Point {
  const t = (at - a[axis]) / (b[axis] - a[axis]);
  return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
}

/**
 * An item's shapes as the version exports them: dropped classes gone, remapped classes renamed, geometry
 * moved with the image and cut to it. A shape the crop leaves nothing of is gone too.
 */
export function versionShapes(annotations: Annotation[], prep: Preprocessing, from: { width: number; height: number }, to: Placement): Annotation[] {
  const drop = new Set(prep.classes?.drop ?? []);
  const remap = prep.classes?.remap ?? {};
  const sx = to.scaledWidth / from.width;
  const sy = to.scaledHeight / from.height;
  const move = ([x, y]: Point): Point => [x * sx + to.left, y * sy + to.top];
  const out: Annotation[] = [];
  for (const a of annotations) {
    if (drop.has(a.class)) continue;
    const cls = remap[a.class] ?? a.class;
    if (a.box) {
      const [x0, y0] = move([a.box.x, a.box.y]);
      const [x1, y1] = move([a.box.x + a.box.width, a.box.y + a.box.height]);
      const [cx0, cy0, cx1, cy1] = [Math.max(0, x0), Math.max(0, y0), Math.min(to.width, x1), Math.min(to.height, y1)];
      if (cx1 - cx0 <= 0 || cy1 - cy0 <= 0) continue;
      out.push({ class: cls, box: { x: round(cx0), y: round(cy0), width: round(cx1 - cx0), height: round(cy1 - cy0) } });
    } else if (a.polygon) {
      const clipped = clipPolygon(a.polygon.map(move), to.width, to.height);
      if (clipped.length < 3 || polygonArea(clipped) === 0) continue;
      out.push({ class: cls, polygon: clipped.map(([x, y]) => [round(x), round(y)]) });
    } else out.push({ class: cls });
  }
  return out;
}

/** Shoelace area of a simple polygon. */
export function polygonArea(points: [number, number][]): number {
  let twice = 0;
  points.forEach(([x, y], i) => {
    const [nx, ny] = points[(i + 1) % points.length]!;
    twice += x * ny - nx * y;
  });
  return Math.abs(twice) / 2;
}

/** The axis-aligned box around a shape (a box is its own). */
export function boundsOf(a: Annotation): { x: number; y: number; width: number; height: number } | undefined {
  if (a.box) return a.box;
  if (!a.polygon) return undefined;
  const xs = a.polygon.map((p) => p[0]);
  const ys = a.polygon.map((p) => p[1]);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: round(Math.max(...xs) - x), height: round(Math.max(...ys) - y) };
}
