import type { UserRole } from '@hp/storage';

/** Where the park of a request's resource is named (for park operators, who see only their parks). */
export type ParkSource =
  | 'parkCode' // route param :code is a park code
  | 'stationId' // route param :id is a station id
  | 'lotCode' // route param :code is a hazardous-waste lot
  | 'alertId' // route param :id is an alert
  | 'manifest' // query ?number= is a manifest
  | 'parkQuery'; // query ?park= (a park code) names the park; operators must give it

/** Keeps the items of a list a park operator may see. */
export type ListFilter = (
  item: Record<string, unknown>,
  scope: { parkIds: readonly number[]; parkCodes: readonly string[] },
) => boolean;

export type AccessPolicy =
  | { readonly access: 'public' }
  /** Any signed-in user (reference data, the user's own session). */
  | { readonly access: 'any'; readonly roles?: readonly UserRole[] }
  /** The whole city: every role but park operators. */
  | { readonly access: 'city'; readonly roles?: readonly UserRole[] }
  /** One park's resource: park operators only for their parks. */
  | { readonly access: 'park'; readonly from: ParkSource; readonly roles?: readonly UserRole[] }
  /** A list that park operators get filtered to their parks. */
  | { readonly access: 'list'; readonly keep: ListFilter; readonly roles?: readonly UserRole[] };

const byParkId: ListFilter = (item, scope) =>
  typeof item['parkId'] === 'number' && scope.parkIds.includes(item['parkId']);
const byParkCode: ListFilter = (item, scope) =>
  scope.parkCodes.includes(String(item['parkCode'] ?? item['code'] ?? ''));
const EDITORS: readonly UserRole[] = ['admin', 'officer'];

/**
 * Who may call what, in one table: `METHOD /route/pattern` as Express matched it. A route missing here is
 * refused (deny by default), and a test holds the table to the routes the apps serve.
 */
export const ACCESS_POLICIES: Readonly<Record<string, AccessPolicy>> = {
  'GET /api/health': { access: 'public' },
  // Open data: aggregates only, no sign-in (rate-limited and cached by the controller).
  'GET /api/open/v1': { access: 'public' },
  'GET /api/open/v1/parks/daily': { access: 'public' },
  'GET /api/open/v1/kpi': { access: 'public' },
  // Decree 08/2022 Art. 102: automatic monitoring results of active outlets, last 30 days, no sign-in.
  'GET /api/open/v1/monitoring/stations': { access: 'public' },
  'GET /api/open/v1/monitoring/stations/:id/readings': { access: 'public' },
  'GET /metrics': { access: 'public' },
  'POST /api/auth/login': { access: 'public' },
  'POST /api/auth/refresh': { access: 'public' },
  'POST /api/auth/logout': { access: 'public' },
  'GET /api/auth/me': { access: 'any' },
  'POST /api/auth/stream-ticket': { access: 'any' },

  'GET /api/parks': { access: 'list', keep: byParkCode },
  'GET /api/parks/:code': { access: 'park', from: 'parkCode' },
  'GET /api/stations': { access: 'list', keep: byParkCode },
  'GET /api/stations/:id': { access: 'park', from: 'stationId' },
  // A station's measurement cadences are registry data: the authority registers them, not the operator.
  'PUT /api/stations/:id/cadences/:parameter': { access: 'park', from: 'stationId', roles: EDITORS },
  'GET /api/stations/:id/readings': { access: 'park', from: 'stationId' },
  // Corrections change the data a park's compliance is judged on, so only the regulator's editors record
  // them; the park operator (the regulated party) reports a faulty reading to an officer, and sees every
  // correction of its own stations with its reason and author.
  'GET /api/stations/:id/readings/corrections': { access: 'park', from: 'stationId' },
  'POST /api/stations/:id/readings/corrections': { access: 'park', from: 'stationId', roles: EDITORS },
  'GET /api/stations/:id/compliance': { access: 'park', from: 'stationId' },
  // Whether set-aside readings were a real exceedance is the regulator's call, like a correction.
  'POST /api/stations/:id/compliance/:day/set-aside-reviews': {
    access: 'park',
    from: 'stationId',
    roles: EDITORS,
  },
  'GET /api/stations/:id/compliance/set-aside-reviews': { access: 'park', from: 'stationId' },
  'GET /api/stations/:id/limits': { access: 'park', from: 'stationId' },
  // Data quality (libs/data-quality): a park's operator sees its stations' scores, signals, schedules and
  // announced inspections; the regulator's editors declare schedules, announce inspections, tune rules.
  'GET /api/stations/:id/data-quality': { access: 'park', from: 'stationId' },
  'GET /api/stations/:id/calibration-schedules': { access: 'park', from: 'stationId' },
  'PUT /api/stations/:id/calibration-schedules/:parameter': {
    access: 'park',
    from: 'stationId',
    roles: EDITORS,
  },
  'GET /api/stations/:id/inspections': { access: 'park', from: 'stationId' },
  'POST /api/stations/:id/inspections': { access: 'park', from: 'stationId', roles: EDITORS },
  'GET /api/data-quality/rules': { access: 'city' },
  'PUT /api/data-quality/rules/:code': { access: 'city', roles: EDITORS },
  'GET /api/quarantine': { access: 'city' },

  'GET /api/compliance/kpi': { access: 'city' },
  'GET /api/compliance/parks': { access: 'list', keep: byParkCode },
  'GET /api/compliance/parks/:code': { access: 'park', from: 'parkCode' },

  'GET /api/waste/kpi': { access: 'city' },
  'GET /api/waste/parks/:code': { access: 'park', from: 'parkCode' },
  'GET /api/waste/lots/:code': { access: 'park', from: 'lotCode' },
  'GET /api/waste/manifests': { access: 'park', from: 'manifest' },
  'GET /api/waste/reports/annual': { access: 'park', from: 'parkQuery' },
  'GET /api/waste/codes': { access: 'any' },
  'GET /api/waste/parties': { access: 'any' },
  'GET /api/waste/parties/:code': { access: 'any' },

  'GET /api/alerts': { access: 'list', keep: byParkId },
  'GET /api/alerts/stream': { access: 'list', keep: byParkId },
  'GET /api/alerts/:id': { access: 'park', from: 'alertId' },
  'POST /api/alerts/:id/acknowledge': { access: 'park', from: 'alertId' },
  'POST /api/alerts/:id/resolve': { access: 'park', from: 'alertId' },
  'GET /api/alerts/rules': { access: 'city' },
  'POST /api/alerts/rules': { access: 'city', roles: EDITORS },
  'GET /api/alerts/recipients': { access: 'city' },
  'POST /api/alerts/recipients': { access: 'city', roles: EDITORS },
  'GET /api/alerts/silences': { access: 'city' },
  'POST /api/alerts/silences': { access: 'city', roles: EDITORS },
  'GET /api/alerts/dead-letters': { access: 'city' },

  // Progress reports: city-wide for the regulator's roles; a park operator may download its own park's
  // report (?park= is required of it; the same figures it already sees per park), never the city's or
  // the run archive. Subscriptions send reports to any address, so only editors manage them.
  'GET /api/reports/progress': { access: 'park', from: 'parkQuery' },
  'GET /api/reports/runs': { access: 'city' },
  'GET /api/reports/subscriptions': { access: 'city' },
  'POST /api/reports/subscriptions': { access: 'city', roles: EDITORS },
  'DELETE /api/reports/subscriptions/:id': { access: 'city', roles: EDITORS },

  'GET /api/admin/users': { access: 'city', roles: ['admin'] },
  'POST /api/admin/users': { access: 'city', roles: ['admin'] },
  'POST /api/admin/users/:username/disable': { access: 'city', roles: ['admin'] },
  'POST /api/admin/devices': { access: 'city', roles: ['admin'] },
  'GET /api/admin/audit': { access: 'city', roles: ['admin'] },
};
