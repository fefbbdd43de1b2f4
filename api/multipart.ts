// Upload bodies: each `file` part streams straight into the blob store's staging area as it arrives,
// so a request of any size is never held in memory. Limits answer 413 naming the limit.
import type { Request, RequestHandler } from 'express';
import multer, { MulterError, type StorageEngine } from 'multer';
import { blobKeys, type BlobStore } from '../activities/blob-store';
import { newId } from '../common/ids';
import { maxFilesPerUpload, maxImageBytes } from '../domain/images';
import { AppError } from '../usecases/errors';
import type { UploadedFile } from '../usecases/uploads';

interface StagedPart { uploadId: string; index: number }

/** One upload id per request, given when its first file part arrives; parts are numbered in order. */
const uploadOfRequest = new WeakMap<Request, { uploadId: string; parts: number }>();

function stagingStorage(store: BlobStore): StorageEngine {
  return {
    _handleFile(req, file, done) {
      let upload = uploadOfRequest.get(req);
      if (!upload) uploadOfRequest.set(req, (upload = { uploadId: newId(), parts: 0 }));
      const part: StagedPart = { uploadId: upload.uploadId, index: upload.parts++ };
      store.put(blobKeys.staged(part.uploadId, part.index), file.stream).then(
        ({ bytes }) => done(null, { ...part, size: bytes } as Partial<Express.Multer.File>),
        (err: unknown) => done(err),
      );
    },
    _removeFile(_req, file, done) {
      const { uploadId, index } = file as unknown as StagedPart;
      store.delete(blobKeys.staged(uploadId, index)).then(() => done(null), (err: unknown) => done(err as Error));
    },
  };
}

const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

export interface PartLimits { fileBytes: number; files: number }
const imageLimits: PartLimits = { fileBytes: maxImageBytes, files: maxFilesPerUpload };
/** A dataset archive (`…/imports`): one file, as large as a dataset. */
export const archiveLimits: PartLimits = { fileBytes: 20 * 1024 * 1024 * 1024, files: 1 };

function multipartError(err: unknown, limits: PartLimits): AppError | MulterError {
  // busboy reports a malformed body (no boundary, truncated part…) as a plain Error: bad input.
  if (!(err instanceof MulterError)) {
    return new AppError('invalid_input', `body: malformed multipart/form-data (${(err as Error).message})`, { fields: [{ path: 'body', message: 'malformed multipart/form-data' }] });
  }
  if (err.code === 'LIMIT_FILE_SIZE') {
    return new AppError('too_large', `${err.field ?? 'file'}: a file is larger than the limit of ${limits.fileBytes} bytes (${megabytes(limits.fileBytes)}) per file`, { limit: { fileBytes: limits.fileBytes } });
  }
  if (err.code === 'LIMIT_FILE_COUNT') {
    return new AppError('too_large', `file: more than the limit of ${limits.files} file${limits.files === 1 ? '' : 's'} per request`, { limit: { files: limits.files } });
  }
  return err; // the error middleware names the part and the problem
}

/** Parses an upload's multipart body, staging its `file` parts; a request that fails leaves nothing staged. */
export function stagedMultipart(store: BlobStore, limits: PartLimits = imageLimits): RequestHandler {
  const parse = multer({ storage: stagingStorage(store), limits: { fileSize: limits.fileBytes, files: limits.files, fields: 10 } })
    .array('file', limits.files);
  return (req, res, next) => {
    if (!req.is('multipart/form-data')) return next(new AppError('unsupported_media_type', 'send the images as multipart/form-data with `file` parts'));
    parse(req, res, (err?: unknown) => next(err ? multipartError(err, limits) : undefined));
  };
}

/** The staged files of a request `stagedMultipart` parsed, in the order they were sent. */
export function stagedFiles(req: Request): UploadedFile[] {
  const files = (req.files as (Express.Multer.File & StagedPart)[] | undefined) ?? [];
  return files.map((f) => ({ name: f.originalname, uploadId: f.uploadId, index: f.index, bytes: f.size }));
}
