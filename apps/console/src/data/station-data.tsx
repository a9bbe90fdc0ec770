import { useQuery } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { Button } from 'react-aria-components';
import type { BoardParameter, ReadingCorrectionDto } from '../../../dashboard/public/api-types';
import { apiDownload, apiGet } from '../api/client';
import { useI18n, type MessageKey } from '../i18n/i18n';
import { bilingualName, Breadcrumbs, JudgedDays } from '../registry/registry-pages';
import { hrefOf } from '../route';
import { DataTable } from '../ui/data-table';
import { LoadState } from '../ui/load-state';
import { CorrectionsPanel, type ReadingRef } from './corrections-panel';
import { ReadingChart, type ChartPoint } from './reading-chart';
import {
  localDaysOf,
  localInputOf,
  parseCustomRange,
  PRESETS,
  spanOf,
  type Preset,
  type RangeChoice,
  type RangeProblem,
} from './time-range';

/** How often a live (preset) range asks again: a station reports every few minutes. */
export const DATA_REFRESH_MS = 5_000;
const MAX_RAW = 10_000;

interface ParameterSeries {
  parameter: string;
  unit: string | null;
  limit: BoardParameter['limit'];
  points: ChartPoint[];
}

const correctionKey = (parameter: string, time: string) => `${parameter}@${Date.parse(time)}`;

/**
 * A station's data (#/stations/ID/data): a chart per parameter with its permit limits, the same values as a
 * table, a preset range that updates live or a custom one in Hai Phong time, the CSV of the shown range, and
 * the corrections of readings with their review.
 */
export function StationDataPage({ id }: { id: number }) {
  const i18n = useI18n();
  const [choice, setChoice] = useState<RangeChoice>({ kind: 'preset', preset: '24h' });
  const station = useQuery({
    queryKey: ['data', 'station', id],
    queryFn: () => apiGet('/api/stations/{id}', { params: { id } }),
  });
  // The permit's limits as the board judges the latest values against them.
  const board = useQuery({
    queryKey: ['data', 'board-latest'],
    queryFn: () => apiGet('/api/board/latest'),
    refetchInterval: DATA_REFRESH_MS * 6,
  });
  const live = choice.kind === 'preset';
  const readings = useQuery({
    queryKey: ['data', 'readings', id, choice],
    queryFn: async () => {
      const { from, to } = spanOf(choice);
      const query = { from: from.toISOString(), to: to.toISOString() };
      const [answer, corrections] = await Promise.all([
        apiGet('/api/stations/{id}/readings', {
          params: { id },
          query: { ...query, resolution: 'auto', limit: MAX_RAW },
        }),
        apiGet('/api/stations/{id}/readings/corrections', {
          params: { id },
          query: { ...query, limit: 1000 },
        }),
      ]);
      return { answer, corrections, from, to };
    },
    refetchInterval: live ? DATA_REFRESH_MS : false,
    placeholderData: (previous) => previous,
  });
  const boardStation = board.data?.find((s) => s.stationId === id);
  const series = useMemo((): ParameterSeries[] => {
    const answer = readings.data?.answer;
    if (!answer) return [];
    const byParameter = new Map<string, ChartPoint[]>();
    const add = (parameter: string, point: ChartPoint) =>
      byParameter.set(parameter, [...(byParameter.get(parameter) ?? []), point]);
    for (const r of [...(answer.readings ?? [])].reverse())
      add(r.parameter, { time: r.time, value: r.value, status: r.status });
    for (const b of answer.buckets ?? [])
      add(b.parameter, { time: b.bucket, value: b.avg, status: null, min: b.min, max: b.max });
    const known = boardStation?.parameters ?? [];
    const order = [...known.map((p) => p.parameter as string), ...byParameter.keys()];
    return [...new Set(order)]
      .filter((code) => byParameter.has(code))
      .map((code) => {
        const own = known.find((p) => p.parameter === code);
        return {
          parameter: code,
          unit: own?.unit ?? null,
          limit: own?.limit ?? null,
          points: byParameter.get(code)!,
        };
      });
  }, [readings.data, boardStation]);
  const corrected = useMemo(
    () =>
      new Map(
        [...(readings.data?.corrections ?? [])]
          .reverse() // oldest first: the latest correction of a reading wins
          .map((c) => [correctionKey(c.parameter, c.time), c] as const),
      ),
    [readings.data],
  );
  const [correcting, setCorrecting] = useState<ReadingRef | null>(null);
  const name = station.data ? bilingualName(i18n, station.data) : i18n.t('station');
  const span = readings.data ? { from: readings.data.from, to: readings.data.to } : null;
  return (
    <div className="registry station-data" data-testid="station-data">
      <Breadcrumbs
        trail={
          station.data
            ? [
                {
                  href: hrefOf({ screen: 'park', code: station.data.parkCode }),
                  label: station.data.parkCode,
                },
                { href: hrefOf({ screen: 'station', id }), label: station.data.code },
                { href: hrefOf({ screen: 'stationData', id }), label: i18n.t('dataCrumb') },
              ]
            : []
        }
      />
      <h1>{i18n.t('dataTitle', { station: name })}</h1>
      <RangePicker choice={choice} onChange={setChoice} />
      <p className="status-line" role="status" data-testid="data-range">
        {span &&
          i18n.t(live ? 'dataShownLive' : 'dataShown', {
            from: i18n.time(span.from.toISOString()),
            to: i18n.time(span.to.toISOString()),
          })}
      </p>
      <LoadState isError={readings.isError || station.isError} isLoading={readings.isLoading} />
      {span && (
        <CsvButton stationId={id} code={station.data?.code ?? String(id)} from={span.from} to={span.to} />
      )}
      {readings.data && series.length === 0 && <p className="note">{i18n.t('dataNone')}</p>}
      {series.map((s) => (
        <section className="panel" key={s.parameter} aria-labelledby={`data-${s.parameter}`}>
          <h2 id={`data-${s.parameter}`}>
            {s.parameter}
            {s.unit && <span className="unit"> ({s.unit})</span>}
          </h2>
          <ReadingChart parameter={s.parameter} unit={s.unit} limit={s.limit} points={s.points} />
          <details>
            <summary>{i18n.t('dataTableSummary', { parameter: s.parameter })}</summary>
            <ValuesTable series={s} corrected={corrected} onCorrect={(reading) => setCorrecting(reading)} />
          </details>
        </section>
      ))}
      <CorrectionsPanel stationId={id} reading={correcting} onClose={() => setCorrecting(null)} />
      {span && <JudgedDays stationId={id} days={localDaysOf(span)} title="dataJudgedDays" />}
    </div>
  );
}

const STATUS_KEYS: Record<string, MessageKey> = {
  '00': 'dataStatus00',
  '01': 'dataStatus01',
  '02': 'dataStatus02',
};

/** The chart's values as a table (newest first): each reading's status in words, its correction if any. */
function ValuesTable({
  series,
  corrected,
  onCorrect,
}: {
  series: ParameterSeries;
  corrected: Map<string, ReadingCorrectionDto>;
  onCorrect: (reading: ReadingRef) => void;
}) {
  const i18n = useI18n();
  const rows = [...series.points].reverse();
  const value = (v: number | null | undefined) => (v == null ? '—' : i18n.number(v));
  if (series.points.some((p) => p.status === null))
    return (
      <DataTable
        rows={rows}
        rowKey={(p) => p.time}
        testId="data-table"
        caption={i18n.t('dataTableSummary', { parameter: series.parameter })}
        columns={[
          { header: 'dataTime', cell: (p) => i18n.time(p.time) },
          { header: 'dataMean', cell: (p) => value(p.value) },
          { header: 'dataMin', cell: (p) => value(p.min) },
          { header: 'dataMax', cell: (p) => value(p.max) },
        ]}
      />
    );
  return (
    <DataTable
      rows={rows}
      rowKey={(p) => p.time}
      testId="data-table"
      caption={i18n.t('dataTableSummary', { parameter: series.parameter })}
      rowProps={(p) => ({ 'data-time': p.time, 'data-status': p.status ?? undefined })}
      columns={[
        { header: 'dataTime', cell: (p) => <time dateTime={p.time}>{i18n.time(p.time)}</time> },
        { header: 'dataValue', cell: (p) => value(p.value) },
        {
          header: 'dataStatus',
          cell: (p) => (
            <span className={`reading-status status-${p.status}`}>
              {i18n.t(STATUS_KEYS[p.status ?? '00'])}
            </span>
          ),
        },
        {
          header: 'dataCorrection',
          cell: (p) => {
            const c = corrected.get(correctionKey(series.parameter, p.time));
            if (!c) return '—';
            return c.withdrawn
              ? i18n.t('dataWithdrawn')
              : i18n.t('dataCorrectedTo', {
                  value: c.value ?? 0,
                  status: i18n.t(STATUS_KEYS[c.status ?? '00']),
                });
          },
        },
        {
          header: 'dataActions',
          hiddenHeader: true,
          cell: (p) => (
            <Button
              className="button"
              data-testid="data-correct"
              aria-label={i18n.t('dataCorrectLabel', {
                parameter: series.parameter,
                time: i18n.time(p.time),
              })}
              onPress={() =>
                onCorrect({ parameter: series.parameter, time: p.time, value: p.value, status: p.status })
              }
            >
              {i18n.t('dataCorrect')}
            </Button>
          ),
        },
      ]}
    />
  );
}

const RANGE_PROBLEMS: Record<RangeProblem, MessageKey> = {
  fromInvalid: 'dataFromInvalid',
  toInvalid: 'dataToInvalid',
  fromAfterTo: 'dataFromAfterTo',
  spanTooLong: 'dataSpanTooLong',
};

/** The preset ranges (live) and a custom from/to in Hai Phong time, checked before it is applied. */
function RangePicker({ choice, onChange }: { choice: RangeChoice; onChange: (choice: RangeChoice) => void }) {
  const i18n = useI18n();
  const [problem, setProblem] = useState<{ field: 'from' | 'to'; key: MessageKey } | null>(null);
  const initial = spanOf(choice);
  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const range = parseCustomRange(String(data.get('from') ?? ''), String(data.get('to') ?? ''));
    if (!range.ok) {
      setProblem({ field: range.field, key: RANGE_PROBLEMS[range.problem] });
      event.currentTarget.querySelector<HTMLInputElement>(`[name="${range.field}"]`)?.focus();
      return;
    }
    setProblem(null);
    onChange({ kind: 'custom', from: range.from, to: range.to });
  };
  return (
    <section className="panel" aria-labelledby="data-range-title">
      <h2 id="data-range-title">{i18n.t('dataRangeTitle')}</h2>
      <div className="toolbar" role="group" aria-label={i18n.t('dataPresets')}>
        {(Object.keys(PRESETS) as Preset[]).map((preset) => (
          <Button
            key={preset}
            className={choice.kind === 'preset' && choice.preset === preset ? 'button primary' : 'button'}
            aria-pressed={choice.kind === 'preset' && choice.preset === preset}
            data-testid={`data-preset-${preset}`}
            onPress={() => onChange({ kind: 'preset', preset })}
          >
            {i18n.t(`dataPreset_${preset}` as MessageKey)}
          </Button>
        ))}
      </div>
      <form className="toolbar" onSubmit={apply} noValidate data-testid="data-custom-range">
        {(['from', 'to'] as const).map((field) => (
          <div className="inline-field" key={field}>
            <label htmlFor={`data-${field}`}>{i18n.t(field === 'from' ? 'dataFrom' : 'dataTo')}</label>
            <input
              id={`data-${field}`}
              name={field}
              type="datetime-local"
              data-testid={`data-${field}`}
              defaultValue={localInputOf(field === 'from' ? initial.from : initial.to)}
              aria-invalid={problem?.field === field ? true : undefined}
              aria-describedby={problem?.field === field ? 'data-range-error' : 'data-zone-hint'}
            />
          </div>
        ))}
        <Button type="submit" className="button" data-testid="data-apply">
          {i18n.t('dataApply')}
        </Button>
      </form>
      <p className="note" id="data-zone-hint">
        {i18n.t('dataZoneHint')}
      </p>
      {problem && (
        <p role="alert" className="form-error" id="data-range-error" data-testid="data-range-error">
          {i18n.t(problem.key)}
        </p>
      )}
    </section>
  );
}

/** The shown range's raw readings as CSV, through the readings CSV export. */
function CsvButton({ stationId, code, from, to }: { stationId: number; code: string; from: Date; to: Date }) {
  const i18n = useI18n();
  const [failed, setFailed] = useState(false);
  const stamp = (d: Date) => localInputOf(d).replace(/[-:]/g, '').replace('T', '-');
  return (
    <div className="toolbar">
      <Button
        className="button"
        data-testid="data-csv"
        onPress={() => {
          setFailed(false);
          const query = new URLSearchParams({ from: from.toISOString(), to: to.toISOString() });
          apiDownload(
            `/stations/${stationId}/readings.csv?${query.toString()}`,
            `${code}-${stamp(from)}-${stamp(to)}.csv`,
          ).catch(() => setFailed(true));
        }}
      >
        {i18n.t('dataCsv')}
      </Button>
      {failed && (
        <p role="alert" className="form-error">
          {i18n.t('dataCsvFailed')}
        </p>
      )}
    </div>
  );
}
