// What counts as an acceptable image: formats we can label and limits against decompression bombs.
export const allowedFormats = ['jpeg', 'png', 'webp', 'gif', 'tiff', 'avif'] as const;
export const maxImageBytes = 50 * 1024 * 1024;
export const maxImagePixels = 100_000_000;
export const maxImageSide = 30_000;

export interface ImageRejection { code: 'not_an_image' | 'unsupported_format' | 'too_large' | 'too_many_pixels' | 'empty'; message: string }

export function checkImageMeta(meta: { format?: string; width?: number; height?: number }, bytes: number): ImageRejection | undefined {
  if (bytes === 0) return { code: 'empty', message: 'the file is empty' };
  if (bytes > maxImageBytes) return { code: 'too_large', message: `the file is larger than ${maxImageBytes} bytes` };
  if (!meta.format || !meta.width || !meta.height) return { code: 'not_an_image', message: 'the file is not an image' };
  if (!(allowedFormats as readonly string[]).includes(meta.format)) {
    return { code: 'unsupported_format', message: `${meta.format} is not one of ${allowedFormats.join(', ')}` };
  }
  if (meta.width > maxImageSide || meta.height > maxImageSide || meta.width * meta.height > maxImagePixels) {
    return { code: 'too_many_pixels', message: `${meta.width}x${meta.height} exceeds the ${maxImagePixels}-pixel limit` };
  }
  return undefined;
}

/** "Uploaded on 11/22/26 at 1:39 pm", in UTC: the default batch name for an upload. */
export function uploadBatchName(at: Date): string {
  const mm = at.getUTCMonth() + 1;
  const dd = at.getUTCDate();
  const yy = String(at.getUTCFullYear() % 100).padStart(2, '0');
  const h24 = at.getUTCHours();
  const h = h24 % 12 === 0 ? 12 : h24 % 12;
  const min = String(at.getUTCMinutes()).padStart(2, '0');
  return `Uploaded on ${mm}/${dd}/${yy} at ${h}:${min} ${h24 < 12 ? 'am' : 'pm'}`;
}
