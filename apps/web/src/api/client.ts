import type { ErrorCode, ErrorResponse, FieldRules } from '@hoinghi/contracts';
import { clearToken, getToken } from '../auth/session';

/**
 * A failed API call, carrying the server's ErrorResponse. `code` is null when no ErrorResponse came back:
 * the server could not be reached (status 0) or something in between (a proxy) answered.
 */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode | null,
    message: string,
    readonly fields: Record<string, string[]> = {},
    /** A 409 about an edit on an outdated copy: the thing as it is now. */
    readonly current?: unknown,
    /** A 400's problems as rules, by the paths of `fields` (the web app words them in the UI's language). */
    readonly fieldRules: FieldRules = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get isNetworkError(): boolean {
    return this.statusCode === 0;
  }
}

let onUnauthorized: () => void = () => {};

/** Called when the server rejects the token (expired, revoked): the app signs the user out. */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export async function apiRequest<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = getToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  // A file upload (FormData) sets its own multipart Content-Type; everything else is JSON.
  const upload = body instanceof FormData;
  if (body !== undefined && !upload) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(`/api${path}`, { method, headers, body: body === undefined ? undefined : upload ? body : JSON.stringify(body) });
  } catch (error) {
    throw new ApiError(0, null, error instanceof Error ? error.message : String(error));
  }

  const text = await response.text();
  const payload: unknown = text ? parseJson(text) : undefined;
  if (response.ok) return payload as T;

  if (response.status === 401 && token) {
    clearToken();
    onUnauthorized();
  }
  const error = (payload ?? {}) as Partial<ErrorResponse>;
  throw new ApiError(response.status, error.error ?? null, error.message ?? response.statusText, error.fields ?? {}, error.current, error.fieldRules ?? {});
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A file the API serves (a rendered document): its bytes and the name the server gave it. */
export async function apiDownload(path: string): Promise<{ blob: Blob; fileName: string }> {
  const token = getToken();
  let response: Response;
  try {
    response = await fetch(`/api${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  } catch (error) {
    throw new ApiError(0, null, error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) {
    const error = (parseJson(await response.text()) ?? {}) as Partial<ErrorResponse>;
    throw new ApiError(response.status, error.error ?? null, error.message ?? response.statusText, error.fields ?? {});
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'document.docx';
  return { blob: await response.blob(), fileName };
}
