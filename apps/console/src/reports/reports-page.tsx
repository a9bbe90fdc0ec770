import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, Input, Label, TextArea, TextField } from 'react-aria-components';
import type { CityReport, ReportSubmission } from '../../../dashboard/public/api-types';
import { apiDownload, apiGet, apiSend, ApiError, currentSession } from '../api/client';
import { useI18n, type MessageKey } from '../i18n/i18n';
import { DataTable } from '../ui/data-table';

/**
 * The reporting chain of plan 624/KH-BQL: a park operator writes its park's periodic report over the
 * platform's figures (read-only) and submits it; the Planning department (officers, admins) returns it
 * with comments or approves it, then drafts and issues the numbered report to the City. Issued versions
 * are listed, never replaced; a correction is a new version.
 */
type SubmissionState = ReportSubmission['state'];
const STATES: SubmissionState[] = ['draft', 'submitted', 'returned', 'resubmitted', 'approved'];
const NARRATIVE = ['progress', 'difficulties', 'proposals'] as const;
type Narrative = Record<(typeof NARRATIVE)[number], string>;
type Action = 'save' | 'submit' | 'return' | 'approve';

/** The month before this one, '2026-11': the period a park reports on in the first days of a month. */
export function previousMonth(now = new Date()): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

const PERIOD_PATTERN = /^[0-9]{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/;

function useErrorText() {
  const i18n = useI18n();
  return (error: unknown) => i18n.t('actionFailed', { status: error instanceof ApiError ? error.status : 0 });
}

export function ReportsPage() {
  const i18n = useI18n();
  const user = currentSession()?.user;
  const reviewer = user?.role === 'admin' || user?.role === 'officer';
  return (
    <div className="reports" data-testid="reports">
      <h1>{i18n.t('reportsTitle')}</h1>
      <p className="intro">{i18n.t(reviewer ? 'reportsIntroReviewer' : 'reportsIntroOperator')}</p>
      {reviewer ? (
        <>
          <ReviewQueue />
          <CityReports />
        </>
      ) : (
        <ParkSubmissions parkCode={user?.parkCodes[0] ?? ''} />
      )}
    </div>
  );
}

function SubmissionList({
  submissions,
  selected,
  onSelect,
}: {
  submissions: ReportSubmission[];
  selected: number | null;
  onSelect: (id: number) => void;
}) {
  const i18n = useI18n();
  if (submissions.length === 0) return <p data-testid="submissions-empty">{i18n.t('submissionsEmpty')}</p>;
  return (
    <DataTable
      testId="submission-list"
      rows={submissions}
      rowKey={(s) => s.id}
      rowProps={(s) => ({
        'data-testid': 'submission-row',
        'data-state': s.state,
        'aria-current': s.id === selected,
      })}
      columns={[
        { header: 'park', cell: (s) => s.parkCode },
        { header: 'reportPeriod', cell: (s) => s.period },
        {
          header: 'reportState',
          cell: (s) => (
            <span className={`submission-state state-${s.state}`}>
              {i18n.t(`state_${s.state}` as MessageKey)}
            </span>
          ),
        },
        { header: 'reportUpdated', cell: (s) => i18n.time(s.updatedAt) },
        {
          header: 'reportOpen',
          hiddenHeader: true,
          cell: (s) => (
            <Button className="button" onPress={() => onSelect(s.id)} data-testid="submission-open">
              {i18n.t('reportOpen')}
            </Button>
          ),
        },
      ]}
    />
  );
}

function PeriodField({
  value,
  onChange,
  testId,
}: {
  value: string;
  onChange: (v: string) => void;
  testId: string;
}) {
  const i18n = useI18n();
  return (
    <TextField
      value={value}
      onChange={onChange}
      isInvalid={value !== '' && !PERIOD_PATTERN.test(value)}
      className="inline-field"
    >
      <Label>{i18n.t('periodLabel')}</Label>
      <Input data-testid={testId} placeholder="2026-11" />
    </TextField>
  );
}

/** The park operator's side: its park's submissions, one opened for a period, written and submitted. */
function ParkSubmissions({ parkCode }: { parkCode: string }) {
  const i18n = useI18n();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [period, setPeriod] = useState(previousMonth);
  const [selected, setSelected] = useState<number | null>(null);
  const list = useQuery({
    queryKey: ['submissions', parkCode],
    queryFn: () => apiGet('/api/report-submissions', { query: { park: parkCode } }),
  });
  const open = useMutation({
    mutationFn: async () => {
      const existing = list.data?.find((s) => s.period === period);
      return existing ?? apiSend('POST', '/api/report-submissions', {}, { period }, { park: parkCode });
    },
    onSuccess: (s) => {
      setSelected(s.id);
      void queryClient.invalidateQueries({ queryKey: ['submissions'] });
    },
  });
  return (
    <>
      <section className="panel" aria-labelledby="park-submissions-title">
        <h2 id="park-submissions-title">{i18n.t('parkSubmissionsTitle', { park: parkCode })}</h2>
        <div className="toolbar">
          <PeriodField value={period} onChange={setPeriod} testId="submission-period" />
          <Button
            className="button primary"
            isDisabled={!PERIOD_PATTERN.test(period) || open.isPending || !parkCode}
            onPress={() => open.mutate()}
            data-testid="submission-open-period"
          >
            {i18n.t('openPeriod')}
          </Button>
        </div>
        {open.isError && (
          <p role="alert" className="form-error">
            {errorText(open.error)}
          </p>
        )}
        {list.data && <SubmissionList submissions={list.data} selected={selected} onSelect={setSelected} />}
      </section>
      {selected !== null && <SubmissionDetail id={selected} mode="operator" />}
    </>
  );
}

/** The Planning department's side: submissions by period and state, each returned or approved. */
function ReviewQueue() {
  const i18n = useI18n();
  const [period, setPeriod] = useState('');
  const [state, setState] = useState<SubmissionState | ''>('');
  const [selected, setSelected] = useState<number | null>(null);
  const validPeriod = PERIOD_PATTERN.test(period) ? period : undefined;
  const list = useQuery({
    queryKey: ['submissions', 'review', validPeriod, state],
    queryFn: () =>
      apiGet('/api/report-submissions', { query: { period: validPeriod, state: state || undefined } }),
  });
  return (
    <>
      <section className="panel" aria-labelledby="review-title">
        <h2 id="review-title">{i18n.t('reviewTitle')}</h2>
        <div className="toolbar">
          <PeriodField value={period} onChange={setPeriod} testId="review-period" />
          <div className="inline-field">
            <label htmlFor="review-state">{i18n.t('reportState')}</label>
            <select
              id="review-state"
              data-testid="review-state"
              value={state}
              onChange={(e) => setState(e.target.value as SubmissionState | '')}
            >
              <option value="">{i18n.t('reportAllStates')}</option>
              {STATES.map((s) => (
                <option key={s} value={s}>
                  {i18n.t(`state_${s}` as MessageKey)}
                </option>
              ))}
            </select>
          </div>
        </div>
        {list.isError && <p role="alert">{i18n.t('loadError')}</p>}
        {list.data && <SubmissionList submissions={list.data} selected={selected} onSelect={setSelected} />}
      </section>
      {selected !== null && <SubmissionDetail id={selected} mode="reviewer" />}
    </>
  );
}

/** One submission: the figures read-only, the narrative (editable by the park while it may change), its history. */
function SubmissionDetail({ id, mode }: { id: number; mode: 'operator' | 'reviewer' }) {
  const i18n = useI18n();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const one = useQuery({
    queryKey: ['submission', id],
    queryFn: () => apiGet('/api/report-submissions/{id}', { params: { id } }),
  });
  const [edits, setEdits] = useState<Partial<Narrative>>({});
  const [comment, setComment] = useState('');
  const done = (s: ReportSubmission) => {
    queryClient.setQueryData(['submission', id], s);
    setEdits({});
    setComment('');
    void queryClient.invalidateQueries({ queryKey: ['submissions'] });
  };
  const action = useMutation({
    mutationFn: async (kind: Action) => {
      const params = { id };
      switch (kind) {
        case 'save':
          return apiSend('PATCH', '/api/report-submissions/{id}', params, edits);
        case 'submit':
          return apiSend('POST', '/api/report-submissions/{id}/submit', params, edits);
        case 'return':
          return apiSend('POST', '/api/report-submissions/{id}/return', params, { comment });
        case 'approve':
          return apiSend(
            'POST',
            '/api/report-submissions/{id}/approve',
            params,
            comment.trim() ? { comment } : {},
          );
      }
    },
    onSuccess: done,
  });
  const actionButton = (kind: Action, label: MessageKey, primary = false, disabled = false) => (
    <Button
      className={primary ? 'button primary' : 'button'}
      isDisabled={action.isPending || disabled}
      onPress={() => action.mutate(kind)}
      data-testid={`submission-${kind}`}
    >
      {i18n.t(label)}
    </Button>
  );
  const s = one.data;
  if (!s) return one.isError ? <p role="alert">{i18n.t('loadError')}</p> : null;
  const editable = mode === 'operator' && (s.state === 'draft' || s.state === 'returned');
  const reviewable = mode === 'reviewer' && (s.state === 'submitted' || s.state === 'resubmitted');
  const lastReturn = [...s.events].reverse().find((e) => e.action === 'return');
  return (
    <section
      className="panel"
      aria-labelledby="submission-title"
      data-testid="submission-detail"
      data-state={s.state}
    >
      <h2 id="submission-title">
        {i18n.t('submissionTitle', { park: s.parkCode, period: s.period })}{' '}
        <span className={`submission-state state-${s.state}`} data-testid="submission-state">
          {i18n.t(`state_${s.state}` as MessageKey)}
        </span>
      </h2>
      {s.state === 'returned' && lastReturn?.comment && (
        <div className="notice" role="note" data-testid="review-comment">
          <strong>
            {i18n.t('reviewerComment', { actor: lastReturn.actor, time: i18n.time(lastReturn.at) })}
          </strong>
          <p>{lastReturn.comment}</p>
        </div>
      )}
      <h3>{i18n.t('figuresTitle')}</h3>
      <p className="hint">{i18n.t('figuresHint')}</p>
      <Figures figures={s.figures} />
      <h3>{i18n.t('narrativeTitle')}</h3>
      {NARRATIVE.map((field) =>
        editable ? (
          <TextField
            key={field}
            value={edits[field] ?? s[field]}
            onChange={(value) => setEdits((e) => ({ ...e, [field]: value }))}
            className="text-block"
          >
            <Label>{i18n.t(`narrative_${field}`)}</Label>
            <TextArea rows={4} data-testid={`narrative-${field}`} />
          </TextField>
        ) : (
          <div key={field} className="text-block">
            <h4>{i18n.t(`narrative_${field}`)}</h4>
            <p className="narrative" data-testid={`narrative-${field}-text`}>
              {s[field] || '—'}
            </p>
          </div>
        ),
      )}
      {editable && (
        <div className="toolbar">
          {actionButton('save', 'reportSaveDraft')}
          {actionButton('submit', s.state === 'returned' ? 'reportResubmit' : 'reportSubmit', true)}
        </div>
      )}
      {reviewable && (
        <>
          <TextField value={comment} onChange={setComment} className="text-block">
            <Label>{i18n.t('reviewComment')}</Label>
            <TextArea rows={3} data-testid="review-comment-input" />
          </TextField>
          <div className="toolbar">
            {actionButton('return', 'returnWithComment', false, comment.trim() === '')}
            {actionButton('approve', 'reportApprove', true)}
          </div>
        </>
      )}
      {action.isError && (
        <p role="alert" className="form-error">
          {errorText(action.error)}
        </p>
      )}
      <h3>{i18n.t('historyTitle')}</h3>
      <ol className="history" data-testid="submission-history">
        {s.events.map((e, i) => (
          <li key={i}>
            <time dateTime={e.at}>{i18n.time(e.at)}</time> {e.actor}:{' '}
            {i18n.t(`action_${e.action}` as MessageKey)}
            {e.comment && <q>{e.comment}</q>}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The platform's figures as the server built them (frozen at submission): names and values, read-only. */
function Figures({ figures }: { figures: Record<string, unknown> }) {
  const i18n = useI18n();
  const rows = flatten(figures, '', 3).slice(0, 48);
  if (rows.length === 0) return <p>—</p>;
  return (
    <dl className="figures" data-testid="submission-figures">
      {rows.map(([name, value]) => (
        <div key={name}>
          <dt>{name}</dt>
          <dd>{typeof value === 'number' ? i18n.number(value) : value}</dd>
        </div>
      ))}
    </dl>
  );
}

function flatten(value: unknown, prefix: string, depth: number): [string, string | number][] {
  if (value === null || value === undefined) return prefix ? [[prefix, '—']] : [];
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean')
    return [[prefix, typeof value === 'boolean' ? String(value) : value]];
  if (Array.isArray(value)) return [[prefix, `[${value.length}]`]];
  if (depth === 0) return [[prefix, '{…}']];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
    flatten(v, prefix ? `${prefix}.${k}` : k, depth - 1),
  );
}

/** The Authority's reports to the City: draft for a period, issue (numbered, frozen), download; every version kept. */
function CityReports() {
  const i18n = useI18n();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [period, setPeriod] = useState(previousMonth);
  const history = useQuery({ queryKey: ['city-reports'], queryFn: () => apiGet('/api/city-reports') });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['city-reports'] });
  const create = useMutation({
    mutationFn: () => apiSend('POST', '/api/city-reports', {}, { period, language: i18n.language }),
    onSuccess: refresh,
  });
  const issue = useMutation({
    mutationFn: (id: number) => apiSend('POST', '/api/city-reports/{id}/issue', { id }, undefined as never),
    onSuccess: refresh,
  });
  const download = useMutation({
    mutationFn: ({ report, format }: { report: CityReport; format: 'pdf' | 'xlsx' }) =>
      apiDownload(
        `/city-reports/${report.id}/document.${format}`,
        report.files.find((f) => f.format === format)?.filename ?? `report-${report.id}.${format}`,
      ),
  });
  const error = create.error ?? issue.error ?? download.error;
  return (
    <section className="panel" aria-labelledby="city-title">
      <h2 id="city-title">{i18n.t('cityReportsTitle')}</h2>
      <div className="toolbar">
        <PeriodField value={period} onChange={setPeriod} testId="city-period" />
        <Button
          className="button primary"
          isDisabled={!PERIOD_PATTERN.test(period) || create.isPending}
          onPress={() => create.mutate()}
          data-testid="city-create"
        >
          {i18n.t('cityCreate')}
        </Button>
      </div>
      {error && (
        <p role="alert" className="form-error">
          {errorText(error)}
        </p>
      )}
      {history.data && history.data.length === 0 && <p>{i18n.t('cityReportsEmpty')}</p>}
      {history.data && history.data.length > 0 && (
        <DataTable
          testId="city-report-list"
          rows={history.data}
          rowKey={(r) => r.id}
          rowProps={(r) => ({ 'data-testid': 'city-report-row', 'data-state': r.state })}
          columns={[
            { header: 'reportPeriod', cell: (r) => r.period },
            { header: 'reportVersion', cell: (r) => r.version },
            { header: 'reportDocumentNumber', cell: (r) => r.documentNumber ?? '—' },
            {
              header: 'reportState',
              cell: (r) =>
                r.state === 'issued'
                  ? i18n.t('cityIssued', { time: r.issuedAt ? i18n.time(r.issuedAt) : '' })
                  : i18n.t('cityDraft'),
            },
            {
              header: 'reportActions',
              className: 'actions',
              cell: (r) =>
                r.state === 'draft' ? (
                  <Button
                    className="button primary"
                    isDisabled={issue.isPending}
                    onPress={() => issue.mutate(r.id)}
                    data-testid="city-issue"
                  >
                    {i18n.t('cityIssue')}
                  </Button>
                ) : (
                  (['pdf', 'xlsx'] as const).map((format) => (
                    <Button
                      key={format}
                      className="button"
                      onPress={() => download.mutate({ report: r, format })}
                      data-testid={`city-download-${format}`}
                      aria-label={i18n.t('downloadLabel', {
                        format: format.toUpperCase(),
                        period: r.period,
                        version: r.version,
                      })}
                    >
                      {format.toUpperCase()}
                    </Button>
                  ))
                ),
            },
          ]}
        />
      )}
    </section>
  );
}
