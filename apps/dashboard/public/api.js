// @ts-check
// The REST API: Bearer tokens kept in sessionStorage, one refresh on a 401, then back to the login screen.

/** @typedef {import('./types.js').Session} Session */
/** @typedef {import('./types.js').TokenPair} TokenPair */
/** @typedef {import('./types.js').SessionUser} SessionUser */

const SESSION_KEY = 'hp.session';
/** Refresh a little before the access token runs out rather than wait for the 401. */
const EARLY_REFRESH_MS = 30_000;

export class ApiError extends Error {
  /**
   * @param {number} status HTTP status (0: the network failed)
   * @param {string} code
   * @param {string} message
   */
  constructor(status, code, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

/** @type {Session | null} */
let session = readSession();
/** @type {Promise<boolean> | null} */
let refreshing = null;
/** @type {Set<(session: Session | null, reason: 'login' | 'refresh' | 'logout' | 'expired') => void>} */
const listeners = new Set();

/** @returns {Session | null} */
function readSession() {
  try {
    const text = sessionStorage.getItem(SESSION_KEY);
    if (!text) return null;
    const value = /** @type {Session} */ (JSON.parse(text));
    return value && typeof value.accessToken === 'string' && typeof value.refreshToken === 'string'
      ? value
      : null;
  } catch {
    return null;
  }
}

/**
 * @param {Session | null} next
 * @param {'login' | 'refresh' | 'logout' | 'expired'} reason
 */
function store(next, reason) {
  session = next;
  try {
    if (next) sessionStorage.setItem(SESSION_KEY, JSON.stringify(next));
    else sessionStorage.removeItem(SESSION_KEY);
  } catch {
    // storage unavailable: the session lives in memory only
  }
  for (const listener of listeners) listener(next, reason);
}

/** @param {TokenPair} pair */
function fromPair(pair) {
  return {
    accessToken: pair.accessToken,
    refreshToken: pair.refreshToken,
    expiresAt: Date.now() + pair.expiresIn * 1000,
    user: pair.user,
  };
}

/** The signed-in user, or null. */
export function currentUser() {
  return session?.user ?? null;
}

/**
 * Called on sign-in, refresh and sign-out.
 * @param {(session: Session | null, reason: 'login' | 'refresh' | 'logout' | 'expired') => void} listener
 */
export function onSessionChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** @param {Response} response */
async function errorOf(response) {
  let code = `HTTP_${response.status}`;
  let message = response.statusText || code;
  try {
    const body = /** @type {{ code?: unknown, message?: unknown }} */ (await response.json());
    if (typeof body.code === 'string') code = body.code;
    if (typeof body.message === 'string') message = body.message;
  } catch {
    // not JSON
  }
  return new ApiError(response.status, code, message);
}

/**
 * @param {string} path under /api
 * @param {RequestInit} init
 * @returns {Promise<Response>}
 */
async function send(path, init) {
  try {
    return await fetch(`/api${path}`, init);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', error instanceof Error ? error.message : String(error));
  }
}

/**
 * Signs in; the session is kept for this browser tab.
 * @param {string} username
 * @param {string} password
 */
export async function login(username, password) {
  const response = await send('/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw await errorOf(response);
  const pair = /** @type {TokenPair} */ (await response.json());
  store(fromPair(pair), 'login');
  return pair.user;
}

/** Signs out: the refresh token is revoked on the server. */
export async function logout() {
  const refreshToken = session?.refreshToken;
  store(null, 'logout');
  if (refreshToken) {
    await send('/auth/logout', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken }),
    }).catch(() => undefined);
  }
}

/**
 * A new token pair for the refresh token (spent by it). One refresh at a time: concurrent callers share it.
 * @returns {Promise<boolean>} false when the session is gone
 */
export function refresh() {
  if (refreshing) return refreshing;
  const refreshToken = session?.refreshToken;
  if (!refreshToken) return Promise.resolve(false);
  refreshing = (async () => {
    try {
      const response = await send('/auth/refresh', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken }),
      });
      if (!response.ok) {
        if (response.status === 401 || response.status === 400) store(null, 'expired');
        return false;
      }
      store(fromPair(/** @type {TokenPair} */ (await response.json())), 'refresh');
      return true;
    } catch {
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/** A valid access token, refreshed first when it is about to run out; null when signed out. */
export async function accessToken() {
  if (!session) return null;
  if (session.expiresAt - Date.now() < EARLY_REFRESH_MS) await refresh();
  return session?.accessToken ?? null;
}

/**
 * An authenticated request: the Bearer token, one refresh and retry on a 401, then signed out.
 * @param {string} method
 * @param {string} path under /api, e.g. `/parks`
 * @param {{ body?: unknown, signal?: AbortSignal, accept?: string }} [options]
 * @returns {Promise<Response>} a 2xx answer; anything else is thrown as an ApiError
 */
async function authorized(method, path, options = {}) {
  for (let attempt = 0; ; attempt++) {
    const token = await accessToken();
    if (!token) throw new ApiError(401, 'UNAUTHENTICATED', 'signed out');
    /** @type {Record<string, string>} */
    const headers = { authorization: `Bearer ${token}`, accept: options.accept ?? 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await send(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
    if (response.status === 401 && attempt === 0 && (await refresh())) continue;
    if (response.status === 401) {
      if (session) store(null, 'expired');
      throw await errorOf(response);
    }
    if (!response.ok) throw await errorOf(response);
    return response;
  }
}

/**
 * @param {string} method
 * @param {string} path under /api, e.g. `/parks`
 * @param {{ body?: unknown, signal?: AbortSignal }} [options]
 * @returns {Promise<unknown>}
 */
async function request(method, path, options = {}) {
  const response = await authorized(method, path, options);
  if (response.status === 204) return null;
  return response.json();
}

/**
 * The file name of a Content-Disposition header (RFC 6266): `filename*` (UTF-8) before `filename`.
 * @param {string | null} header
 * @returns {string | null}
 */
export function dispositionFilename(header) {
  if (!header) return null;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (extended) {
    try {
      return decodeURIComponent(extended[2].trim());
    } catch {
      // a malformed escape: fall back to the plain name
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/i.exec(header);
  if (!plain) return null;
  return plain[1] !== undefined ? plain[1].replace(/\\(.)/g, '$1') : plain[2];
}

/**
 * GET /api{path} as a file (a binary body), with the file name the server gave in Content-Disposition.
 * @param {string} path
 * @param {AbortSignal} [signal]
 * @returns {Promise<{ blob: Blob, filename: string | null }>}
 */
export async function download(path, signal) {
  const response = await authorized('GET', path, { signal, accept: '*/*' });
  const filename = dispositionFilename(response.headers.get('content-disposition'));
  return { blob: await response.blob(), filename };
}

/**
 * GET /api{path}; the caller states the answer's type with a JSDoc cast.
 * @param {string} path
 * @param {AbortSignal} [signal]
 */
export function get(path, signal) {
  return request('GET', path, { signal });
}

/**
 * POST /api{path} with a JSON body.
 * @param {string} path
 * @param {unknown} body
 */
export function post(path, body) {
  return request('POST', path, { body });
}

/**
 * A query string from the defined values: `?a=1&b=x`.
 * @param {Record<string, string | number | null | undefined>} params
 */
export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
