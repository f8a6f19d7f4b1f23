import { authHeaders } from './token';

/** Where the engine's API is: the origin (and any path prefix) the cockpit page itself is served under. */
export const API_BASE = window.location.pathname.replace(/\/cockpit(\/.*)?$/, '');

/** An API answer other than 2xx, with the engine's `{ type, message, code }` body when it sent one. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | null,
    readonly detail: string,
  ) {
    super(describeStatus(status, detail));
  }
}

function describeStatus(status: number, detail: string): string {
  if (status === 401) return `401 Unauthorized: ${detail || 'a bearer token is required'}. Enter a valid token in the "Bearer token" field.`;
  if (status === 403) return `403 Forbidden: ${detail || 'the token does not allow this'}.`;
  if (status === 0) return `The engine could not be reached: ${detail}`;
  return `${status}: ${detail || 'request failed'}`;
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  signal?: AbortSignal;
}

async function send(path: string, options: RequestOptions, accept: string): Promise<Response> {
  const headers: Record<string, string> = { accept, ...authHeaders() };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new HttpError(0, null, errorText(error));
  }
  if (!response.ok) throw await toError(response);
  return response;
}

export async function toError(response: Response): Promise<HttpError> {
  const text = await response.text().catch(() => '');
  let message = text;
  let code: string | null = null;
  try {
    const body = JSON.parse(text) as { message?: unknown; code?: unknown };
    if (typeof body.message === 'string') message = body.message;
    if (typeof body.code === 'string') code = body.code;
  } catch {
    // not JSON: show the text as it came
  }
  return new HttpError(response.status, code, message.slice(0, 500));
}

/** Calls a JSON route of the public API with the tab's token; 204 answers give undefined. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options, 'application/json');
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export async function apiText(path: string, options: RequestOptions = {}): Promise<string> {
  return (await send(path, options, 'application/xml, text/plain, */*')).text();
}

export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(name, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const enc = encodeURIComponent;
