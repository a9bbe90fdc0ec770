// @ts-check
// Live alert changes from the Server-Sent Events stream, shared by every view while signed in.

import { ApiError, get, post } from './api.js';

/** @typedef {import('./types.js').Alert} Alert */
/** @typedef {'connecting' | 'live' | 'offline'} LiveState */
/**
 * `alert`: an alert opened, repeated, acknowledged or resolved. `resync`: the stream (re)connected and
 * changes may have been missed, so lists should be read again.
 * @typedef {{ type: 'alert', alert: Alert } | { type: 'resync' }} LiveEvent
 */

const RETRY_MS = [1000, 2000, 5000, 10_000, 30_000];

/** @type {EventSource | null} */
let source = null;
/** @type {LiveState} */
let state = 'offline';
let running = false;
let failures = 0;
/** @type {number | undefined} */
let retryTimer;
/** @type {Set<(event: LiveEvent) => void>} */
const subscribers = new Set();
/** @type {Set<(state: LiveState) => void>} */
const stateListeners = new Set();

/** @param {LiveState} next */
function setState(next) {
  state = next;
  for (const listener of stateListeners) listener(next);
}

/** @param {LiveEvent} event */
function emit(event) {
  for (const subscriber of subscribers) subscriber(event);
}

/** @param {boolean} [check] first make sure the session is valid (refreshing it on a 401) */
async function connect(check = false) {
  if (!running) return;
  setState('connecting');
  // The stream's own 401 is invisible to EventSource: ask the API, which refreshes the token if needed.
  if (check) await get('/auth/me').catch(() => undefined);
  if (!running) return;
  // A single-use, 30-second ticket opens the stream: an access token never goes in a URL (logs, history).
  /** @type {string | null} */
  let ticket = null;
  try {
    ticket = /** @type {{ ticket: string }} */ (await post('/auth/stream-ticket', {})).ticket;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setState('offline'); // signed out: the session listeners take over
      return;
    }
  }
  if (!running) return;
  if (!ticket) {
    retryLater();
    return;
  }
  const es = new EventSource(`/api/alerts/stream?ticket=${encodeURIComponent(ticket)}`);
  source = es;
  es.addEventListener('open', () => {
    failures = 0;
    setState('live');
    emit({ type: 'resync' });
  });
  es.addEventListener('alert', (message) => {
    try {
      const alert = /** @type {Alert} */ (JSON.parse(/** @type {MessageEvent<string>} */ (message).data));
      emit({ type: 'alert', alert });
    } catch {
      // a malformed event is skipped
    }
  });
  es.addEventListener('error', () => {
    if (source !== es) return;
    // The browser would retry on its own with the same URL, whose ticket is spent: reconnect ourselves
    // with a fresh ticket instead.
    es.close();
    source = null;
    retryLater();
  });
}

/** Offline, and a new connection after a growing wait. */
function retryLater() {
  setState('offline');
  const wait = RETRY_MS[Math.min(failures, RETRY_MS.length - 1)];
  failures++;
  window.clearTimeout(retryTimer);
  retryTimer = window.setTimeout(() => void connect(true), wait);
}

/** Opens the stream (no-op when open). */
export function startLive() {
  if (running) return;
  running = true;
  failures = 0;
  void connect();
}

/** Closes the stream (on sign-out). */
export function stopLive() {
  running = false;
  window.clearTimeout(retryTimer);
  source?.close();
  source = null;
  setState('offline');
}

/**
 * @param {(event: LiveEvent) => void} subscriber
 * @returns {() => void} unsubscribe
 */
export function subscribe(subscriber) {
  subscribers.add(subscriber);
  return () => subscribers.delete(subscriber);
}

/**
 * @param {(state: LiveState) => void} listener called now and on every change
 * @returns {() => void}
 */
export function onLiveState(listener) {
  stateListeners.add(listener);
  listener(state);
  return () => stateListeners.delete(listener);
}
