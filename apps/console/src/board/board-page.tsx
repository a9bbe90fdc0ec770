import { useQuery } from '@tanstack/react-query';
import { currentSession } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { BOARD_REFRESH_MS, loadBoard } from './board-api';
import { BoardGrid } from './board-grid';
import { BoardMap } from './board-map';
import { TargetsPanel } from './targets-panel';
import { TransmissionChart } from './transmission-chart';
import { VerdictBadge } from './verdict';

export function BoardPage() {
  const i18n = useI18n();
  const board = useQuery({
    queryKey: ['board', i18n.language],
    queryFn: () => loadBoard(i18n.language),
    refetchInterval: BOARD_REFRESH_MS,
    placeholderData: (previous) => previous,
  });
  const data = board.data;
  return (
    <div className="board" data-testid="board">
      <h1>{i18n.t('boardTitle')}</h1>
      <p className="intro">{i18n.t('boardIntro')}</p>
      <p className="status-line" role="status" aria-live="polite" data-testid="board-status">
        {board.isError
          ? i18n.t('loadError')
          : data
            ? i18n.t('updatedAt', { time: i18n.time(data.generatedAt) })
            : i18n.t('refreshing')}
      </p>
      {data && (
        <>
          {currentSession()?.user.role !== 'park_operator' && (
            <TargetsPanel parkNames={new Map(data.parks.map((p) => [p.code, p.name]))} />
          )}
          <section className="panel" aria-labelledby="grid-title">
            <h2 id="grid-title">{i18n.t('gridTitle')}</h2>
            <BoardGrid stations={data.stations} />
          </section>
          <div className="two-columns">
            <section className="panel" aria-labelledby="map-title">
              <h2 id="map-title">{i18n.t('mapTitle')}</h2>
              <BoardMap parks={data.parks} stations={data.stations} />
            </section>
            <section className="panel" aria-labelledby="parks-title">
              <h2 id="parks-title">{i18n.t('parksTitle')}</h2>
              <ul className="park-list" data-testid="park-list">
                {data.parks
                  .filter((p) => p.status !== null && p.status !== 'no_operating_plant')
                  .map((park) => (
                    <li key={park.code} data-park={park.code}>
                      <span className="park-name">{park.name}</span>{' '}
                      <VerdictBadge status={park.status} provisional={park.provisional} />
                      {park.reasons.length > 0 && (
                        <ul className="reasons">
                          {park.reasons.map((reason, i) => (
                            <li key={i}>{i18n.reason(reason)}</li>
                          ))}
                        </ul>
                      )}
                    </li>
                  ))}
              </ul>
            </section>
          </div>
          <section className="panel" aria-labelledby="transmission-title">
            <h2 id="transmission-title">{i18n.t('transmissionTitle')}</h2>
            <TransmissionChart stations={data.stations} />
          </section>
        </>
      )}
    </div>
  );
}
