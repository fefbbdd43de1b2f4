// The export formats, written by hand as their loaders read them: COCO (pycocotools, Roboflow's
// `_annotations.coco.json` per split), YOLO detection and segmentation (Ultralytics layout with
// `data.yaml`), Pascal VOC XML beside each image, and a folder per class for classification.
import type { Annotation, ProjectType } from './annotations';
import { boundsOf, polygonArea, type Split } from './preprocessing';

export const exportFormats = ['coco', 'yolo', 'yolo-seg', 'voc', 'folders'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** Why a format does not fit a project (undefined when it does). */
export function formatProblem(format: ExportFormat, type: ProjectType, images: boolean): string | undefined {
  if (type === 'classification' && format !== 'folders') return 'a classification project exports as `folders` (a folder per class)';
  if (type !== 'classification' && format === 'folders') return '`folders` is for classification projects';
  if (format === 'folders' && !images) return '`folders` holds images: it cannot be labels only';
  return undefined;
}

/** One image of a version as an export writes it: its file name, split, output size and shapes. */
export interface ExportItem { file: string; split: Split; width: number; height: number; shapes: Annotation[] }

const extensions: Record<string, string> = { jpeg: 'jpg', png: 'png', webp: 'webp', gif: 'gif', tiff: 'tiff', avif: 'avif' };
export const extensionOf = (format: string) => extensions[format] ?? 'bin';

/**
 * `<stem>_<imageId>.<ext>`: unique in the version, readable, and stable across an export → import →
 * export round trip (a stem that already ends in an image id loses it first).
 */
export function exportFileName(name: string, imageId: string, format: string): string {
  const stem = name.replace(/\.[^.]*$/, '').replace(/_[0-9a-f]{24}$/, '').replace(/[^\w.-]+/g, '_').slice(0, 80) || 'image';
  return `${stem}_${imageId}.${extensionOf(format)}`;
}

const fixed = (v: number) => Number(v.toFixed(6)).toString();

// COCO: categories are 1-based (the COCO convention, and what pycocotools and supervision expect), as
// are image and annotation ids (COCOeval treats an annotation id of 0 as "no match").
export function cocoHead(classes: string[]): string {
  const categories = classes.map((name, i) => ({ id: i + 1, name, supercategory: 'none' }));
  return `{"info":{"description":"Exported from Tessera"},"licenses":[],"categories":${JSON.stringify(categories)},"images":[`;
}
export const cocoMiddle = '],"annotations":[';
export const cocoTail = ']}';

export function cocoImage(id: number, item: ExportItem): string {
  return JSON.stringify({ id, file_name: item.file, width: item.width, height: item.height });
}

/** The item's annotations (classification labels have no COCO geometry and are left out). */
export function cocoAnnotations(firstId: number, imageId: number, item: ExportItem, classes: string[]): string[] {
  const out: string[] = [];
  for (const a of item.shapes) {
    const bounds = boundsOf(a);
    const category = classes.indexOf(a.class);
    if (!bounds || category < 0) continue;
    out.push(JSON.stringify({
      id: firstId + out.length,
      image_id: imageId,
      category_id: category + 1,
      bbox: [bounds.x, bounds.y, bounds.width, bounds.height],
      area: a.polygon ? Number(polygonArea(a.polygon).toFixed(3)) : Number((bounds.width * bounds.height).toFixed(3)),
      segmentation: a.polygon ? [a.polygon.flat()] : [],
      iscrowd: 0,
    }));
  }
  return out;
}

/**
 * One YOLO label file: `class cx cy w h` per shape (detection), or `class x1 y1 x2 y2 …` (segmentation,
 * a box written as its four corners), every coordinate normalized to the image.
 */
export function yoloLabel(item: ExportItem, classes: string[], segmentation: boolean): string {
  const lines: string[] = [];
  for (const a of item.shapes) {
    const bounds = boundsOf(a);
    const category = classes.indexOf(a.class);
    if (!bounds || category < 0) continue;
    const nx = (x: number) => fixed(x / item.width);
    const ny = (y: number) => fixed(y / item.height);
    if (!segmentation) {
      lines.push([category, nx(bounds.x + bounds.width / 2), ny(bounds.y + bounds.height / 2), nx(bounds.width), ny(bounds.height)].join(' '));
      continue;
    }
    const { x, y, width, height } = bounds;
    const points = a.polygon ?? [[x, y], [x + width, y], [x + width, y + height], [x, y + height]];
    lines.push([category, ...points.flatMap(([px, py]) => [nx(px), ny(py)])].join(' '));
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/** Ultralytics' dataset file: paths relative to it, one per split present, and the class names in index order. */
export function dataYaml(classes: string[], present: Split[]): string {
  const key: Record<Split, string> = { train: 'train', valid: 'val', test: 'test' };
  const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;
  return [
    ...present.map((s) => `${key[s]}: ${s}/images`),
    '',
    `nc: ${classes.length}`,
    `names: [${classes.map(quote).join(', ')}]`,
    '',
  ].join('\n');
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Pascal VOC: 1-based inclusive pixel indices (xmin = x + 1, xmax = x + width), polygons as `<polygon>`. */
export function vocXml(item: ExportItem, split: string): string {
  const objects = item.shapes.flatMap((a) => {
    const b = boundsOf(a);
    if (!b) return [];
    const xmin = Math.round(b.x + 1);
    const ymin = Math.round(b.y + 1);
    const polygon = a.polygon
      ? `\n\t\t<polygon>${a.polygon.map(([x, y], i) => `<x${i + 1}>${fixed(x + 1)}</x${i + 1}><y${i + 1}>${fixed(y + 1)}</y${i + 1}>`).join('')}</polygon>`
      : '';
    return [
      `\t<object>\n\t\t<name>${xml(a.class)}</name>\n\t\t<pose>Unspecified</pose>\n\t\t<truncated>0</truncated>\n\t\t<difficult>0</difficult>\n\t\t<occluded>0</occluded>\n` +
      `\t\t<bndbox>\n\t\t\t<xmin>${xmin}</xmin>\n\t\t\t<xmax>${Math.max(xmin, Math.round(b.x + b.width))}</xmax>\n` +
      `\t\t\t<ymin>${ymin}</ymin>\n\t\t\t<ymax>${Math.max(ymin, Math.round(b.y + b.height))}</ymax>\n\t\t</bndbox>${polygon}\n\t</object>\n`,
    ];
  });
  return `<annotation>\n\t<folder>${xml(split)}</folder>\n\t<filename>${xml(item.file)}</filename>\n` +
    `\t<size>\n\t\t<width>${item.width}</width>\n\t\t<height>${item.height}</height>\n\t\t<depth>3</depth>\n\t</size>\n` +
    `\t<segmented>0</segmented>\n${objects.join('')}</annotation>\n`;
}

/** A path inside the zip: a class name cannot climb out of its folder. */
export const safeSegment = (s: string) => s.replace(/[/\\]/g, '_').replace(/^\.+$/, '_');
