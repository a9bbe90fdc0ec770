// @ts-check
// A station's readings the flat-line screen set aside: never hidden. Each parameter-day names how many and
// how far they went against the limit; a suspected exceedance is confirmed or rejected here by an officer,
// with the grounds, and every review stays listed.

import { ApiError, currentUser, post } from '../api.js';
import { h, replace } from '../dom.js';
import { exact, label, t, UNITS, when } from '../i18n.js';
import { badge, card } from '../ui.js';

/** @typedef {import('../types.js').StationDaily} StationDaily */
/** @typedef {import('../types.js').StationDay} StationDay */
/** @typedef {import('../types.js').ParameterDay} ParameterDay */
/** @typedef {import('../types.js').SetAsideReview} SetAsideReview */

/** Roles that may review (the API refuses the others too). */
const REVIEWERS = ['admin', 'officer'];

/**
 * "≤ 150 mg/L" for a parameter-day's limit.
 * @param {ParameterDay} p
 */
function limitText(p) {
  const unit = UNITS[p.parameterCode] ?? '';
  if (p.limitMin !== null && p.limitMax !== null) return `${exact(p.limitMin)}–${exact(p.limitMax)} ${unit}`;
  return p.limitMax !== null ? `≤ ${exact(p.limitMax)} ${unit}` : `≥ ${exact(p.limitMin)} ${unit}`;
}

/**
 * @param {number} stationId
 * @param {StationDay} day
 * @param {ParameterDay} p
 */
function parameterItem(stationId, day, p) {
  const unit = UNITS[p.parameterCode] ?? '';
  const values =
    p.setAsideMax === p.setAsideMin
      ? `${exact(p.setAsideMax)} ${unit}`
      : `${exact(p.setAsideMin)}–${exact(p.setAsideMax)} ${unit}`;
  const range = `${values} ${t(p.setAsideBeyondLimit ? 'setAsideBeyond' : 'setAsideWithin', { limit: limitText(p) })}`;
  const reviews = (day.setAsideReviews ?? []).filter((r) => r.parameterCode === p.parameterCode);
  const li = h('li', {
    'data-testid': 'set-aside-item',
    'data-day': day.day,
    'data-parameter': p.parameterCode,
    'data-review': p.reviewDecision ?? 'pending',
  });
  const status = h(
    'span',
    { class: `chip tone-${p.reviewDecision === null && p.setAsideBeyondLimit ? 'warn' : 'muted'}` },
    label('review', p.reviewDecision ?? 'pending'),
  );
  const history = h(
    'ul',
    { class: 'reason-lines', 'data-testid': 'set-aside-reviews' },
    reviews.map((r) => reviewLine(r)),
  );
  const verdict = h('span', {}, badge('verdict', day.verdict));
  /** After a review: the new state and the day's verdict as judged again. */
  const reviewed = (/** @type {'confirmed' | 'rejected'} */ decision, /** @type {string} */ dayVerdict) => {
    li.dataset['review'] = decision;
    status.className = 'chip tone-muted';
    status.textContent = label('review', decision);
    replace(verdict, badge('verdict', dayVerdict));
  };
  const user = currentUser();
  const form =
    user && REVIEWERS.includes(user.role) ? reviewForm(stationId, day.day, p, history, reviewed) : null;
  replace(
    li,
    h(
      'div',
      { class: 'reason-head' },
      h('strong', {}, when(new Date(`${day.day}T12:00:00+07:00`), 'date')),
      verdict,
      status,
    ),
    h(
      'p',
      {},
      t('setAsideLine', {
        param: label('param', p.parameterCode),
        n: p.setAsideRecords,
        run: p.flatlineRecords ?? '',
        range,
      }),
    ),
    history,
    form,
  );
  return li;
}

/** @param {SetAsideReview} r */
function reviewLine(r) {
  return h(
    'li',
    { 'data-decision': r.decision },
    t('reviewBy', {
      decision: label('review', r.decision),
      reviewer: r.reviewer,
      at: when(new Date(r.reviewedAt), 'datetime'),
      note: r.note,
    }),
  );
}

/**
 * @param {number} stationId
 * @param {string} day
 * @param {ParameterDay} p
 * @param {HTMLElement} history
 * @param {(decision: 'confirmed' | 'rejected', verdict: string) => void} onReviewed
 */
function reviewForm(stationId, day, p, history, onReviewed) {
  const note = /** @type {HTMLTextAreaElement} */ (
    h('textarea', {
      rows: 2,
      'aria-label': t('reviewNote'),
      placeholder: t('reviewNote'),
      'data-testid': 'review-note',
    })
  );
  const message = h('p', {
    class: 'form-error',
    role: 'status',
    hidden: true,
    'data-testid': 'review-message',
  });
  /** @param {string} text @param {boolean} ok */
  const say = (text, ok) => {
    message.className = ok ? 'notice' : 'form-error';
    message.textContent = text;
    message.hidden = false;
  };
  /**
   * @param {'confirmed' | 'rejected'} decision
   * @param {HTMLButtonElement} button
   */
  async function submit(decision, button) {
    message.hidden = true;
    if (note.value.trim() === '') {
      say(t('reviewNoteRequired'), false);
      return;
    }
    button.disabled = true;
    try {
      const result = /** @type {{ review: SetAsideReview, day: { verdict: string } }} */ (
        await post(`/stations/${stationId}/compliance/${day}/set-aside-reviews`, {
          parameter: p.parameterCode,
          decision,
          note: note.value.trim(),
        })
      );
      history.prepend(reviewLine(result.review));
      onReviewed(decision, result.day.verdict);
      note.value = '';
      say(t('reviewDone', { verdict: label('verdict', result.day.verdict) }), true);
    } catch (e) {
      say(t('actionFailed', { message: e instanceof ApiError ? e.message : String(e) }), false);
    } finally {
      button.disabled = false;
    }
  }
  const confirm = /** @type {HTMLButtonElement} */ (
    h(
      'button',
      { class: 'button primary small', type: 'button', 'data-testid': 'review-confirm' },
      t('reviewConfirm'),
    )
  );
  const reject = /** @type {HTMLButtonElement} */ (
    h(
      'button',
      { class: 'button ghost small', type: 'button', 'data-testid': 'review-reject' },
      t('reviewReject'),
    )
  );
  confirm.addEventListener('click', () => void submit('confirmed', confirm));
  reject.addEventListener('click', () => void submit('rejected', reject));
  return h('div', { class: 'review-form' }, note, h('div', { class: 'actions' }, confirm, reject), message);
}

/**
 * Every parameter-day of the range with readings set aside, newest first; suspected ones reviewable.
 * @param {StationDaily} daily
 */
export function setAsideCard(daily) {
  const items = [...daily.days]
    .sort((a, b) => b.day.localeCompare(a.day))
    .flatMap((d) => d.parameters.filter((p) => (p.setAsideRecords ?? 0) > 0).map((p) => ({ d, p })));
  return card(
    t('setAsideTitle'),
    [
      h('p', { class: 'muted small-note' }, t('setAsideIntro')),
      items.length === 0
        ? h('p', { class: 'empty good', 'data-testid': 'no-set-aside' }, t('setAsideNone'))
        : h(
            'ul',
            { class: 'exceedances', 'data-testid': 'set-aside-list' },
            items.map(({ d, p }) => parameterItem(daily.stationId, d, p)),
          ),
    ],
    { testid: 'set-aside' },
  );
}
