import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import type { CorrectionProposalDto } from '../../../dashboard/public/api-types';
import { CORRECTION_REASON_CODES } from '../../../../libs/readings/src/corrections/correction-reasons';
import { apiGet, apiSend, ApiError, currentSession, type SendBody } from '../api/client';
import { useI18n, type MessageKey } from '../i18n/i18n';
import { canEditRegistry } from '../registry/registry-pages';
import { DataTable } from '../ui/data-table';
import { ApiForm, Field, numberOf, textOf } from '../ui/form-fields';
import { LoadState } from '../ui/load-state';

type ProposalBody = SendBody<'POST', '/api/stations/{id}/readings/correction-proposals'>;
const REASON_CODES: readonly ProposalBody['reasonCode'][] = CORRECTION_REASON_CODES;
const STATUSES = ['00', '01', '02'] as const;

/** The reading a correction is proposed for (picked in a values table). */
export interface ReadingRef {
  parameter: string;
  time: string;
  value: number | null;
  status: '00' | '01' | '02' | null;
}

/**
 * Corrections with review: an editor proposes a correction of the reading picked in a values table (a new
 * value and/or status, or a withdrawal) with a reason code and a note; another editor approves (it takes
 * effect, the day is judged again) or rejects it with a reason. Everyone who sees the station sees them.
 */
export function CorrectionsPanel({
  stationId,
  reading,
  onClose,
}: {
  stationId: number;
  reading: ReadingRef | null;
  onClose: () => void;
}) {
  const i18n = useI18n();
  const queryClient = useQueryClient();
  const editor = canEditRegistry();
  const proposals = useQuery({
    queryKey: ['data', 'proposals', stationId],
    queryFn: () =>
      apiGet('/api/stations/{id}/readings/correction-proposals', {
        params: { id: stationId },
        query: { limit: 50 },
      }),
    refetchInterval: 15_000,
  });
  const changed = () => {
    void queryClient.invalidateQueries({ queryKey: ['data'] });
    void queryClient.invalidateQueries({ queryKey: ['registry', 'station-days', stationId] });
  };
  return (
    <section className="panel" aria-labelledby="data-corrections-title" data-testid="data-corrections">
      <h2 id="data-corrections-title">{i18n.t('dataCorrectionsTitle')}</h2>
      {editor && !reading && <p className="note">{i18n.t('dataCorrectHint')}</p>}
      {editor && reading && (
        <ProposalForm
          key={`${reading.parameter}@${reading.time}`}
          stationId={stationId}
          reading={reading}
          onDone={() => {
            changed();
            onClose();
          }}
          onCancel={onClose}
        />
      )}
      <LoadState isError={proposals.isError} isLoading={proposals.isLoading} />
      {proposals.data && proposals.data.length === 0 && <p className="note">{i18n.t('dataNoProposals')}</p>}
      {proposals.data && proposals.data.length > 0 && (
        <DataTable
          rows={proposals.data}
          rowKey={(p) => p.id}
          testId="data-proposals"
          caption={i18n.t('dataCorrectionsTitle')}
          rowProps={(p) => ({ 'data-proposal': p.id, 'data-state': p.state })}
          columns={[
            { header: 'dataReading', cell: (p) => `${p.parameter} · ${i18n.time(p.time)}` },
            { header: 'dataChange', cell: (p) => changeText(i18n.t, p) },
            {
              header: 'dataReason',
              cell: (p) => (
                <>
                  <strong>{i18n.t(`dataReason_${p.reasonCode}` as MessageKey)}</strong>: {p.note}
                </>
              ),
            },
            { header: 'dataProposedBy', cell: (p) => p.proposedBy },
            {
              header: 'dataReviewState',
              cell: (p) => (
                <span data-testid="proposal-state">
                  {i18n.t(`dataState_${p.state}` as MessageKey)}
                  {p.reviewedBy && ` · ${p.reviewedBy}`}
                  {p.reviewNote && `: ${p.reviewNote}`}
                </span>
              ),
            },
            {
              header: 'dataActions',
              hiddenHeader: true,
              cell: (p) =>
                editor && p.state === 'pending' ? <ReviewControls proposal={p} onDone={changed} /> : null,
            },
          ]}
        />
      )}
    </section>
  );
}

function changeText(
  t: (key: MessageKey, values?: Record<string, string | number>) => string,
  p: CorrectionProposalDto,
) {
  if (p.withdrawn) return t('dataWithdraw');
  const parts = [];
  if (p.value !== null) parts.push(t('dataNewValue', { value: p.value }));
  if (p.status !== null) parts.push(t(`dataStatus${p.status}` as MessageKey));
  return parts.join(' · ');
}

function ProposalForm({
  stationId,
  reading,
  onDone,
  onCancel,
}: {
  stationId: number;
  reading: ReadingRef;
  onDone: () => void;
  onCancel: () => void;
}) {
  const i18n = useI18n();
  const [withdraw, setWithdraw] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  // Picked in a values table above: the form comes into view with the focus on its heading.
  useEffect(() => {
    heading.current?.scrollIntoView({ block: 'start' });
    heading.current?.focus();
  }, []);
  return (
    <div className="correction-form">
      <h3 ref={heading} tabIndex={-1}>
        {i18n.t('dataProposeFor', {
          parameter: reading.parameter,
          time: i18n.time(reading.time),
          value: reading.value ?? '—',
        })}
      </h3>
      <ApiForm
        testId="data-propose"
        submitLabel="dataPropose"
        onDone={onDone}
        submit={(data) => {
          const status = textOf(data, 'status') as ProposalBody['status'] | undefined;
          const change = withdraw
            ? { withdrawn: true }
            : { value: numberOf(data, 'value'), ...(status ? { status } : {}) };
          return apiSend(
            'POST',
            '/api/stations/{id}/readings/correction-proposals',
            { id: stationId },
            {
              parameter: reading.parameter as ProposalBody['parameter'],
              time: reading.time,
              ...change,
              reasonCode: (textOf(data, 'reasonCode') ?? 'OTHER') as ProposalBody['reasonCode'],
              note: textOf(data, 'note') ?? '',
            },
          );
        }}
      >
        <div className="inline-field">
          <label>
            <input
              type="checkbox"
              name="withdrawn"
              data-testid="field-withdrawn"
              checked={withdraw}
              onChange={(e) => setWithdraw(e.target.checked)}
            />{' '}
            {i18n.t('dataWithdraw')}
          </label>
        </div>
        {!withdraw && (
          <>
            <Field name="value" label="dataNewValueField" inputMode="decimal" hint="dataNewValueHint" />
            <div className="inline-field">
              <label htmlFor="data-status">{i18n.t('dataStatus')}</label>
              <select id="data-status" name="status" data-testid="field-status" defaultValue="">
                <option value="">{i18n.t('dataStatusUnchanged')}</option>
                {STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {i18n.t(`dataStatus${s}` as MessageKey)}
                  </option>
                ))}
              </select>
            </div>
          </>
        )}
        <div className="inline-field">
          <label htmlFor="data-reason-code">{i18n.t('dataReason')}</label>
          <select
            id="data-reason-code"
            name="reasonCode"
            data-testid="field-reasonCode"
            defaultValue="CALIBRATION"
          >
            {REASON_CODES.map((code) => (
              <option key={code} value={code}>
                {i18n.t(`dataReason_${code}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <Field name="note" label="dataNote" isRequired />
      </ApiForm>
      <Button className="button" onPress={onCancel}>
        {i18n.t('dataCancel')}
      </Button>
    </div>
  );
}

/** Approve or reject (with a reason) a pending proposal; the API refuses the proposer's own review. */
function ReviewControls({ proposal, onDone }: { proposal: CorrectionProposalDto; onDone: () => void }) {
  const i18n = useI18n();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const mine = currentSession()?.user.username === proposal.proposedBy;
  if (mine) return <span className="note">{i18n.t('dataOwnProposal')}</span>;
  const review = (decision: 'approve' | 'reject') => {
    setBusy(true);
    setError(null);
    apiSend(
      'POST',
      '/api/stations/{id}/readings/correction-proposals/{proposalId}/review',
      { id: proposal.stationId, proposalId: proposal.id },
      { decision, ...(note.trim() ? { note: note.trim() } : {}) },
    )
      .then(onDone)
      .catch((e: unknown) => {
        const refusal = e instanceof ApiError ? e : null;
        setError(
          refusal?.field === 'note'
            ? i18n.t('dataRejectNeedsNote')
            : refusal?.status === 403
              ? i18n.t('forbidden')
              : (refusal?.message ?? i18n.t('saveFailed')),
        );
      })
      .finally(() => setBusy(false));
  };
  const noteId = `data-review-note-${proposal.id}`;
  return (
    <div className="review-controls">
      <div className="inline-field">
        <label htmlFor={noteId}>{i18n.t('dataReviewNote')}</label>
        <input id={noteId} data-testid="review-note" value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      <Button
        className="button primary"
        isDisabled={busy}
        data-testid="review-approve"
        onPress={() => review('approve')}
      >
        {i18n.t('dataApprove')}
      </Button>
      <Button
        className="button"
        isDisabled={busy}
        data-testid="review-reject"
        onPress={() => review('reject')}
      >
        {i18n.t('dataReject')}
      </Button>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
    </div>
  );
}
