// What counts as an acceptable image: formats we can label, decided by the bytes, and limits against
// decompression bombs.
export const allowedFormats = ['jpeg', 'png', 'webp', 'gif', 'tiff', 'avif'] as const;
export type ImageFormat = (typeof allowedFormats)[number];

export const contentTypes: Record<ImageFormat, string> = {
  jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif', tiff: 'image/tiff', avif: 'image/avif',
};

export const maxImageBytes = 50 * 1024 * 1024;
export const maxFilesPerUpload = 100;
/** 50 MP (a 48 MP phone photo fits): beyond it one decoded image takes hundreds of megabytes. */
export const maxImagePixels = 50_000_000;
export const maxImageSide = 30_000;
/** Longest side of the WebP derivatives made after an upload is recorded. */
export const thumbnailSize = 256;
export const previewSize = 1280;

export type ImageRejectionCode = 'not_an_image' | 'unsupported_format' | 'too_large' | 'too_many_pixels' | 'empty' | 'corrupt';
export interface ImageRejection { code: ImageRejectionCode; message: string }

const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));

/** ISO-BMFF brands (`ftyp` box): AVIF, or another HEIF. */
function heifFamily(bytes: Uint8Array): string | undefined {
  if (ascii(bytes, 4, 8) !== 'ftyp') return undefined;
  const boxEnd = Math.min(bytes.length, ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0);
  const brands = [ascii(bytes, 8, 12)];
  for (let at = 16; at + 4 <= boxEnd; at += 4) brands.push(ascii(bytes, at, at + 4));
  if (brands.includes('avif') || brands.includes('avis')) return 'avif';
  return brands.some((b) => ['heic', 'heix', 'hevc', 'mif1', 'msf1'].includes(b)) ? 'heif' : undefined;
}

/**
 * The format the first bytes announce, whatever the file is called: one of `allowedFormats`, another
 * format we know by name (refused as unsupported), or undefined when the bytes are no image we know.
 */
export function sniffImageFormat(bytes: Uint8Array): string | undefined {
  const head = ascii(bytes, 0, 12);
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (head.startsWith('\x89PNG\r\n\x1a\n')) return 'png';
  if (head.startsWith('GIF87a') || head.startsWith('GIF89a')) return 'gif';
  if (head.startsWith('RIFF') && head.slice(8, 12) === 'WEBP') return 'webp';
  if (['II*\0', 'MM\0*', 'II+\0', 'MM\0+'].includes(head.slice(0, 4))) return 'tiff';
  const heif = heifFamily(bytes);
  if (heif) return heif;
  if (head.startsWith('BM')) return 'bmp';
  if (head.startsWith('%PDF')) return 'pdf';
  if (head.startsWith('8BPS')) return 'psd';
  // SVG is text: an XML prolog, comments or a doctype may come before the root element.
  if (/^(\xef\xbb\xbf)?\s*</.test(head) && /<svg[\s>]/i.test(ascii(bytes, 0, 4096))) return 'svg';
  return undefined;
}

export const isAllowedFormat = (format: string | undefined): format is ImageFormat => (allowedFormats as readonly string[]).includes(format ?? '');

/** What can be refused before any decoder sees the file: its size and the format its bytes announce. */
export function checkImageFile(bytes: number, format: string | undefined): ImageRejection | undefined {
  if (bytes === 0) return { code: 'empty', message: 'the file is empty' };
  if (bytes > maxImageBytes) return { code: 'too_large', message: `the file is larger than ${maxImageBytes} bytes` };
  if (!format) return { code: 'not_an_image', message: 'the file is not an image' };
  if (!isAllowedFormat(format)) return { code: 'unsupported_format', message: `${format} is not one of ${allowedFormats.join(', ')}` };
  return undefined;
}

/** Refuses what would decode to too many pixels, from the dimensions in the file's header. */
export function checkImageDimensions(width: number, height: number): ImageRejection | undefined {
  if (width > maxImageSide || height > maxImageSide || width * height > maxImagePixels) {
    return { code: 'too_many_pixels', message: `${width}x${height} exceeds the limit of ${maxImagePixels} pixels (${maxImageSide} on a side)` };
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
