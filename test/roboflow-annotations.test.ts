// Reading the annotation files Roboflow's `save_annotation` sends into Tessera's annotations.
import { describe, expect, it } from 'vitest';
import { parseRoboflowAnnotation } from '../domain/roboflow-annotations';

const image = { name: 'bird.png', width: 200, height: 100 };
const detection = { type: 'object-detection' as const, image };
const segmentation = { type: 'instance-segmentation' as const, image };

describe('Roboflow annotation files', () => {
  it('reads YOLO boxes in pixels through the labelmap, as the package sends it or as a list', () => {
    expect(parseRoboflowAnnotation('a.txt', '0 0.5 0.5 0.2 0.4\n1 0.1 0.1 0.2 0.2\n', { 0: 'cat', 1: 'dog' }, detection)).toEqual({
      annotations: [
        { class: 'cat', box: { x: 80, y: 30, width: 40, height: 40 } },
        // Rounding past the edge is clamped to the image.
        { class: 'dog', box: { x: 0, y: 0, width: 40, height: 20 } },
      ],
    });
    expect(parseRoboflowAnnotation('a.txt', '1 0.5 0.5 0.1 0.1', ['cat', 'dog'], detection)).toMatchObject({ annotations: [{ class: 'dog' }] });
  });

  it('reads YOLO polygons for segmentation, and a box as its four corners', () => {
    expect(parseRoboflowAnnotation('a.txt', '0 0 0 1 0 1 1', { 0: 'cat' }, segmentation)).toEqual({ annotations: [{ class: 'cat', polygon: [[0, 0], [200, 0], [200, 100]] }] });
    expect(parseRoboflowAnnotation('a.txt', '0 0.5 0.5 0.5 0.5', { 0: 'cat' }, segmentation)).toEqual({
      annotations: [{ class: 'cat', polygon: [[50, 25], [150, 25], [150, 75], [50, 75]] }],
    });
  });

  it('reads Pascal VOC objects', () => {
    const xml = '<annotation><object><name>dog</name><bndbox><xmin>10</xmin><ymin>8</ymin><xmax>50</xmax><ymax>40</ymax></bndbox></object></annotation>';
    expect(parseRoboflowAnnotation('a.xml', xml, null, detection)).toEqual({ annotations: [{ class: 'dog', box: { x: 10, y: 8, width: 40, height: 32 } }] });
  });

  it('reads the COCO annotations of the image named like ours, box for detection and polygon for segmentation', () => {
    const coco = JSON.stringify({
      images: [{ id: 1, file_name: 'other.png' }, { id: 2, file_name: 'dir/bird.png' }],
      categories: [{ id: 7, name: 'cat' }],
      annotations: [
        { image_id: 1, category_id: 7, bbox: [0, 0, 1, 1] },
        { image_id: 2, category_id: 7, bbox: [10, 10, 20, 20], segmentation: [[10, 10, 30, 10, 30, 30]] },
      ],
    });
    expect(parseRoboflowAnnotation('a.json', coco, null, detection)).toEqual({ annotations: [{ class: 'cat', box: { x: 10, y: 10, width: 20, height: 20 } }] });
    expect(parseRoboflowAnnotation('a.json', coco, null, segmentation)).toEqual({ annotations: [{ class: 'cat', polygon: [[10, 10], [30, 10], [30, 30]] }] });
  });

  it('takes a bare class name for classification', () => {
    expect(parseRoboflowAnnotation('cat', 'cat', null, { type: 'classification', image })).toEqual({ annotations: [{ class: 'cat' }] });
  });

  it('names what is wrong: a class missing from the labelmap, a malformed line, an unknown format, bad JSON', () => {
    expect(parseRoboflowAnnotation('a.txt', '3 0.5 0.5 0.1 0.1', { 0: 'cat' }, detection)).toEqual({ problem: expect.stringContaining('class 3 is not in the labelmap') });
    expect(parseRoboflowAnnotation('a.txt', '0 0.5 x 0.1 0.1', { 0: 'cat' }, detection)).toEqual({ problem: expect.stringContaining('"x" is not a number') });
    expect(parseRoboflowAnnotation('a.csv', 'x', null, detection)).toEqual({ problem: expect.stringContaining('not a format Tessera reads') });
    expect(parseRoboflowAnnotation('a.json', '{', null, detection)).toHaveProperty('problem');
  });
});
