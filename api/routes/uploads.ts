// Collection: uploading images, following an upload's ingestion, and the images' bytes.
import { imageBytes, type ImageVariant } from '../../usecases/image-files';
import { getUpload, uploadImages } from '../../usecases/uploads';
import { defineRoute, type RouteSpec } from '../route';
import { p } from './paths';
import * as answers from '../responses';

const bytesRoute = (variant: ImageVariant, summary: string) => defineRoute({
  method: 'get', path: p(`/:project/images/:image/${variant}`), summary, action: 'projects.read', tags: ['images'], binary: true,
  handler: async (ctx, { actor, params, headers }) =>
    imageBytes(ctx, actor, params.project!, params.image!, variant, headers['if-none-match']),
});

export const uploadsRoutes: RouteSpec[] = [
  defineRoute({
    method: 'post', path: p('/:project/images'), response: answers.uploadAnswer,
    summary: 'Upload images (multipart `file` parts, optional `batch`); answers once they are checked and recorded, ' +
      'then thumbnails and previews are made (follow them at `uploads/{upload}`)',
    action: 'images.upload',
    multipart: 'images',
    handler: async (ctx, { actor, params, files, fields }) => ({
      status: 201, body: await uploadImages(ctx, actor, params.project!, files, fields.batch),
    }),
  }),
  defineRoute({
    method: 'get', path: p('/:project/uploads/:upload'), response: answers.uploadAnswer,
    summary: 'An upload\'s ingestion: files done of total and, once recorded, its batch, images and errors as the upload answered them',
    action: 'images.upload',
    handler: async (ctx, { actor, params }) => ({ status: 200, body: await getUpload(ctx, actor, params.project!, params.upload!) }),
  }),
  bytesRoute('file', 'The image as uploaded, with its content type'),
  bytesRoute('thumbnail', 'The image\'s 256 px WebP thumbnail (404 until made)'),
  bytesRoute('preview', 'The image\'s 1280 px WebP preview (404 until made)'),
];
