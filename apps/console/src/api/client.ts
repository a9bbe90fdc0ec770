import type { ApiOperations, SessionUser, TokenPair } from '../../../dashboard/public/api-types';

/**
 * A small typed fetch client over the generated API types (apps/dashboard/public/api-types.d.ts, written by
 * `npm run api:types`): the path names the operation, so its answer's type follows. Bearer tokens live in
 * sessionStorage under the previous dashboard's key, so moving between the two keeps the session.
 */
export type { SessionUser };
export type GetPath = Extract<keyof ApiOperations, `GET ${string}`> extends `GET ${infer P}` ? P : never;
export type Answer<P extends GetPath> = ApiOperations[`GET ${P}`]['response'];

export interface Session {
  accessToken: string;
  refreshToken: string;
  expiresAt: number;
  user: SessionUser;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The field a 400/404/409 answer names (`details.field`), so a form shows the message beside it. */
    readonly field?: string,
    /** The answer's own code and details, e.g. CONFLICT with `details.reason` CODE_TAKEN. */
    readonly body?: { code?: string; message?: string; details?: Record<string, unknown> },
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const SESSION_KEY = 'hp.session';
const listeners = new Set<(session: Session | null) => void>();
let session: Session | null = readSession();
let refreshing: Promise<boolean> | null = null;

function readSession(): Session | null {
  try {
    const value = JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? 'null') as Session | null;
    return value && typeof value.accessToken === 'string' && typeof value.refreshToken === 'string'
      ? value
      : null;
  } catch {
    return null;
  }
}

function store(next: Session | null): void {
  session = next;
  try {
    if (next) sessionStorage.setItem(SESSION_KEY, JSON.stringify(next));
    else sessionStorage.removeItem(SESSION_KEY);
  } catch {
    // storage unavailable: the session lives in memory only
  }
  for (const listener of listeners) listener(next);
}

const fromPair = (pair: TokenPair): Session => ({
  accessToken: pair.accessToken,
  refreshToken: pair.refreshToken,
  expiresAt: Date.now() + pair.expiresIn * 1000,
  user: pair.user,
});

export const currentSession = (): Session | null => session;

export function onSessionChange(listener: (session: Session | null) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

async function post<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(`/api${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new ApiError(response.status, `POST ${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

export async function signIn(username: string, password: string): Promise<void> {
  store(fromPair(await post<TokenPair>('/auth/login', { username, password })));
}

export async function signOut(): Promise<void> {
  const refreshToken = session?.refreshToken;
  store(null);
  if (refreshToken) await post('/auth/logout', { refreshToken }).catch(() => undefined);
}

/** One refresh at a time, shared by every request that met a 401. */
function refresh(): Promise<boolean> {
  refreshing ??= (async () => {
    try {
      if (!session) return false;
      store(fromPair(await post<TokenPair>('/auth/refresh', { refreshToken: session.refreshToken })));
      return true;
    } catch {
      store(null);
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

function withQuery(path: string, query?: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {}))
    if (value !== undefined) params.set(name, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** GET a path of the API (with its `{id}`-style parameters filled in `path`), typed by its operation. */
export async function apiGet<P extends GetPath>(
  operation: P,
  options: {
    params?: Record<string, string | number>;
    query?: Record<string, string | number | undefined>;
  } = {},
): Promise<Answer<P>> {
  const path = operation.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(String(options.params?.[name] ?? '')),
  );
  return (await getJson(withQuery(path, options.query))) as Answer<P>;
}

/** GET a URL with the session's token: refreshed first when about to run out, and once more on a 401. */
async function getJson(url: string, retried = false): Promise<unknown> {
  if (session && session.expiresAt - Date.now() < 30_000 && !retried) await refresh();
  const response = await fetch(url, {
    headers: session ? { authorization: `Bearer ${session.accessToken}` } : {},
  });
  if (response.status === 401 && !retried && (await refresh())) return getJson(url, true);
  if (response.status === 401) store(null);
  if (!response.ok) throw new ApiError(response.status, `GET ${url}: HTTP ${response.status}`);
  return response.json();
}

/** Fetches a file of the API with the session's token and hands it to the browser as a download. */
export async function apiDownload(path: string, filename: string): Promise<void> {
  if (session && session.expiresAt - Date.now() < 30_000) await refresh();
  const response = await fetch(`/api${path}`, {
    headers: session ? { authorization: `Bearer ${session.accessToken}` } : {},
  });
  if (!response.ok) throw new ApiError(response.status, `GET ${path}: HTTP ${response.status}`);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The methods that change something. */
export type SendMethod = 'POST' | 'PATCH' | 'PUT' | 'DELETE';
export type SendPath<M extends SendMethod> =
  Extract<keyof ApiOperations, `${M} ${string}`> extends `${M} ${infer P}` ? P : never;
type Operation<M extends SendMethod, P extends SendPath<M>> = `${M} ${P}` extends keyof ApiOperations
  ? ApiOperations[`${M} ${P}`]
  : never;
export type SendBody<M extends SendMethod, P extends SendPath<M>> =
  Operation<M, P> extends { body: infer B } ? B : never;
export type SendAnswer<M extends SendMethod, P extends SendPath<M>> =
  Operation<M, P> extends { response: infer R } ? R : never;

/**
 * POST, PATCH, PUT or DELETE a path of the API with the session's token, typed by its operation (an
 * operation without a body takes `undefined`); refused answers throw.
 */
export async function apiSend<M extends SendMethod, P extends SendPath<M>>(
  method: M,
  operation: P,
  params: Record<string, string | number>,
  body: SendBody<M, P>,
  query?: Record<string, string | number | undefined>,
): Promise<SendAnswer<M, P>> {
  const path = withQuery(
    (operation as string).replace(/\{(\w+)\}/g, (_, name: string) =>
      encodeURIComponent(String(params[name] ?? '')),
    ),
    query,
  );
  const send = () =>
    fetch(path, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(session ? { authorization: `Bearer ${session.accessToken}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  if (session && session.expiresAt - Date.now() < 30_000) await refresh();
  let response = await send();
  if (response.status === 401 && (await refresh())) response = await send();
  if (response.status === 401) store(null);
  if (!response.ok) {
    const answer = (await response.json().catch(() => ({}))) as NonNullable<ApiError['body']>;
    const field = typeof answer.details?.['field'] === 'string' ? answer.details['field'] : undefined;
    throw new ApiError(
      response.status,
      answer.message ?? `${method} ${path}: HTTP ${response.status}`,
      field,
      answer,
    );
  }
  // An answer without a body (204, e.g. a notification marked read) is undefined.
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as SendAnswer<M, P>;
}
