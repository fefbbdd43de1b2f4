import { describe, expect, it } from 'vitest';
import { readAhead } from '../common/read-ahead';
import { validateAnnotations } from '../domain/annotations';
import { checkImageDimensions, checkImageFile, sniffImageFormat, uploadBatchName } from '../domain/images';
import { jobStatusOf } from '../domain/jobs';
import { roleAllows, roles } from '../domain/roles';

const image = { width: 100, height: 50 };

describe('annotation rules', () => {
  it('accepts a box that touches the image edges', () => {
    expect(validateAnnotations([{ class: 'cat', box: { x: 0, y: 0, width: 100, height: 50 } }], { type: 'object-detection', classes: ['cat'] }, image)).toEqual([]);
  });

  it('rejects a polygon outside the image, naming the point', () => {
    const problems = validateAnnotations(
      [{ class: 'cat', polygon: [[1, 1], [99, 1], [50, 51]] }],
      { type: 'instance-segmentation', classes: ['cat'] },
      image,
    );
    expect(problems).toEqual([{ path: 'annotations.0.polygon.2', message: 'point lies outside the 100x50 image' }]);
  });

  it('rejects geometry on a classification and a class the project lacks', () => {
    const problems = validateAnnotations([{ class: 'dog', box: { x: 0, y: 0, width: 1, height: 1 } }], { type: 'classification', classes: ['cat'] }, image);
    expect(problems.map((p) => p.path)).toEqual(['annotations.0.class', 'annotations.0']);
  });

  it('rejects a box of zero size', () => {
    expect(validateAnnotations([{ class: 'cat', box: { x: 1, y: 1, width: 0, height: 3 } }], { type: 'object-detection', classes: ['cat'] }, image)[0]?.message).toMatch(/positive/);
  });
});

describe('image checks', () => {
  it('refuses a decompression bomb by its pixel count', () => {
    expect(checkImageDimensions(20_000, 20_000)?.code).toBe('too_many_pixels');
    expect(checkImageDimensions(8_000, 8_000)?.code).toBe('too_many_pixels');
    expect(checkImageDimensions(8_000, 6_000)).toBeUndefined();
  });

  it('refuses formats we do not label', () => {
    expect(checkImageFile(1000, 'svg')?.code).toBe('unsupported_format');
    expect(checkImageFile(1000, undefined)?.code).toBe('not_an_image');
    expect(checkImageFile(0, 'png')?.code).toBe('empty');
  });

  it('decides the format by the bytes, not the name', () => {
    const bytes = (s: string) => Buffer.from(s, 'latin1');
    expect(sniffImageFormat(bytes('\xff\xd8\xff\xe0\0\x10JFIF'))).toBe('jpeg');
    expect(sniffImageFormat(bytes('\x89PNG\r\n\x1a\n\0\0\0\rIHDR'))).toBe('png');
    expect(sniffImageFormat(bytes('RIFF\0\0\0\0WEBPVP8 '))).toBe('webp');
    expect(sniffImageFormat(bytes('\0\0\0\x1cftypavif\0\0\0\0mif1'))).toBe('avif');
    expect(sniffImageFormat(bytes('\0\0\0\x18ftypheic\0\0\0\0mif1'))).toBe('heif');
    expect(sniffImageFormat(bytes('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe('svg');
    expect(sniffImageFormat(bytes('just some text'))).toBeUndefined();
  });

  it('names an upload batch as Roboflow does', () => {
    expect(uploadBatchName(new Date(Date.UTC(2026, 10, 22, 13, 39)))).toBe('Uploaded on 11/22/26 at 1:39 pm');
    expect(uploadBatchName(new Date(Date.UTC(2026, 0, 2, 0, 5)))).toBe('Uploaded on 1/2/26 at 12:05 am');
  });
});

describe('job status', () => {
  it('is assigned while the labeler has work, review when only review is left, complete when all are in the dataset', () => {
    expect(jobStatusOf({ numImages: 3, unannotated: 1, annotated: 2, approved: 0, rejected: 0, inDataset: 0 })).toBe('assigned');
    expect(jobStatusOf({ numImages: 3, unannotated: 0, annotated: 1, approved: 1, rejected: 1, inDataset: 1 })).toBe('assigned');
    expect(jobStatusOf({ numImages: 3, unannotated: 0, annotated: 2, approved: 1, rejected: 0, inDataset: 1 })).toBe('review');
    expect(jobStatusOf({ numImages: 3, unannotated: 0, annotated: 0, approved: 3, rejected: 0, inDataset: 3 })).toBe('complete');
  });
});

describe('roles', () => {
  it('lets only owners and admins manage members', () => {
    expect(roles.filter((r) => roleAllows(r, 'members.manage'))).toEqual(['owner', 'admin']);
  });

  it('keeps labelers and reviewers to their own work', () => {
    expect(roleAllows('labeler', 'review.work')).toBe(false);
    expect(roleAllows('reviewer', 'labeling.work')).toBe(false);
    expect(roleAllows('labeler', 'jobs.manage')).toBe(false);
  });
});

describe('read ahead', () => {
  it('yields every read in order, starting the next one while the caller holds the one before, and never two ahead', async () => {
    const started: number[] = [];
    const seen: [number, number[]][] = [];
    for await (const n of readAhead(3, async (k) => { started.push(k); return k; })) seen.push([n, [...started]]);
    expect(seen).toEqual([[0, [0, 1]], [1, [0, 1, 2]], [2, [0, 1, 2]]]);
    const none: number[] = [];
    for await (const n of readAhead(0, async (k) => k)) none.push(n);
    expect(none).toEqual([]);
  });
});
