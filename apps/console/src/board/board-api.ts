import type {
  BoardParameter,
  BoardStation as BoardStationAnswer,
  DayVerdict,
  ParkPeriod,
  Reason,
} from '../../../dashboard/public/api-types';
import { apiGet } from '../api/client';

/**
 * The live operations board's data: GET /api/board/latest (every active station: each parameter's latest
 * value judged against the permit's limit, the station's link and today's provisional verdict), joined with
 * GET /api/parks (Vietnamese names, coordinates) and today's park standings (GET /api/compliance/parks);
 * GET /api/board/transmission for the daily transmission rates. Every judgement comes from the server.
 */
export type { BoardParameter };
export type ParameterState = BoardParameter['state'];
export type LinkState = BoardStationAnswer['link']['state'];

/** How often the board asks again; the latest values arrive every few minutes per station. */
export const BOARD_REFRESH_MS = 15_000;

export interface BoardStation {
  stationId: number;
  stationCode: string;
  stationName: string;
  parkCode: string;
  parkName: string;
  latitude: number | null;
  longitude: number | null;
  link: LinkState;
  lastMessageAt: string | null;
  verdict: DayVerdict | null;
  provisional: boolean;
  parameters: BoardParameter[];
}

export interface BoardPark {
  code: string;
  name: string;
  latitude: number | null;
  longitude: number | null;
  status: ParkPeriod['status'] | null;
  provisional: boolean;
  reasons: Reason[];
}

export interface Board {
  generatedAt: string;
  parks: BoardPark[];
  stations: BoardStation[];
}

export interface TransmissionPoint {
  /** the local day's start */
  time: string;
  /** records received / expected, 0..1, per station code (null: nothing expected) */
  shares: Record<string, number | null>;
}

/** Today's local day (Asia/Ho_Chi_Minh), as the API's day parameters take it. */
function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
}

function addDays(day: string, n: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + n);
  return date.toISOString().slice(0, 10);
}

export async function loadBoard(language: 'vi' | 'en'): Promise<Board> {
  const day = today();
  const [latest, parks, standings] = await Promise.all([
    apiGet('/api/board/latest'),
    apiGet('/api/parks'),
    apiGet('/api/compliance/parks', { query: { from: day, to: addDays(day, 1) } }),
  ]);
  const standingOf = new Map(standings.map((s) => [s.parkCode, s]));
  const boardParks = parks.map((park): BoardPark => {
    const standing = standingOf.get(park.code);
    return {
      code: park.code,
      name: (language === 'vi' ? park.nameVi : null) ?? park.name,
      latitude: park.latitude,
      longitude: park.longitude,
      status: standing?.status ?? null,
      provisional: standing?.provisional ?? false,
      reasons: standing?.reasons ?? [],
    };
  });
  const parkNames = new Map(boardParks.map((p) => [p.code, p.name]));
  const registered = new Map(
    parks.flatMap((p) => p.treatmentPlants.flatMap((plant) => plant.stations)).map((s) => [s.id, s]),
  );
  return {
    generatedAt: new Date().toISOString(),
    parks: boardParks,
    stations: latest.map((s): BoardStation => {
      const station = registered.get(s.stationId);
      return {
        stationId: s.stationId,
        stationCode: s.stationCode,
        stationName: (language === 'vi' ? station?.nameVi : null) ?? s.stationName,
        parkCode: s.parkCode,
        parkName: parkNames.get(s.parkCode) ?? s.parkCode,
        latitude: station?.latitude ?? null,
        longitude: station?.longitude ?? null,
        link: s.link.state,
        lastMessageAt: s.link.lastMessageAt,
        verdict: s.today.verdict,
        provisional: s.today.provisional ?? false,
        parameters: s.parameters,
      };
    }),
  };
}

/** Each of the last `days` local days' transmission rate per station (the route totals a period: one per day). */
export async function loadTransmission(days: number): Promise<TransmissionPoint[]> {
  const last = today();
  return Promise.all(
    Array.from({ length: days }, (_, i) => addDays(last, i - days + 1)).map(async (day) => {
      const answer = await apiGet('/api/board/transmission', { query: { from: day, to: addDays(day, 1) } });
      return {
        time: `${day}T00:00:00+07:00`,
        shares: Object.fromEntries(answer.map((s) => [s.stationCode, s.rate])),
      };
    }),
  );
}
