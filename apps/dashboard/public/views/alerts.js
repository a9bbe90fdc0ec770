// @ts-check
// Cảnh báo: the alerts inbox, newest first, filtered by status, park and severity; new and changed alerts
// arrive live from the stream; acknowledge and resolve in place.

import { ApiError, currentUser, get, post, query } from '../api.js';
import { h, replace } from '../dom.js';
import { label, num, reason, t, when } from '../i18n.js';
import { onLiveState, subscribe } from '../live.js';
import { badge, localName, pageHead } from '../ui.js';

/** @typedef {import('../types.js').ViewContext} ViewContext */
/** @typedef {import('../types.js').Alert} Alert */
/** @typedef {import('../types.js').Park} Park */

const STATUSES = /** @type {const} */ (['open', 'acknowledged', 'resolved']);
const SEVERITIES = /** @type {const} */ (['critical', 'warning', 'info']);

/**
 * One alert as a list item.
 * @param {Alert} alert
 * @param {{ compact?: boolean, parkCode?: string | null, fresh?: boolean, onChange?: (alert: Alert) => void }} [o]
 */
export function alertItem(alert, o = {}) {
  const li = h('li', {
    class: `alert-row sev-${alert.severity} st-${alert.status}${o.fresh ? ' fresh' : ''}`,
    'data-testid': 'alert-row',
    'data-alert-id': alert.id,
    'data-status': alert.status,
    'data-severity': alert.severity,
  });
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true });

  /**
   * @param {'acknowledge' | 'resolve'} action
   * @param {HTMLButtonElement} button
   */
  async function act(action, button) {
    button.disabled = true;
    error.hidden = true;
    try {
      const by = currentUser()?.username ?? 'unknown';
      const changed = /** @type {Alert} */ (await post(`/alerts/${alert.id}/${action}`, { by }));
      draw(changed);
      o.onChange?.(changed);
    } catch (e) {
      button.disabled = false;
      error.textContent = t('actionFailed', { message: e instanceof ApiError ? e.message : String(e) });
      error.hidden = false;
    }
  }

  /** @param {Alert} a */
  function draw(a) {
    alert = a;
    li.className = `alert-row sev-${a.severity} st-${a.status}${o.fresh ? ' fresh' : ''}`;
    li.dataset['status'] = a.status;
    /** @type {HTMLButtonElement[]} */
    const buttons = [];
    if (a.status === 'open') {
      const ack = h(
        'button',
        { class: 'button primary small', type: 'button', 'data-testid': 'ack-button' },
        t('acknowledge'),
      );
      ack.addEventListener('click', () => void act('acknowledge', ack));
      buttons.push(ack);
    }
    if (a.status !== 'resolved' && !o.compact) {
      const resolve = h(
        'button',
        { class: 'button ghost small', type: 'button', 'data-testid': 'resolve-button' },
        t('resolve'),
      );
      resolve.addEventListener('click', () => void act('resolve', resolve));
      buttons.push(resolve);
    }
    replace(
      li,
      h(
        'div',
        { class: 'alert-main' },
        h(
          'div',
          { class: 'alert-head' },
          badge('sev', a.severity),
          h('span', { class: 'alert-kind' }, label('kind', a.kind)),
          o.parkCode ? h('span', { class: 'alert-park' }, o.parkCode) : null,
          o.fresh ? h('span', { class: 'badge tone-info', 'data-testid': 'new-badge' }, t('newBadge')) : null,
          a.status !== 'open' ? badge('alertStatus', a.status, { 'data-testid': 'alert-status' }) : null,
        ),
        // The reason is a code with parameters, worded in the current language by the shared catalogue.
        h('p', { class: 'alert-message' }, reason(a.reason)),
        h(
          'p',
          { class: 'alert-meta' },
          h('span', {}, `${t('firstSeen')}: ${when(a.firstSeen)}`),
          a.occurrences > 1
            ? h(
                'span',
                {},
                `${t('lastSeen')}: ${when(a.lastSeen)} · ${t('occurrences', { n: num(a.occurrences, 0) })}`,
              )
            : null,
          a.acknowledgedBy
            ? h(
                'span',
                { 'data-testid': 'acknowledged-by' },
                t('acknowledgedBy', { by: a.acknowledgedBy, time: when(a.acknowledgedAt) }),
              )
            : null,
          a.resolvedAt ? h('span', {}, t('resolvedAt', { time: when(a.resolvedAt) })) : null,
          a.silenced ? h('span', {}, t('silenced')) : null,
          a.stationId && !o.compact ? h('a', { href: `#/stations/${a.stationId}` }, t('viewChart')) : null,
        ),
        error,
      ),
      buttons.length ? h('div', { class: 'alert-actions' }, buttons) : null,
    );
  }
  draw(alert);
  return li;
}

/** @param {ViewContext} ctx */
export async function alertsView(ctx) {
  const status = /** @type {(typeof STATUSES)[number]} */ (
    STATUSES.find((s) => s === ctx.query.get('status')) ?? 'open'
  );
  const severity = SEVERITIES.find((s) => s === ctx.query.get('severity')) ?? '';
  const parkParam = ctx.query.get('park') ?? '';
  const parkId = /^\d+$/.test(parkParam) ? Number(parkParam) : null;
  document.title = `${t('alertsTitle')} · ${t('appShort')}`;

  const parks = /** @type {Park[]} */ (await get('/parks', ctx.signal));
  const parkCodeById = new Map(parks.map((p) => [p.id, p.code]));

  /** @param {Record<string, string | number | null>} change */
  const href = (change) => `#/alerts${query({ status, park: parkId, severity, ...change })}`;

  const parkSelect = h(
    'select',
    {
      id: 'filter-park',
      'data-testid': 'filter-park',
      onchange: (event) => {
        location.hash = href({ park: /** @type {HTMLSelectElement} */ (event.target).value || null });
      },
    },
    h('option', { value: '' }, t('allParks')),
    parks
      .filter((p) => p.operatingStatus === 'operating' || p.id === parkId)
      .map((p) => h('option', { value: p.id, selected: p.id === parkId }, `${p.code} – ${localName(p)}`)),
  );
  const severitySelect = h(
    'select',
    {
      id: 'filter-severity',
      'data-testid': 'filter-severity',
      onchange: (event) => {
        location.hash = href({ severity: /** @type {HTMLSelectElement} */ (event.target).value || null });
      },
    },
    h('option', { value: '' }, t('allSeverities')),
    SEVERITIES.map((s) => h('option', { value: s, selected: s === severity }, label('sev', s))),
  );
  const tabs = h(
    'div',
    { class: 'segmented', role: 'tablist', 'data-testid': 'status-tabs' },
    STATUSES.map((s) =>
      h(
        'a',
        {
          class: `seg-button${s === status ? ' active' : ''}`,
          href: href({ status: s }),
          role: 'tab',
          'aria-selected': s === status ? 'true' : 'false',
          'data-testid': `status-${s}`,
        },
        label('alertStatus', s),
      ),
    ),
  );
  const liveBadge = h('span', { class: 'live', 'data-testid': 'alerts-live' });
  ctx.onCleanup(
    onLiveState((state) => {
      liveBadge.dataset['state'] = state;
      liveBadge.textContent =
        state === 'live' ? t('live') : state === 'connecting' ? t('liveConnecting') : t('liveOffline');
    }),
  );
  const counter = h('span', { class: 'muted', 'data-testid': 'alert-total' });
  // data-sync: 'pending' while the list is being read again after the stream (re)connected, else 'idle'.
  const list = h('ul', {
    class: 'alert-list',
    'data-testid': 'alert-list',
    'aria-live': 'polite',
    'data-sync': 'pending',
  });

  /** @type {Map<number, { alert: Alert, el: HTMLLIElement }>} */
  const shown = new Map();

  /** @param {Alert} a */
  const matches = (a) => (parkId === null || a.parkId === parkId) && (!severity || a.severity === severity);

  /**
   * @param {Alert} a
   * @param {boolean} fresh
   */
  const item = (a, fresh) =>
    alertItem(a, {
      parkCode: a.parkId === null ? null : (parkCodeById.get(a.parkId) ?? null),
      fresh,
      onChange: (changed) => {
        const entry = shown.get(changed.id);
        if (entry) entry.alert = changed;
      },
    });

  function drawCount() {
    counter.textContent = t('showing', { n: num(shown.size, 0) });
    if (shown.size === 0 && !list.querySelector('.empty'))
      list.appendChild(h('li', { class: 'empty' }, t('noAlerts')));
    if (shown.size > 0) list.querySelector('.empty')?.remove();
  }

  /** Live changes that arrive while the list is being read; applied once it is. */
  /** @type {Alert[] | null} */
  let buffered = null;

  /** Reads the list again (the newest answer wins over the changes buffered meanwhile). */
  async function reload() {
    buffered = buffered ?? [];
    try {
      const body = /** @type {Alert[]} */ (
        await get(`/alerts${query({ status, parkId, limit: 200 })}`, ctx.signal)
      );
      shown.clear();
      replace(list);
      for (const a of body.filter(matches)) {
        const el = item(a, false);
        shown.set(a.id, { alert: a, el });
        list.appendChild(el);
      }
    } finally {
      const changes = buffered ?? [];
      buffered = null;
      for (const a of changes) arrive(a);
      drawCount();
    }
  }

  /** @param {Alert} a */
  function arrive(a) {
    if (buffered) {
      buffered.push(a);
      return;
    }
    if (!matches(a)) return;
    const entry = shown.get(a.id);
    if (entry) {
      if (Date.parse(entry.alert.updatedAt) > Date.parse(a.updatedAt)) return;
      const el = item(a, entry.el.classList.contains('fresh'));
      entry.el.replaceWith(el);
      shown.set(a.id, { alert: a, el });
      return;
    }
    // A change to an alert not on the list: show it when it belongs to this tab.
    if (a.status !== status) return;
    const el = item(a, true);
    shown.set(a.id, { alert: a, el });
    list.prepend(el);
    drawCount();
  }

  // The list is read again when the stream (re)connects, as changes may have been missed meanwhile;
  // data-sync says whether such a read is due or running.
  let resyncTimer = 0;
  let resyncDue = false;
  let reading = Promise.resolve();
  const settle = () => {
    if (!resyncDue && !buffered) list.dataset['sync'] = 'idle';
  };
  ctx.onCleanup(() => window.clearTimeout(resyncTimer));
  ctx.onCleanup(
    subscribe((event) => {
      if (event.type === 'alert') {
        arrive(event.alert);
        return;
      }
      window.clearTimeout(resyncTimer);
      resyncDue = true;
      list.dataset['sync'] = 'pending';
      resyncTimer = window.setTimeout(() => {
        reading = reading
          .catch(() => undefined)
          .then(() => {
            resyncDue = false;
            return reload().catch(() => undefined);
          });
        void reading.then(settle);
      }, 300);
    }),
  );

  replace(
    ctx.root,
    pageHead(t('alertsTitle'), t('alertsLead'), liveBadge),
    h(
      'div',
      { class: 'alerts', 'data-testid': 'alerts-view' },
      h(
        'div',
        { class: 'toolbar card' },
        tabs,
        h('label', { class: 'field' }, h('span', {}, t('filterPark')), parkSelect),
        h('label', { class: 'field' }, h('span', {}, t('filterSeverity')), severitySelect),
        counter,
      ),
      list,
    ),
  );
  reading = reload();
  await reading;
  settle();
}
