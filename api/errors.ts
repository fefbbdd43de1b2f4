// The one place errors become HTTP: domain, validation, Temporal and database errors alike.
import type { ErrorRequestHandler } from 'express';
import { isGrpcDeadlineError, isGrpcServiceError, ServiceError, WorkflowFailedError, WorkflowNotFoundError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import { MulterError } from 'multer';
import { ZodError } from 'zod';
import { failureTypes } from '../common/temporal';
import type { Logger } from '../common/logger';
import { AppError } from '../usecases/errors';

export function zodToAppError(err: ZodError, where: 'body' | 'query' = 'body'): AppError {
  const fields = err.issues.map((i) => ({ path: i.path.length ? i.path.join('.') : where, message: i.message }));
  return new AppError('invalid_input', fields.map((f) => `${f.path}: ${f.message}`).join('; '), { fields });
}

/** The refusal a failed update or a failed short workflow carries (its activity's, when it failed). */
function refusalOf(err: unknown): ApplicationFailure | undefined {
  if (!(err instanceof WorkflowUpdateFailedError || err instanceof WorkflowFailedError)) return undefined;
  const cause = err.cause instanceof ActivityFailure ? err.cause.cause : err.cause;
  return cause instanceof ApplicationFailure ? cause : undefined;
}

function fromTemporal(err: unknown): AppError | undefined {
  const refusal = refusalOf(err);
  if (refusal) {
    const type = refusal.type;
    if (type === failureTypes.invalidState) return new AppError('conflict', refusal.message);
    if (type === failureTypes.notFound) return new AppError('not_found', refusal.message);
    if (type === failureTypes.invalidInput) {
      // A refusal names its field first (`splits: …`), as a 400 must.
      const field = /^([\w.]+): /.exec(refusal.message)?.[1];
      return new AppError('invalid_input', refusal.message, field ? { fields: [{ path: field, message: refusal.message.slice(field.length + 2) }] } : undefined);
    }
  }
  if (err instanceof WorkflowNotFoundError) return new AppError('not_found', 'the job\'s workflow was not found');
  // What Temporal durably accepted is reported with its id by usecases/worker-wait; this is the rest.
  // An update whose deadline passed comes wrapped by the client, other calls as the bare gRPC deadline.
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError || isGrpcDeadlineError(err)) return new AppError('unavailable', 'no worker answered in time; read the current state, then retry if it did not take effect');
  if (isGrpcServiceError(err)) return new AppError('unavailable', 'the workflow service is unavailable');
  // A query needs a worker to answer it; the client reports its absence as a ServiceError.
  if (err instanceof ServiceError) return new AppError('unavailable', 'no worker could answer; retry shortly');
  return undefined;
}

function fromHttpLayer(err: unknown): AppError | undefined {
  const e = err as { type?: string; status?: number; code?: string | number; field?: string };
  if (e.type === 'entity.too.large') return new AppError('too_large', 'the request body is too large');
  if (e.type === 'entity.parse.failed') return new AppError('invalid_input', 'body: not valid JSON', { fields: [{ path: 'body', message: 'not valid JSON' }] });
  if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported') return new AppError('unsupported_media_type', 'unsupported body encoding');
  if (err instanceof MulterError) {
    if (err.code === 'LIMIT_FILE_SIZE' || err.code === 'LIMIT_FILE_COUNT' || err.code === 'LIMIT_FIELD_VALUE') return new AppError('too_large', `${err.field ?? 'file'}: ${err.message}`);
    return new AppError('invalid_input', `${err.field ?? 'body'}: ${err.message}`, { fields: [{ path: err.field ?? 'body', message: err.message }] });
  }
  if (e.code === 11000) return new AppError('conflict', 'that already exists');
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) return new AppError('invalid_input', (err as Error).message);
  return undefined;
}

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ZodError) return zodToAppError(err);
  return fromTemporal(err) ?? fromHttpLayer(err) ?? new AppError('internal', 'internal error');
}

export function errorMiddleware(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const appErr = toAppError(err);
    if (appErr.status >= 500) (req.log ?? logger).error({ err }, 'request failed');
    if (res.headersSent) return;
    if (appErr.code === 'unavailable') res.setHeader('Retry-After', '5');
    res.status(appErr.status).json({ error: { code: appErr.code, message: appErr.message, details: appErr.details } });
  };
}
