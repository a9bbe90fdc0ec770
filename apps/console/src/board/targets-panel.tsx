import { useQuery } from '@tanstack/react-query';
import type { ComplianceKpi, WasteKpiView } from '../../../dashboard/public/api-types';
import { apiGet } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { lastDayOfPreviousMonth, localDay } from '../ui/days';
import { VerdictBadge } from './verdict';

const KPI_REFRESH_MS = 60_000;

/**
 * Plan 624/KH-BQL's two 2030 targets: the share of operating parks whose central plant met QCVN 40 over last
 * month (final) and this month so far (provisional), each park not meeting it with its reasons; and the share
 * of hazardous waste (kg) collected and treated per regulation this year. City-wide figures: shown to the
 * Authority's roles only (a park operator's account is refused them by the API).
 */
export function TargetsPanel({ parkNames }: { parkNames: ReadonlyMap<string, string> }) {
  const i18n = useI18n();
  const today = localDay();
  const lastMonth = useQuery({
    queryKey: ['kpi', 'month', lastDayOfPreviousMonth(today)],
    queryFn: () =>
      apiGet('/api/compliance/kpi', { query: { period: 'month', date: lastDayOfPreviousMonth(today) } }),
    refetchInterval: KPI_REFRESH_MS,
  });
  const thisMonth = useQuery({
    queryKey: ['kpi', 'month', today],
    queryFn: () => apiGet('/api/compliance/kpi', { query: { period: 'month', date: today } }),
    refetchInterval: KPI_REFRESH_MS,
  });
  const waste = useQuery({
    queryKey: ['waste-kpi', 'year', today],
    queryFn: () => apiGet('/api/waste/kpi', { query: { period: 'year' } }),
    refetchInterval: KPI_REFRESH_MS,
  });
  return (
    <section className="panel targets" aria-labelledby="targets-title" data-testid="targets">
      <h2 id="targets-title">{i18n.t('targetsTitle')}</h2>
      <div className="target-tiles">
        <WastewaterTile testId="target-last-month" title={i18n.t('targetLastMonth')} kpi={lastMonth.data} />
        <WastewaterTile testId="target-this-month" title={i18n.t('targetThisMonth')} kpi={thisMonth.data} />
        <WasteTile kpi={waste.data} />
      </div>
      {lastMonth.data && lastMonth.data.notMeeting.length > 0 && (
        <>
          <h3>{i18n.t('targetNotMeetingTitle')}</h3>
          <ul className="park-list" data-testid="target-not-meeting">
            {lastMonth.data.notMeeting.map((park) => (
              <li key={park.parkCode} data-park={park.parkCode}>
                <span className="park-name">{parkNames.get(park.parkCode) ?? park.parkName}</span>{' '}
                <VerdictBadge status={park.status} provisional={park.provisional} />
                <ul className="reasons">
                  {park.reasons.map((reason, i) => (
                    <li key={i}>{i18n.reason(reason)}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function Share({ share, testId }: { share: number | null; testId: string }) {
  const i18n = useI18n();
  const percent = share === null ? null : Math.round(share * 1000) / 10;
  return (
    <>
      <p className="target-share" data-testid={`${testId}-share`} data-share={share ?? ''}>
        {percent === null ? '—' : `${i18n.number(percent)} %`}
      </p>
      {percent !== null && <progress max={100} value={percent} aria-label={`${i18n.number(percent)} %`} />}
    </>
  );
}

function WastewaterTile({
  testId,
  title,
  kpi,
}: {
  testId: string;
  title: string;
  kpi: ComplianceKpi | undefined;
}) {
  const i18n = useI18n();
  return (
    <div className="target-tile" data-testid={testId} data-provisional={kpi?.provisional ?? ''}>
      <h3>{title}</h3>
      {kpi && (
        <>
          <Share share={kpi.share} testId={testId} />
          <p>
            {i18n.t('targetParksMeeting', { met: kpi.parksMeetingStandard, operating: kpi.operatingParks })}
            {kpi.provisional && <span className="provisional"> · {i18n.t('provisional')}</span>}
          </p>
        </>
      )}
    </div>
  );
}

function WasteTile({ kpi }: { kpi: WasteKpiView | undefined }) {
  const i18n = useI18n();
  return (
    <div className="target-tile" data-testid="target-waste">
      <h3>{i18n.t('targetWaste')}</h3>
      {kpi && (
        <>
          <Share share={kpi.city.share} testId="target-waste" />
          <p>
            {i18n.t('targetWasteKg', {
              treated: i18n.number(kpi.city.treatedConformingKg),
              generated: i18n.number(kpi.city.generatedKg),
              inProgress: i18n.number(kpi.city.inProgressKg),
            })}
          </p>
        </>
      )}
    </div>
  );
}
