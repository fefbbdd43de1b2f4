// Pure rules of versions and exports: preprocessing geometry, class remaps, formats, stored polygons.
import { describe, expect, it } from 'vitest';
import { fromStored, toStored } from '../domain/annotations';
import { dataYaml, exportFileName, formatProblem, vocXml, yoloLabel } from '../domain/export-formats';
import { placementOf, versionClasses, versionShapes } from '../domain/preprocessing';

describe('preprocessing', () => {
  it('places an image for every fit mode, and moves shapes with it', () => {
    expect(placementOf(200, 100, { width: 100, height: 100, fit: 'stretch' })).toEqual({ width: 100, height: 100, scaledWidth: 100, scaledHeight: 100, left: 0, top: 0 });
    expect(placementOf(200, 100, { width: 100, height: 100, fit: 'fit' })).toEqual({ width: 100, height: 50, scaledWidth: 100, scaledHeight: 50, left: 0, top: 0 });
    expect(placementOf(200, 100, { width: 100, height: 100, fit: 'fit-black' })).toEqual({ width: 100, height: 100, scaledWidth: 100, scaledHeight: 50, left: 0, top: 25 });
    expect(placementOf(200, 100, { width: 100, height: 100, fit: 'fill' })).toEqual({ width: 100, height: 100, scaledWidth: 200, scaledHeight: 100, left: -50, top: 0 });
    const letterbox = placementOf(200, 100, { width: 100, height: 100, fit: 'fit-white' });
    expect(versionShapes([{ class: 'cat', box: { x: 20, y: 10, width: 40, height: 20 } }], {}, { width: 200, height: 100 }, letterbox))
      .toEqual([{ class: 'cat', box: { x: 10, y: 30, width: 20, height: 10 } }]);
  });

  it('cuts shapes to a centre crop and drops what the crop leaves nothing of', () => {
    const crop = placementOf(200, 100, { width: 100, height: 100, fit: 'fill' }); // keeps x 50…150
    const shapes = versionShapes([
      { class: 'cat', box: { x: 40, y: 0, width: 20, height: 10 } },
      { class: 'dog', box: { x: 0, y: 0, width: 10, height: 10 } },
      { class: 'cat', polygon: [[40, 0], [60, 0], [60, 10], [40, 10]] },
    ], {}, { width: 200, height: 100 }, crop);
    expect(shapes).toEqual([
      { class: 'cat', box: { x: 0, y: 0, width: 10, height: 10 } },
      { class: 'cat', polygon: [[0, 0], [10, 0], [10, 10], [0, 10]] },
    ]);
  });

  it('drops and remaps classes, merging remapped ones', () => {
    const prep = { classes: { drop: ['bird'], remap: { dog: 'animal', cow: 'animal' } } };
    expect(versionClasses(['cat', 'dog', 'bird', 'cow'], prep)).toEqual(['cat', 'animal']);
    expect(versionShapes([{ class: 'bird' }, { class: 'cow' }], prep, { width: 1, height: 1 }, placementOf(1, 1, undefined))).toEqual([{ class: 'animal' }]);
  });
});

describe('formats', () => {
  const item = { file: 'a_0123456789abcdef01234567.png', split: 'train' as const, width: 100, height: 50, shapes: [
    { class: 'dog', box: { x: 10, y: 5, width: 20, height: 10 } },
    { class: 'cat', polygon: [[0, 0], [50, 0], [50, 50]] as [number, number][] },
  ] };

  it('writes YOLO detection and segmentation lines normalized to the image', () => {
    expect(yoloLabel(item, ['cat', 'dog'], false)).toBe('1 0.2 0.2 0.2 0.2\n0 0.25 0.5 0.5 1\n');
    expect(yoloLabel(item, ['cat', 'dog'], true)).toBe('1 0.1 0.1 0.3 0.1 0.3 0.3 0.1 0.3\n0 0 0 0.5 0 0.5 1\n');
    expect(dataYaml(['cat', "o'neil"], ['train', 'valid'])).toBe("train: train/images\nval: valid/images\n\nnc: 2\nnames: ['cat', 'o''neil']\n");
  });

  it('writes Pascal VOC boxes 1-based and escapes names', () => {
    const xml = vocXml({ ...item, shapes: [{ class: 'a<b', box: { x: 10, y: 5, width: 20, height: 10 } }] }, 'train');
    expect(xml).toContain('<name>a&lt;b</name>');
    expect(xml).toMatch(/<xmin>11<\/xmin>\s*<xmax>30<\/xmax>\s*<ymin>6<\/ymin>\s*<ymax>15<\/ymax>/);
  });

  it('names files uniquely and stably across a round trip, and refuses formats that do not fit the project', () => {
    expect(exportFileName('cat photo.JPG', '0123456789abcdef01234567', 'jpeg')).toBe('cat_photo_0123456789abcdef01234567.jpg');
    expect(exportFileName('cat_photo_0123456789abcdef01234567.jpg', 'fedcba9876543210fedcba98', 'png')).toBe('cat_photo_fedcba9876543210fedcba98.png');
    expect(formatProblem('coco', 'classification', true)).toBeDefined();
    expect(formatProblem('folders', 'object-detection', true)).toBeDefined();
    expect(formatProblem('folders', 'classification', false)).toBeDefined();
    expect(formatProblem('yolo-seg', 'instance-segmentation', false)).toBeUndefined();
  });
});

describe('stored annotations', () => {
  it('keeps polygons flat for the store and reads flat or nested ones back as points', () => {
    const shapes = [{ class: 'cat', polygon: [[1, 2], [3, 4], [5, 6]] as [number, number][] }, { class: 'dog', box: { x: 1, y: 1, width: 2, height: 2 } }];
    expect(toStored(shapes)[0]!.polygon).toEqual([1, 2, 3, 4, 5, 6]);
    expect(fromStored(toStored(shapes))).toEqual(shapes);
    expect(fromStored(shapes)).toEqual(shapes);
  });
});
