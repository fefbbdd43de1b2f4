// Domain errors carry their HTTP meaning, so use-cases stay free of Express and routes stay thin.
export type ErrorCode =
  | 'invalid_input' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'in_progress'
  | 'too_large' | 'unsupported_media_type' | 'rate_limited' | 'unavailable' | 'internal';

const statusOf: Record<ErrorCode, number> = {
  invalid_input: 400, unauthorized: 401, forbidden: 403, not_found: 404, conflict: 409, in_progress: 409,
  too_large: 413, unsupported_media_type: 415, rate_limited: 429, unavailable: 503, internal: 500,
};

export class AppError extends Error {
  readonly status: number;
  constructor(readonly code: ErrorCode, message: string, readonly details?: unknown) {
    super(message);
    this.status = statusOf[code];
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
export const conflict = (message: string, details?: unknown) => new AppError('conflict', message, details);
export const forbidden = (message: string) => new AppError('forbidden', message);
export const invalid = (field: string, message: string) =>
  new AppError('invalid_input', `${field}: ${message}`, { fields: [{ path: field, message }] });
