import { useI18n, type Translator } from '../i18n/i18n';
import type { BoardParameter, BoardStation } from './board-api';
import { VerdictBadge } from './verdict';
import { hrefOf } from '../route';

function limitText(i18n: Translator, p: BoardParameter): string | null {
  const { min, max } = p.limit ?? { min: null, max: null };
  if (min !== null && max !== null) return i18n.t('limitRange', { min, max });
  if (max !== null) return i18n.t('limitMax', { max });
  if (min !== null) return i18n.t('limitMin', { min });
  return null;
}

/** Stations x parameters: each cell the latest value, its unit, limit, state (colour and words) and time. */
export function BoardGrid({ stations }: { stations: BoardStation[] }) {
  const i18n = useI18n();
  if (stations.length === 0) return <p>{i18n.t('noStations')}</p>;
  // Columns in the server's parameter order (each station's list is already in it).
  const parameters = [...new Set(stations.flatMap((s) => s.parameters.map((p) => p.parameter)))];
  return (
    <div className="grid-scroll" role="region" aria-labelledby="grid-title" tabIndex={0}>
      <table className="board-grid" data-testid="board-grid">
        <caption>{i18n.t('gridCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{i18n.t('station')}</th>
            {parameters.map((code) => (
              <th scope="col" key={code}>
                {code}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {stations.map((station) => (
            <tr key={station.stationId} data-testid="board-row" data-station={station.stationCode}>
              <th scope="row">
                <a
                  className="station-name"
                  href={hrefOf({ screen: 'stationData', id: station.stationId })}
                  data-testid="board-station-data"
                >
                  {station.stationName}
                </a>
                <span className="park-of-station">{station.parkName}</span>
                <span className="row-status">
                  <VerdictBadge status={station.verdict} provisional={station.provisional} />
                  <span className={`link link-${station.link}`} data-link={station.link}>
                    {i18n.t(`link_${station.link}`)}
                  </span>
                </span>
              </th>
              {parameters.map((code) => {
                const p = station.parameters.find((x) => x.parameter === code);
                if (!p || p.value === null)
                  return (
                    <td key={code} className="cell state-empty">
                      <span className="visually-hidden">{i18n.t('noValue')}</span>
                      <span aria-hidden="true">—</span>
                    </td>
                  );
                const limit = limitText(i18n, p);
                return (
                  <td
                    key={code}
                    className={`cell state-${p.state}`}
                    data-testid="board-cell"
                    data-state={p.state}
                    data-parameter={code}
                  >
                    <span className="value">
                      {i18n.number(p.value)}
                      {p.unit && <span className="unit"> {p.unit}</span>}
                    </span>
                    <span className="state">{i18n.t(`state_${p.state}`)}</span>
                    {limit && <span className="limit">{limit}</span>}
                    {p.time && (
                      <time className="time" dateTime={p.time}>
                        {i18n.time(p.time)}
                      </time>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
