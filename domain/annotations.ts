// Annotation rules: classes come from the project, shapes lie inside the image.
export type ProjectType = 'object-detection' | 'instance-segmentation' | 'classification';
export const projectTypes: readonly ProjectType[] = ['object-detection', 'instance-segmentation', 'classification'];

export interface Box { x: number; y: number; width: number; height: number }
export interface Annotation { class: string; box?: Box; polygon?: [number, number][] }

export interface AnnotationProblem { path: string; message: string }

/**
 * An annotation as MongoDB holds it: a polygon flat (`[x1, y1, x2, y2, …]`), because FerretDB 1.x
 * refuses nested arrays. What was stored nested (on real MongoDB) reads back the same.
 */
export interface StoredAnnotation { class: string; box?: Box; polygon?: number[] | [number, number][] }

export const toStored = (annotations: Annotation[]): StoredAnnotation[] =>
  annotations.map((a) => (a.polygon ? { ...a, polygon: a.polygon.flat() } : a));

export function fromStored(stored: StoredAnnotation[]): Annotation[] {
  return stored.map((a) => {
    if (!a.polygon || Array.isArray(a.polygon[0])) return a as Annotation;
    const flat = a.polygon as number[];
    return { ...a, polygon: Array.from({ length: flat.length / 2 }, (_, i) => [flat[2 * i]!, flat[2 * i + 1]!] as [number, number]) };
  });
}

export function validateAnnotations(
  annotations: Annotation[],
  project: { type: ProjectType; classes: string[] },
  image: { width: number; height: number },
): AnnotationProblem[] {
  const problems: AnnotationProblem[] = [];
  const classes = new Set(project.classes);
  annotations.forEach((a, i) => {
    const at = `annotations.${i}`;
    if (!classes.has(a.class)) problems.push({ path: `${at}.class`, message: `"${a.class}" is not one of the project's classes` });
    problems.push(...geometryProblems(a, at, project.type, image));
  });
  return problems;
}

function geometryProblems(a: Annotation, at: string, type: ProjectType, image: { width: number; height: number }): AnnotationProblem[] {
  const inside = (x: number, y: number) => x >= 0 && y >= 0 && x <= image.width && y <= image.height;
  switch (type) {
    case 'classification':
      return a.box || a.polygon ? [{ path: at, message: 'classification annotations carry no geometry' }] : [];
    case 'object-detection': {
      if (!a.box) return [{ path: `${at}.box`, message: 'object detection needs a box' }];
      if (a.polygon) return [{ path: `${at}.polygon`, message: 'object detection takes a box, not a polygon' }];
      const { x, y, width, height } = a.box;
      if (width <= 0 || height <= 0) return [{ path: `${at}.box`, message: 'box width and height must be positive' }];
      return inside(x, y) && inside(x + width, y + height)
        ? []
        : [{ path: `${at}.box`, message: `box lies outside the ${image.width}x${image.height} image` }];
    }
    case 'instance-segmentation': {
      if (!a.polygon) return [{ path: `${at}.polygon`, message: 'instance segmentation needs a polygon' }];
      if (a.polygon.length < 3) return [{ path: `${at}.polygon`, message: 'a polygon needs at least 3 points' }];
      const outside = a.polygon.findIndex(([x, y]) => !inside(x, y));
      return outside === -1
        ? []
        : [{ path: `${at}.polygon.${outside}`, message: `point lies outside the ${image.width}x${image.height} image` }];
    }
  }
}
