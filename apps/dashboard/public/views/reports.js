// @ts-check
// Báo cáo: the progress report on both 2030 targets for a month, quarter or year, generated on demand and
// downloaded as PDF, XLSX or CSV (city-wide, or one park's; a park operator only their own parks'), and the
// reports generated lately (not for park operators).

import { ApiError, download, get, query } from '../api.js';
import { localDay, periodKey, previousPeriods } from '../dates.js';
import { h, replace } from '../dom.js';
import { label, lang, monthLabel, num, t, when } from '../i18n.js';
import { card, empty, errorState, pageHead, saveFile, shortParkName, table } from '../ui.js';

/** @typedef {import('../types.js').ViewContext} ViewContext */
/** @typedef {import('../types.js').Park} Park */
/** @typedef {import('../types.js').ReportRun} ReportRun */
/** @typedef {import('../dates.js').PeriodKind} PeriodKind */

const KINDS = /** @type {const} */ (['month', 'quarter', 'year']);
const LANGUAGES = /** @type {const} */ (['vi', 'en']);
const FORMATS = /** @type {const} */ (['pdf', 'xlsx', 'csv']);
/** How far back the period list goes, per kind. */
const HISTORY = { month: 36, quarter: 12, year: 6 };

/**
 * A period key as the reader says it: 'Tháng 10/2026', 'Quý 4/2026', 'Năm 2026'.
 * @param {string} key
 */
export function periodName(key) {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(key);
  if (quarter) return t('quarterOption', { q: quarter[2], year: quarter[1] });
  if (/^\d{4}-\d{2}$/.test(key)) return t('monthOption', { month: monthLabel(key) });
  return t('yearOption', { year: key });
}

/** @param {number} bytes */
function size(bytes) {
  return bytes >= 1024 * 1024 ? `${num(bytes / 1024 / 1024, 1)} MB` : `${num(bytes / 1024, 0)} kB`;
}

/**
 * A labelled select.
 * @param {string} id
 * @param {string} text
 * @param {HTMLSelectElement} select
 */
function field(id, text, select) {
  select.id = id;
  return h('label', { class: 'field', for: id }, h('span', {}, text), select);
}

/** @param {ViewContext} ctx */
export async function reportsView(ctx) {
  const operator = ctx.user.role === 'park_operator';
  document.title = `${t('reportsTitle')} · ${t('appShort')}`;
  // /api/parks holds only their own parks for a park operator.
  const parks = /** @type {Park[]} */ (await get('/parks', ctx.signal));
  const parkByCode = new Map(parks.map((p) => [p.code, p]));
  /** @type {{ code: string, name: string }[]} */
  const parkChoices = (operator ? ctx.user.parkCodes : parks.map((p) => p.code)).map((code) => {
    const park = parkByCode.get(code);
    return { code, name: park ? `${shortParkName(park)} (${code})` : code };
  });

  const kindSelect = h(
    'select',
    { 'data-testid': 'report-kind' },
    KINDS.map((k) => h('option', { value: k, selected: k === 'month' }, label('periodKind', k))),
  );
  const periodSelect = h('select', { 'data-testid': 'report-period' });
  const langSelect = h(
    'select',
    { 'data-testid': 'report-lang' },
    LANGUAGES.map((l) => h('option', { value: l, selected: l === lang() }, label('language', l))),
  );
  const formatSelect = h(
    'select',
    { 'data-testid': 'report-format' },
    FORMATS.map((f) => h('option', { value: f }, label('format', f))),
  );
  const parkSelect = h(
    'select',
    { 'data-testid': 'report-park' },
    operator ? null : h('option', { value: '' }, t('cityWide')),
    parkChoices.map((p) => h('option', { value: p.code }, p.name)),
  );

  /** The current period of the kind (in progress), then the complete ones, the last of them chosen. */
  const drawPeriods = () => {
    const kind = /** @type {PeriodKind} */ (kindSelect.value);
    const today = localDay();
    const current = periodKey(kind, today);
    const previous = previousPeriods(kind, today, HISTORY[kind]);
    replace(
      periodSelect,
      h('option', { value: current }, t('periodCurrent', { period: periodName(current) })),
      previous.map((key, i) => h('option', { value: key, selected: i === 0 }, periodName(key))),
    );
  };
  drawPeriods();
  kindSelect.addEventListener('change', drawPeriods);

  const button = h(
    'button',
    { class: 'button primary', type: 'submit', 'data-testid': 'report-download' },
    t('reportDownload'),
  );
  const error = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'report-error', hidden: true });
  const status = h('p', { class: 'muted report-status', role: 'status', 'data-testid': 'report-status' });
  const runsBox = h('div', { 'data-testid': 'report-runs' });

  let busy = false;
  /** @param {boolean} on */
  const setBusy = (on) => {
    busy = on;
    button.disabled = on;
    form.setAttribute('aria-busy', on ? 'true' : 'false');
    replace(
      button,
      on ? [h('span', { class: 'spinner', 'aria-hidden': 'true' }), t('reportBusy')] : t('reportDownload'),
    );
  };

  const submit = async () => {
    if (busy || !periodSelect.value) return;
    const period = periodSelect.value;
    const language = langSelect.value;
    const format = formatSelect.value;
    const park = parkSelect.value;
    error.hidden = true;
    status.textContent = '';
    setBusy(true);
    try {
      const file = await download(
        `/reports/progress${query({ kind: kindSelect.value, period, lang: language, format, park })}`,
        ctx.signal,
      );
      const filename = file.filename ?? `progress-${period}-${language}${park ? `-${park}` : ''}.${format}`;
      saveFile(file.blob, filename);
      status.textContent = t('reportSaved', { file: filename });
      if (!operator) void drawRuns();
    } catch (e) {
      if (ctx.signal.aborted) return;
      error.textContent = t('reportFailed', { message: e instanceof ApiError ? e.message : String(e) });
      error.hidden = false;
    } finally {
      if (!ctx.signal.aborted) setBusy(false);
    }
  };

  const form = h(
    'form',
    {
      class: 'report-form',
      'data-testid': 'report-form',
      'aria-busy': 'false',
      onsubmit: (event) => {
        event.preventDefault();
        void submit();
      },
    },
    h(
      'div',
      { class: 'report-fields' },
      field('report-kind', t('reportKind'), kindSelect),
      field('report-period', t('reportPeriod'), periodSelect),
      field('report-park', t('reportScope'), parkSelect),
      field('report-lang', t('reportLanguage'), langSelect),
      field('report-format', t('reportFormat'), formatSelect),
    ),
    h('div', { class: 'report-actions' }, button, status),
    error,
    h('p', { class: 'small-note muted' }, operator ? t('reportOperatorNote') : t('reportNote')),
  );

  const drawRuns = async () => {
    try {
      const runs = /** @type {ReportRun[]} */ (await get(`/reports/runs${query({ limit: 10 })}`, ctx.signal));
      replace(runsBox, runs.length ? runsTable(runs, parkByCode) : empty(t('noRuns')));
    } catch (e) {
      if (!ctx.signal.aborted) replace(runsBox, errorState(e));
    }
  };

  replace(
    ctx.root,
    pageHead(t('reportsTitle'), t('reportsLead')),
    h(
      'div',
      { class: 'reports', 'data-testid': 'reports-view' },
      card(t('reportFormTitle'), [form]),
      operator ? null : card(t('reportRunsTitle'), [runsBox]),
    ),
  );
  if (!operator) await drawRuns();
}

/**
 * @param {ReportRun[]} runs
 * @param {Map<string, Park>} parkByCode
 */
function runsTable(runs, parkByCode) {
  return table(
    [
      t('reportPeriod'),
      t('reportScope'),
      t('reportLanguage'),
      t('runGeneratedAt'),
      t('runTrigger'),
      t('runFiles'),
    ],
    runs.map((r) => {
      const park = r.scope ? parkByCode.get(r.scope) : undefined;
      return [
        h(
          'span',
          {},
          periodName(r.period),
          ' ',
          r.status === 'failed' ? h('span', { class: 'badge tone-bad' }, label('runStatus', 'failed')) : null,
        ),
        r.scope ? (park ? shortParkName(park) : r.scope) : t('cityWide'),
        label('language', r.language),
        when(r.generatedAt),
        [
          label('runTrigger', r.trigger),
          r.requestedBy ? h('span', { class: 'muted' }, ` · ${r.requestedBy}`) : null,
        ],
        r.status === 'failed'
          ? h('span', { class: 'tone-text-bad' }, r.error ?? t('none'))
          : r.files.map((f) =>
              h('span', { class: 'chip tone-info' }, `${f.format.toUpperCase()} ${size(f.bytes)}`),
            ),
      ];
    }),
    { testid: 'report-runs-table', class: 'stack-mobile' },
  );
}
