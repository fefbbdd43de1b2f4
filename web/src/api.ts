// The app's only way to the server: the public API at /api, with the session cookie and, on writes,
// the session's CSRF token. The types are the API's answers as the app reads them.
export class ApiError extends Error {
  /** The fields a 400 names (`annotations.1.box`, …) with what is wrong with each. */
  constructor(readonly status: number, readonly code: string, message: string, readonly fields: { path: string; message: string }[] = []) {
    super(message);
  }
}

export type Role = 'owner' | 'admin' | 'manager' | 'labeler' | 'reviewer';
export interface Session { email: string; role: Role; via: 'session' | 'api_key'; csrfToken?: string }
export interface Project { id: string; name: string; type: string; classes: string[] }
export interface Counts { unannotated: number; annotated: number; approved: number; rejected: number }
export interface Job extends Counts {
  id: string; name: string; project: string; labeler: string; reviewer: string; numImages: number;
  status: 'assigned' | 'review' | 'complete' | 'cancelled'; instructionsText?: string; dueAt?: string | null;
  created: { _seconds: number };
}
export interface JobState { status: string; stageEnteredAt: Record<string, string> }
export interface Batch { id: string; name: string; priority: number; status: string; numImages: number; numJobs: number; counts: Record<string, number> }
export interface Member { email: string; name: string; role: Role }
export interface ImageRow { id: string; name: string; width: number; height: number; state: string | null; thumbnail: boolean }
export interface UploadAnswer { batch: { id: string; name: string }; images: { id: string; name: string; duplicate: boolean }[]; errors: { name: string; code: string; message: string }[] }

let csrfToken = '';
export const setCsrfToken = (token: string | undefined) => {
  csrfToken = token ?? '';
};

const errorOf = (status: number, text: string): ApiError => {
  try {
    const e = (JSON.parse(text) as { error: { code: string; message: string; details?: { fields?: { path: string; message: string }[] } } }).error;
    return new ApiError(status, e.code, e.message, e.details?.fields ?? []);
  } catch {
    return new ApiError(status, 'unknown', text || `HTTP ${status}`);
  }
};

export async function api<T>(workspace: string, path: string, opts: { method?: string; json?: unknown } = {}): Promise<T> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = {};
  if (opts.json !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  const res = await fetch(`/api/${encodeURIComponent(workspace)}${path}`, {
    method, headers, credentials: 'same-origin', body: opts.json === undefined ? undefined : JSON.stringify(opts.json),
  });
  const text = await res.text();
  if (!res.ok) throw errorOf(res.status, text);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** One file per request, so each file has its own progress and its own error. */
export function uploadFile(workspace: string, project: string, file: File, batch: string, onProgress: (fraction: number) => void): Promise<UploadAnswer> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/${encodeURIComponent(workspace)}/${encodeURIComponent(project)}/images`);
    xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => (xhr.status < 300 ? resolve(JSON.parse(xhr.responseText) as UploadAnswer) : reject(errorOf(xhr.status, xhr.responseText)));
    xhr.onerror = () => reject(new ApiError(0, 'network', 'the upload did not reach the server'));
    const form = new FormData();
    if (batch) form.append('batch', batch);
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

export const thumbnailUrl = (workspace: string, project: string, image: string) =>
  `/api/${encodeURIComponent(workspace)}/${encodeURIComponent(project)}/images/${encodeURIComponent(image)}/thumbnail`;

export const mayManage = (role: Role) => role === 'owner' || role === 'admin' || role === 'manager';
