import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button } from 'react-aria-components';
import type { QuarantinedMessage } from '../../../dashboard/public/api-types';
import { QUARANTINE_REASON_EXAMPLES } from '../../../../libs/contracts/src/messages/quarantine-reasons';
import { apiGet } from '../api/client';
import { useI18n, type MessageKey } from '../i18n/i18n';
import { parseCustomRange, type RangeProblem } from '../data/time-range';
import { DataTable } from '../ui/data-table';
import { LoadState } from '../ui/load-state';

const PAGE = 20;
/** The reasons a message is refused for, as the catalogue knows them. */
const REASONS = Object.keys(QUARANTINE_REASON_EXAMPLES);

interface Filter {
  topic?: string;
  clientId?: string;
  reason?: string;
  from?: string;
  to?: string;
}

const RANGE_PROBLEMS: Record<RangeProblem, MessageKey> = {
  fromInvalid: 'dataFromInvalid',
  toInvalid: 'dataToInvalid',
  fromAfterTo: 'dataFromAfterTo',
  spanTooLong: 'dataSpanTooLong',
};

/**
 * Refused telemetry (#/quarantine, officers and admins): filters by topic (a station or device code in it),
 * client id, reason code and time range, a page at a time; each problem worded by the reason catalogue, the
 * payload as received shown as plain text.
 */
export function QuarantinePage() {
  const i18n = useI18n();
  const [filter, setFilter] = useState<Filter>({});
  const [page, setPage] = useState(0);
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const list = useQuery({
    queryKey: ['quarantine', filter, page],
    queryFn: () => apiGet('/api/quarantine', { query: { ...filter, limit: PAGE + 1, offset: page * PAGE } }),
    refetchInterval: 15_000,
    placeholderData: (previous) => previous,
  });
  const rows = (list.data ?? []).slice(0, PAGE);
  const more = (list.data?.length ?? 0) > PAGE;
  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const text = (name: string) => String(data.get(name) ?? '').trim() || undefined;
    const next: Filter = { topic: text('topic'), clientId: text('clientId'), reason: text('reason') };
    const from = text('from');
    const to = text('to');
    if (from || to) {
      const range = parseCustomRange(from ?? '', to ?? '');
      if (!range.ok) {
        setProblem(RANGE_PROBLEMS[range.problem]);
        return;
      }
      next.from = range.from.toISOString();
      next.to = range.to.toISOString();
    }
    setProblem(null);
    setPage(0);
    setFilter(next);
  };
  return (
    <div className="registry" data-testid="quarantine">
      <h1>{i18n.t('dataQuarantineTitle')}</h1>
      <p className="note">{i18n.t('dataQuarantineIntro')}</p>
      <form className="toolbar" onSubmit={apply} noValidate data-testid="quarantine-filter">
        <div className="inline-field">
          <label htmlFor="q-topic">{i18n.t('dataQTopic')}</label>
          <input id="q-topic" name="topic" data-testid="q-topic" />
        </div>
        <div className="inline-field">
          <label htmlFor="q-client">{i18n.t('dataQClient')}</label>
          <input id="q-client" name="clientId" data-testid="q-client" />
        </div>
        <div className="inline-field">
          <label htmlFor="q-reason">{i18n.t('dataQReason')}</label>
          <select id="q-reason" name="reason" data-testid="q-reason" defaultValue="">
            <option value="">{i18n.t('dataQAnyReason')}</option>
            {REASONS.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
        </div>
        <div className="inline-field">
          <label htmlFor="q-from">{i18n.t('dataFrom')}</label>
          <input id="q-from" name="from" type="datetime-local" data-testid="q-from" />
        </div>
        <div className="inline-field">
          <label htmlFor="q-to">{i18n.t('dataTo')}</label>
          <input id="q-to" name="to" type="datetime-local" data-testid="q-to" />
        </div>
        <Button type="submit" className="button primary" data-testid="q-apply">
          {i18n.t('dataApply')}
        </Button>
      </form>
      {problem && (
        <p role="alert" className="form-error">
          {i18n.t(problem)}
        </p>
      )}
      <LoadState isError={list.isError} isLoading={list.isLoading} />
      {list.data && rows.length === 0 && <p className="note">{i18n.t('dataQNone')}</p>}
      {rows.length > 0 && (
        <DataTable
          rows={rows}
          rowKey={(m) => m.id}
          testId="quarantine-table"
          caption={i18n.t('dataQuarantineTitle')}
          rowProps={(m) => ({ 'data-message': m.id, 'data-topic': m.topic })}
          columns={[
            {
              header: 'dataQReceived',
              cell: (m) => <time dateTime={m.receivedAt}>{i18n.time(m.receivedAt)}</time>,
            },
            {
              header: 'dataQSource',
              cell: (m) => (
                <>
                  <code className="topic">{m.topic}</code>
                  {m.clientId && <div className="note">{m.clientId}</div>}
                </>
              ),
            },
            { header: 'dataQProblems', cell: (m) => <Problems message={m} /> },
            {
              header: 'dataQPayload',
              cell: (m) => (
                <details>
                  <summary>{i18n.t('dataQShowPayload', { bytes: m.payload.length })}</summary>
                  {/* As text: React escapes it, nothing in it is ever run or rendered as markup. */}
                  <pre className="payload" data-testid="q-payload">
                    {m.payload}
                  </pre>
                </details>
              ),
            },
          ]}
        />
      )}
      <nav className="toolbar" aria-label={i18n.t('dataQPaging')}>
        <Button
          className="button"
          isDisabled={page === 0}
          onPress={() => setPage(page - 1)}
          data-testid="q-newer"
        >
          {i18n.t('dataQNewer')}
        </Button>
        <span>{i18n.t('dataQPage', { page: page + 1 })}</span>
        <Button className="button" isDisabled={!more} onPress={() => setPage(page + 1)} data-testid="q-older">
          {i18n.t('dataQOlder')}
        </Button>
      </nav>
    </div>
  );
}

function Problems({ message }: { message: QuarantinedMessage }) {
  const i18n = useI18n();
  return (
    <ul className="reasons" data-testid="q-problems">
      {message.problems.map((p, i) => (
        <li key={i} data-code={p.reason.code}>
          {p.source && <span className="note">{p.source}: </span>}
          {p.index !== null && <span className="note">#{p.index} </span>}
          {i18n.reason(p.reason)}
        </li>
      ))}
    </ul>
  );
}
