// Reading a labeled dataset's archive into a plan of what to import: which images, in which split, with
// which annotations. Pure, so the activity that unpacks the archive and the tests agree on it. The
// layouts are those Tessera exports (and Roboflow, Ultralytics and pycocotools use): COCO `.json` files
// (one per split, `file_name` relative to the file), and YOLO's `data.yaml` with `<split>/images` beside
// `<split>/labels`. Every problem is collected, each naming its file, so one answer lists them all.
import { parse as parseYaml } from 'yaml';
import { validateAnnotations, type Annotation, type ProjectType } from './annotations';
import type { Split } from './preprocessing';
import { cocoShape, fitShapes, yoloShapes, type Coco, type Shape } from './roboflow-annotations';

export const importFormats = ['coco', 'yolo'] as const;
export type ImportFormat = (typeof importFormats)[number];

export interface ImportProblem { file: string; message: string }
/** One image of the archive to import, by its path in the archive. */
export interface ImportItem { path: string; split: Split; annotations: Annotation[] }
export interface ImportPlan { items: ImportItem[]; classes: string[]; problems: ImportProblem[] }

/** What the archive holds: its small text files, and the size of each image it could read. */
export interface ArchiveContents {
  texts: Map<string, string>;
  images: Map<string, { width: number; height: number }>;
}

const imageExtensions = new Set(['jpg', 'jpeg', 'png', 'webp', 'gif', 'tif', 'tiff', 'avif', 'heic', 'heif', 'bmp']);
const extensionOf = (file: string) => /\.([^./]+)$/.exec(file)?.[1]?.toLowerCase() ?? '';
export const isImagePath = (file: string) => imageExtensions.has(extensionOf(file));
/** Text files a plan reads: annotations and dataset descriptions, never images. */
export const isAnnotationPath = (file: string) => ['json', 'txt', 'yaml', 'yml'].includes(extensionOf(file));

/** How many problems an answer lists: enough to fix a bad archive, not a page of thousands. */
export const maxProblemsListed = 50;

/** The split a path lies in: its first folder named like one (`val` is `valid`), else train. */
export function splitOfPath(file: string): Split {
  for (const segment of file.split('/').slice(0, -1)) {
    const s = segment.toLowerCase();
    if (s === 'train' || s === 'test') return s;
    if (s === 'valid' || s === 'val' || s === 'validation') return 'valid';
  }
  return 'train';
}

const dirOf = (file: string) => (file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '');
const baseOf = (file: string) => file.slice(file.lastIndexOf('/') + 1);

export function planImport(format: ImportFormat, type: ProjectType, projectClasses: string[], archive: ArchiveContents): ImportPlan {
  if (type === 'classification') {
    return { items: [], classes: [], problems: [{ file: 'format', message: `${format} holds no classification labels; a classification project cannot import it` }] };
  }
  const read = format === 'coco' ? readCoco(archive) : readYolo(archive);
  const classes = [...projectClasses, ...read.classes.filter((c) => !projectClasses.includes(c))];
  const problems = [...read.problems];
  const items: ImportItem[] = [];
  for (const found of read.found) {
    const size = archive.images.get(found.path)!;
    try {
      const fitted = fitShapes(found.shapes, { type, image: { name: baseOf(found.path), ...size } });
      if ('problem' in fitted) throw new Error(fitted.problem);
      const invalid = validateAnnotations(fitted.annotations, { type, classes }, size);
      for (const p of invalid) problems.push({ file: found.source, message: `${baseOf(found.path)}: ${p.path}: ${p.message}` });
      items.push({ path: found.path, split: splitOfPath(found.path), annotations: fitted.annotations });
    } catch (err) {
      problems.push({ file: found.source, message: `${baseOf(found.path)}: ${(err as Error).message}` });
    }
  }
  if (problems.length === 0 && items.length === 0) problems.push({ file: 'file', message: `the archive holds no images a ${format} dataset names` });
  return { items, classes, problems };
}

/** An image found with its shapes, and the file that described them (for naming problems). */
interface Found { path: string; source: string; shapes: Shape[] }
interface Read { found: Found[]; classes: string[]; problems: ImportProblem[] }

function readCoco({ texts, images }: ArchiveContents): Read {
  const jsons = [...texts.keys()].filter((f) => extensionOf(f) === 'json').sort();
  if (jsons.length === 0) return { found: [], classes: [], problems: [{ file: 'file', message: 'the archive holds no COCO .json file' }] };
  const byBase = new Map<string, string[]>();
  for (const path of images.keys()) byBase.set(baseOf(path), [...(byBase.get(baseOf(path)) ?? []), path]);
  const read: Read = { found: [], classes: [], problems: [] };
  const claimed = new Set<string>();
  for (const source of jsons) {
    let doc: Coco;
    try {
      doc = JSON.parse(texts.get(source)!) as Coco;
    } catch (err) {
      read.problems.push({ file: source, message: `not JSON: ${(err as Error).message}` });
      continue;
    }
    if (!Array.isArray(doc.images) || !Array.isArray(doc.annotations) || !Array.isArray(doc.categories)) {
      read.problems.push({ file: source, message: 'a COCO file needs `images`, `annotations` and `categories` arrays' });
      continue;
    }
    const categories = new Map(doc.categories.map((c) => [String(c.id), String(c.name)]));
    for (const name of categories.values()) if (!read.classes.includes(name)) read.classes.push(name);
    const shapesOf = new Map<string, Shape[]>();
    doc.annotations.forEach((a, i) => {
      try {
        const shape = cocoShape(a, categories, `annotation ${(a as { id?: unknown }).id ?? i + 1}`);
        shapesOf.set(String(a.image_id), [...(shapesOf.get(String(a.image_id)) ?? []), shape]);
      } catch (err) {
        read.problems.push({ file: source, message: (err as Error).message });
      }
    });
    for (const entry of doc.images) {
      const name = String(entry.file_name ?? '');
      const path = [dirOf(source) + name, name].find((p) => images.has(p)) ?? (byBase.get(baseOf(name))?.length === 1 ? byBase.get(baseOf(name))![0] : undefined);
      if (!path) {
        read.problems.push({ file: source, message: `image ${name || `id ${entry.id}`} is not in the archive (or is not an image it could read)` });
        continue;
      }
      if (claimed.has(path)) {
        read.problems.push({ file: source, message: `image ${name} is listed twice` });
        continue;
      }
      claimed.add(path);
      read.found.push({ path, source, shapes: shapesOf.get(String(entry.id)) ?? [] });
    }
  }
  return read;
}

/** Ultralytics' class names: a list, or a map of index to name. */
function yoloNames(yaml: unknown): string[] | undefined {
  const names = (yaml as { names?: unknown } | null)?.names;
  if (Array.isArray(names) && names.every((n) => typeof n === 'string' || typeof n === 'number')) return names.map(String);
  if (names && typeof names === 'object') {
    const entries = Object.entries(names as Record<string, unknown>);
    if (entries.every(([k, v]) => /^\d+$/.test(k) && (typeof v === 'string' || typeof v === 'number'))) {
      const list: string[] = [];
      for (const [k, v] of entries) list[Number(k)] = String(v);
      if (list.every((n) => n !== undefined)) return list;
    }
  }
  return undefined;
}

/** `…/images/x.jpg` is labeled by `…/labels/x.txt`. */
const labelPathOf = (image: string) => {
  const at = image.lastIndexOf('images/');
  const start = at === 0 || image[at - 1] === '/' ? at : -1;
  return start < 0 ? undefined : `${image.slice(0, start)}labels/${image.slice(start + 'images/'.length).replace(/\.[^./]+$/, '')}.txt`;
};

function readYolo({ texts, images }: ArchiveContents): Read {
  const yamls = [...texts.keys()].filter((f) => ['yaml', 'yml'].includes(extensionOf(f))).sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
  const source = yamls.find((f) => baseOf(f) === 'data.yaml') ?? yamls[0];
  if (!source) return { found: [], classes: [], problems: [{ file: 'data.yaml', message: 'missing: a YOLO dataset names its classes in data.yaml' }] };
  let names: string[] | undefined;
  try {
    names = yoloNames(parseYaml(texts.get(source)!));
  } catch (err) {
    return { found: [], classes: [], problems: [{ file: source, message: `not YAML: ${(err as Error).message}` }] };
  }
  if (!names) return { found: [], classes: [], problems: [{ file: source, message: '`names` must list the class names (or map each index to one)' }] };
  const read: Read = { found: [], classes: names, problems: [] };
  const labeled = new Set<string>();
  for (const path of [...images.keys()].sort()) {
    const labelPath = labelPathOf(path);
    if (!labelPath) continue; // not in an images/ folder: not part of the dataset
    labeled.add(labelPath);
    const text = texts.get(labelPath);
    try {
      // No label file: an image with nothing in it (YOLO's background image).
      read.found.push({ path, source: text === undefined ? path : labelPath, shapes: text === undefined ? [] : yoloShapes(text, names, images.get(path)!) });
    } catch (err) {
      read.problems.push({ file: labelPath, message: (err as Error).message });
    }
  }
  for (const file of texts.keys()) {
    if (extensionOf(file) === 'txt' && /(^|\/)labels\//.test(file) && !labeled.has(file)) {
      read.problems.push({ file, message: 'labels an image the archive does not hold (or holds but could not read)' });
    }
  }
  return read;
}
