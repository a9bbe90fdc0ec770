import { useQuery } from '@tanstack/react-query';
import L from 'leaflet';
import { useEffect, useMemo, useRef } from 'react';
import { useI18n } from '../i18n/i18n';
import type { BoardPark, BoardStation } from './board-api';
import { verdictKey, verdictTone } from './verdict';

/** The map settings the platform serves (MAP_TILE_URL): no tile URL, no background tiles at all. */
interface ConsoleConfig {
  mapTileUrl: string | null;
  mapTileAttribution: string | null;
}

/** Hai Phong, shown when nothing on the board has coordinates yet. */
const HAI_PHONG: L.LatLngTuple = [20.86, 106.68];

const located = <T extends { latitude: number | null; longitude: number | null }>(
  x: T,
): x is T & { latitude: number; longitude: number } => x.latitude !== null && x.longitude !== null;

/** A tooltip's content as a text node, never HTML. */
function label(text: string): HTMLElement {
  const span = document.createElement('span');
  span.textContent = text;
  return span;
}

/**
 * Parks (rings) and stations (dots) from their coordinates, coloured by today's provisional verdict; an
 * offline station is drawn dashed. Tiles only from the configured URL; otherwise a plain background.
 * The grid beside it carries the same facts for keyboard and screen-reader users.
 */
export function BoardMap({ parks, stations }: { parks: BoardPark[]; stations: BoardStation[] }) {
  const i18n = useI18n();
  const element = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layer = useRef<L.LayerGroup | null>(null);
  const config = useQuery({
    queryKey: ['console-config'],
    queryFn: async () => (await (await fetch('/console/config.json')).json()) as ConsoleConfig,
    staleTime: Infinity,
  });

  useEffect(() => {
    if (!element.current || map.current) return;
    // No zoom or fade animation: the board refreshes every 15 s and the officer may leave it at any moment,
    // and Leaflet throws (_leaflet_pos of a removed pane) when a map is removed in the middle of one.
    map.current = L.map(element.current, {
      center: HAI_PHONG,
      zoom: 10,
      zoomControl: false,
      zoomAnimation: false,
      fadeAnimation: false,
      markerZoomAnimation: false,
    });
    layer.current = L.layerGroup().addTo(map.current);
    return () => {
      map.current?.remove();
      map.current = null;
    };
  }, []);

  useEffect(() => {
    if (!map.current) return;
    const zoom = L.control
      .zoom({ zoomInTitle: i18n.t('zoomIn'), zoomOutTitle: i18n.t('zoomOut') })
      .addTo(map.current);
    return () => void zoom.remove();
  }, [i18n]);

  useEffect(() => {
    const tileUrl = config.data?.mapTileUrl;
    if (!map.current || !tileUrl) return;
    const tiles = L.tileLayer(tileUrl, {
      attribution: config.data?.mapTileAttribution ?? '',
      maxZoom: 18,
    }).addTo(map.current);
    return () => void tiles.remove();
  }, [config.data]);

  const placedParks = useMemo(() => parks.filter(located), [parks]);
  const placedStations = useMemo(() => stations.filter(located), [stations]);
  useEffect(() => {
    if (!map.current || !layer.current) return;
    layer.current.clearLayers();
    const points: L.LatLngTuple[] = [];
    for (const park of placedParks) {
      const ring = L.circleMarker([park.latitude, park.longitude], {
        radius: 14,
        className: `map-park tone-${verdictTone(park.status)}`,
        fill: false,
      }).bindTooltip(label(`${park.name}: ${i18n.t(verdictKey(park.status))}`));
      ring.addTo(layer.current);
      ring.getElement()?.setAttribute('data-testid', 'map-park');
      points.push([park.latitude, park.longitude]);
    }
    for (const station of placedStations) {
      const dot = L.circleMarker([station.latitude, station.longitude], {
        radius: 8,
        className: `map-station tone-${verdictTone(station.verdict)} link-${station.link}`,
      }).bindTooltip(
        label(
          `${station.stationName}: ${i18n.t(verdictKey(station.verdict))}, ${i18n.t(`link_${station.link}`)}`,
        ),
      );
      dot.addTo(layer.current);
      const path = dot.getElement();
      path?.setAttribute('data-testid', 'map-marker');
      path?.setAttribute('data-station', station.stationCode);
      path?.setAttribute('data-verdict', station.verdict ?? 'none');
      path?.setAttribute('data-link', station.link);
      points.push([station.latitude, station.longitude]);
    }
    if (points.length > 0)
      map.current.fitBounds(L.latLngBounds(points), { padding: [24, 24], maxZoom: 13, animate: false });
  }, [placedParks, placedStations, i18n]);

  const missing = [
    ...parks
      .filter((p) => !located(p) && p.status !== null && p.status !== 'no_operating_plant')
      .map((p) => p.name),
  ];
  return (
    <figure className="map-figure">
      <div
        ref={element}
        className="board-map"
        data-testid="board-map"
        role="region"
        aria-label={i18n.t('mapLabel', { stations: placedStations.length })}
      />
      <figcaption>
        <ul className="legend" aria-label={i18n.t('legend')}>
          {(
            ['compliant', 'exceedance', 'suspected_exceedance', 'insufficient_data', 'no_permit'] as const
          ).map((v) => (
            <li key={v}>
              <span className={`swatch tone-${verdictTone(v)}`} aria-hidden="true" /> {i18n.t(verdictKey(v))}
            </li>
          ))}
          <li>
            <span className="swatch swatch-offline" aria-hidden="true" /> {i18n.t('link_offline')}
          </li>
        </ul>
        {!config.data?.mapTileUrl && <p className="note">{i18n.t('mapNoTiles')}</p>}
        {missing.length > 0 && (
          <p className="note">{i18n.t('mapNoCoordinates', { names: missing.join(', ') })}</p>
        )}
      </figcaption>
    </figure>
  );
}
