// An image's bytes: the original as uploaded, or its WebP thumbnail or preview. Each is content-addressed,
// so its ETag never changes and browsers may keep it for good.
import type { Readable } from 'node:stream';
import { blobKeys } from '../activities/blob-store';
import { contentTypes, isAllowedFormat } from '../domain/images';
import type { Actor, AppContext } from './context';
import { notFound } from './errors';

export const imageVariants = ['file', 'thumbnail', 'preview'] as const;
export type ImageVariant = (typeof imageVariants)[number];

export interface ImageBytes { status: 200 | 304; headers: Record<string, string>; stream?: Readable }

/** Whether an `If-None-Match` header names this ETag (weak comparison, as RFC 9110 asks for it). */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === etag;
  });
}

export async function imageBytes(
  ctx: AppContext, actor: Actor, projectSlug: string, imageId: string, variant: ImageVariant, ifNoneMatch?: string,
): Promise<ImageBytes> {
  const image = await ctx.models.Image.findById(imageId, { workspace: 1, project: 1, sha256: 1, format: 1 }).lean();
  if (!image || image.workspace !== actor.workspace || image.project !== projectSlug) throw notFound(`image ${imageId}`);
  const etag = variant === 'file' ? `"${image.sha256}"` : `"${image.sha256}-${variant}"`;
  // `private`: the bytes are only for members of the workspace, never for shared caches.
  const headers = { ETag: etag, 'Cache-Control': 'private, max-age=31536000, immutable' };
  if (matches(ifNoneMatch, etag)) return { status: 304, headers };
  const key = variant === 'file' ? blobKeys.original(image.sha256) : blobKeys[variant](image.sha256);
  const blob = await ctx.store.get(key);
  if (!blob) throw notFound(variant === 'file' ? `the file of image ${imageId}` : `the ${variant} of image ${imageId} (not made yet)`);
  const contentType = variant !== 'file' ? 'image/webp' : isAllowedFormat(image.format) ? contentTypes[image.format] : 'application/octet-stream';
  return {
    status: 200,
    headers: { ...headers, 'Content-Type': contentType, 'Content-Length': String(blob.bytes), 'X-Content-Type-Options': 'nosniff' },
    stream: blob.stream,
  };
}
