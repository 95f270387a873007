import type { Issue } from '../../shared/errors.js';

/** An API error as the handlers shape it: `{ error, message: { id, en }, issues?, details? }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly text: { id: string; en: string },
    readonly issues: Issue[] = [],
    /** What a conflict is about, e.g. the open drafts that keep a unit from being deactivated. */
    readonly details?: unknown,
  ) {
    super(text.en);
  }
}

let token: string | undefined;
let onUnauthorized: (error: ApiError) => void = () => {};

/** The session sets the bearer token; a 401 (expired token, disabled user) signs the user out, saying why. */
export function configureApi(next: string | undefined, unauthorized: (error: ApiError) => void): void {
  token = next;
  onUnauthorized = unauthorized;
}

async function failure(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => undefined)) as
    | { message?: { id: string; en: string }; issues?: Issue[]; details?: unknown }
    | undefined;
  const fallback = `HTTP ${res.status}`;
  return new ApiError(
    res.status,
    body?.message ?? { id: fallback, en: fallback },
    body?.issues ?? [],
    body?.details,
  );
}

async function send(method: string, path: string, body?: BodyInit, type?: string): Promise<Response> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (type) headers['content-type'] = type;
  const res = await fetch(path, { method, headers, ...(body === undefined ? {} : { body }) });
  if (!res.ok) {
    const error = await failure(res);
    if (res.status === 401 && token) onUnauthorized(error);
    throw error;
  }
  return res;
}

/** JSON in, JSON out. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await send(
    method,
    path,
    body === undefined ? undefined : JSON.stringify(body),
    body === undefined ? undefined : 'application/json',
  );
  return (await res.json()) as T;
}

/** A binary answer, e.g. the preview PDF or a workbook. */
export async function apiBlob(method: string, path: string, body?: unknown): Promise<Blob> {
  const json = body === undefined ? undefined : JSON.stringify(body);
  return (await send(method, path, json, json === undefined ? undefined : 'application/json')).blob();
}

/** A file the API answers only to a signed-in user (a workbook, a schema), saved under `name`. */
export async function saveFrom(path: string, name: string): Promise<void> {
  const blob = await apiBlob('GET', path);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}

/** A file as the request body, e.g. a PDF to verify. */
export async function apiUpload<T>(path: string, file: Blob, type: string): Promise<T> {
  return (await (await send('POST', path, file, type)).json()) as T;
}

export const query = (params: Record<string, string | undefined>) => {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) search.set(k, v);
  const s = search.toString();
  return s ? `?${s}` : '';
};
