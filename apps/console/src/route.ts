import { useEffect, useState } from 'react';

/**
 * The console's screens by the URL's hash (the platform serves one index.html at /console/, so the hash keeps
 * every screen a plain link): `#/` the live board, `#/reports` the reporting chain, `#/notifications` the
 * notification centre, `#/registry` the parks, `#/registry/parks/CODE` a park,
 * `#/registry/stations/ID` a station with its permits and judged days, `#/admin/devices` and `#/admin/users`
 * the administration (admins only), `#/alerts/rules`, `#/alerts/recipients` and `#/alerts/silences` the alert
 * settings, `#/me/notifications` the user's own "notify me", `#/stations/ID/data` a station's data
 * (charts, corrections), `#/quarantine` the refused telemetry.
 */
export type Route =
  | { screen: 'board' }
  | { screen: 'reports' }
  | { screen: 'notifications' }
  | { screen: 'parks' }
  | { screen: 'park'; code: string }
  | { screen: 'station'; id: number }
  | { screen: 'adminDevices' }
  | { screen: 'adminUsers' }
  | { screen: 'stationData'; id: number }
  | { screen: 'quarantine' }
  | AlertingRoute;

/** The alert settings (officers and admins edit) and each user's own subscription. */
export type AlertingRoute =
  | { screen: 'alert-rules' }
  | { screen: 'alert-recipients' }
  | { screen: 'alert-silences' }
  | { screen: 'notify-me' };

export const isAlertingRoute = (route: Route): route is AlertingRoute =>
  ['alert-rules', 'alert-recipients', 'alert-silences', 'notify-me'].includes(route.screen);

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'reports' || parts[0] === 'notifications' || parts[0] === 'quarantine')
    return { screen: parts[0] };
  if (parts[0] === 'stations' && /^\d+$/.test(parts[1] ?? '') && parts[2] === 'data')
    return { screen: 'stationData', id: Number(parts[1]) };
  if (parts[0] === 'admin') return { screen: parts[1] === 'users' ? 'adminUsers' : 'adminDevices' };
  if (parts[0] === 'alerts')
    return {
      screen: parts[1] === 'recipients' || parts[1] === 'silences' ? `alert-${parts[1]}` : 'alert-rules',
    };
  if (parts[0] === 'me' && parts[1] === 'notifications') return { screen: 'notify-me' };
  if (parts[0] !== 'registry') return { screen: 'board' };
  if (parts[1] === 'parks' && parts[2]) return { screen: 'park', code: parts[2] };
  if (parts[1] === 'stations' && /^\d+$/.test(parts[2] ?? ''))
    return { screen: 'station', id: Number(parts[2]) };
  return { screen: 'parks' };
}

export const hrefOf = (route: Route): string => {
  switch (route.screen) {
    case 'board':
      return '#/';
    case 'reports':
    case 'notifications':
    case 'quarantine':
      return `#/${route.screen}`;
    case 'stationData':
      return `#/stations/${route.id}/data`;
    case 'parks':
      return '#/registry';
    case 'park':
      return `#/registry/parks/${encodeURIComponent(route.code)}`;
    case 'station':
      return `#/registry/stations/${route.id}`;
    case 'adminDevices':
      return '#/admin/devices';
    case 'adminUsers':
      return '#/admin/users';
    case 'alert-rules':
    case 'alert-recipients':
    case 'alert-silences':
      return `#/alerts/${route.screen.slice('alert-'.length)}`;
    case 'notify-me':
      return '#/me/notifications';
  }
};

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const follow = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  return route;
}

export const navigate = (route: Route): void => {
  window.location.hash = hrefOf(route);
};
