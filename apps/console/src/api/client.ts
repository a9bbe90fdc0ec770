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
