// The annotation files Roboflow's `save_annotation` sends (`{annotationFile, labelmap}`, the file's name
// in `?name=`), read into Tessera's annotations: YOLO `.txt` (boxes, or polygons for segmentation, with
// the labelmap), Pascal VOC `.xml`, COCO `.json`, and a bare class name for classification projects.
// Coordinates become pixels and are clamped to the image, so rounding in a normalized file is no error.
import type { Annotation, Box, ProjectType } from './annotations';

export interface AnnotationTarget { type: ProjectType; image: { name: string; width: number; height: number } }
export type ParsedAnnotations = { annotations: Annotation[] } | { problem: string };

/** `labelmap` as the package sends it: `{"0": "cat"}` (from its loader) or a list of names. */
export type Labelmap = Record<string, string> | string[] | null | undefined;

export const annotationFormats = ['YOLO .txt (with labelmap)', 'Pascal VOC .xml', 'COCO .json', 'a class name (classification)'];

export function parseRoboflowAnnotation(fileName: string, text: string, labelmap: Labelmap, target: AnnotationTarget): ParsedAnnotations {
  const ext = /\.([a-z]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  try {
    if (ext === 'txt') return fitShapes(yoloShapes(text, labelmap, target.image), target);
    if (ext === 'xml') return fitShapes(voc(text), target);
    if (ext === 'json') return fitShapes(coco(text, target), target);
  } catch (err) {
    return { problem: (err as Error).message };
  }
  if (target.type === 'classification' && text.trim() !== '') return { annotations: [{ class: text.trim() }] };
  return { problem: `${fileName} is not a format Tessera reads (${annotationFormats.join(', ')})` };
}

/** A shape read from a file, before it is fitted to the project's type. */
export interface Shape { class: string; box?: Box; polygon?: [number, number][] }

function clamp(v: number, max: number) {
  return Math.min(Math.max(v, 0), max);
}

/** Fits each shape to the project: a box from a polygon for detection, a box's corners for segmentation. */
export function fitShapes(shapes: Shape[], { type, image }: AnnotationTarget): ParsedAnnotations {
  const point = ([x, y]: [number, number]): [number, number] => [clamp(x, image.width), clamp(y, image.height)];
  const annotations = shapes.map((s): Annotation => {
    if (type === 'classification') return { class: s.class };
    const polygon = s.polygon?.map(point);
    const box = s.box ?? (polygon ? boundingBox(polygon) : undefined);
    if (type === 'object-detection') {
      if (!box) throw new Error(`an annotation of ${s.class} has no box`);
      const [x0, y0] = point([box.x, box.y]);
      const [x1, y1] = point([box.x + box.width, box.y + box.height]);
      return { class: s.class, box: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } };
    }
    if (polygon) return { class: s.class, polygon };
    if (!box) throw new Error(`an annotation of ${s.class} has no shape`);
    return { class: s.class, polygon: [[box.x, box.y], [box.x + box.width, box.y], [box.x + box.width, box.y + box.height], [box.x, box.y + box.height]].map((p) => point(p as [number, number])) };
  });
  return { annotations };
}

function boundingBox(points: [number, number][]): Box {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}

function numbers(words: string[], where: string): number[] {
  return words.map((w) => {
    const n = Number(w);
    if (!Number.isFinite(n)) throw new Error(`${where}: "${w}" is not a number`);
    return n;
  });
}

/** A YOLO label file's shapes in pixels of `image` (boxes, or polygons for segmentation). */
export function yoloShapes(text: string, labelmap: Labelmap, image: { width: number; height: number }): Shape[] {
  return text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).map((line, i) => {
    const [cls, ...rest] = line.split(/\s+/);
    const name = Array.isArray(labelmap) ? labelmap[Number(cls)] : labelmap?.[cls!];
    if (name === undefined) throw new Error(`line ${i + 1}: class ${cls} is not in the labelmap (send one with the annotation)`);
    const v = numbers(rest, `line ${i + 1}`);
    if (v.length === 4) {
      const [cx, cy, w, h] = v as [number, number, number, number];
      return { class: name, box: { x: (cx - w / 2) * image.width, y: (cy - h / 2) * image.height, width: w * image.width, height: h * image.height } };
    }
    if (v.length >= 6 && v.length % 2 === 0) {
      const polygon: [number, number][] = [];
      for (let k = 0; k < v.length; k += 2) polygon.push([v[k]! * image.width, v[k + 1]! * image.height]);
      return { class: name, polygon };
    }
    throw new Error(`line ${i + 1}: expected "class cx cy w h" or "class x1 y1 x2 y2 x3 y3 …"`);
  });
}

const tag = (xml: string, name: string) => new RegExp(`<${name}>\\s*([^<]*?)\\s*</${name}>`).exec(xml)?.[1];

function voc(text: string): Shape[] {
  return [...text.matchAll(/<object>([\s\S]*?)<\/object>/g)].map(([, obj], i) => {
    const name = tag(obj!, 'name');
    const bndbox = /<bndbox>([\s\S]*?)<\/bndbox>/.exec(obj!)?.[1];
    if (!name || !bndbox) throw new Error(`object ${i + 1}: needs <name> and <bndbox>`);
    const [xmin, ymin, xmax, ymax] = numbers(['xmin', 'ymin', 'xmax', 'ymax'].map((t) => tag(bndbox, t) ?? ''), `object ${i + 1}`) as [number, number, number, number];
    return { class: name, box: { x: xmin, y: ymin, width: xmax - xmin, height: ymax - ymin } };
  });
}

export type CocoAnnotation = { image_id: number | string; category_id: number | string; bbox?: number[]; segmentation?: number[][] | unknown };
export interface Coco {
  images?: { id: number | string; file_name?: string }[];
  annotations?: CocoAnnotation[];
  categories?: { id: number | string; name: string }[];
}

/** The annotations of the image named like ours, or of the file's only image. */
function coco(text: string, { image }: AnnotationTarget): Shape[] {
  const doc = JSON.parse(text) as Coco;
  const images = doc.images ?? [];
  const entry = images.find((im) => im.file_name === image.name || im.file_name?.split('/').pop() === image.name) ?? (images.length === 1 ? images[0] : undefined);
  if (!entry) throw new Error(`the COCO file has no image named ${image.name}`);
  const categories = new Map((doc.categories ?? []).map((c) => [String(c.id), c.name]));
  return (doc.annotations ?? []).filter((a) => String(a.image_id) === String(entry.id)).map((a, i) => cocoShape(a, categories, `annotation ${i + 1}`));
}

/** One COCO annotation as a shape: its category's name, its bbox and its first polygon ring. */
export function cocoShape(a: CocoAnnotation, categories: Map<string, string>, where: string): Shape {
  const name = categories.get(String(a.category_id));
  if (name === undefined) throw new Error(`${where}: category ${a.category_id} is not among the categories`);
  const ring = Array.isArray(a.segmentation) && Array.isArray(a.segmentation[0]) ? (a.segmentation[0] as number[]) : undefined;
  const polygon = ring && ring.length >= 6 ? Array.from({ length: ring.length / 2 }, (_, k) => [ring[2 * k]!, ring[2 * k + 1]!] as [number, number]) : undefined;
  const box = Array.isArray(a.bbox) && a.bbox.length === 4 ? { x: a.bbox[0]!, y: a.bbox[1]!, width: a.bbox[2]!, height: a.bbox[3]! } : undefined;
  if (!box && !polygon) throw new Error(`${where}: needs a bbox or a segmentation`);
  return { class: name, box, polygon };
}
