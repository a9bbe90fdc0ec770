// npm run demo:day — what an officer sees on a fresh `npm start`: each park's verdict at start and after
// one simulated local day, a demonstration (not a test).
//
// Starts the platform as `npm start` runs it (embedded broker and TimescaleDB, seed, demo permits, the
// built-in simulators) on a fresh data directory. The simulators replay from yesterday's local midnight
// (SIMULATOR_BACKFILL_HOURS) at DEMO_SPEED (default 720: a day in 4 minutes), then run in real time.
// Reads the park tiles (GET /api/compliance/parks for today, as the overview does) right after start, then
// waits until every simulated station has caught up with the wall clock and its days are judged on that
// data, and reads yesterday (one whole simulated day) and today (so far) again. The last line is JSON.
import { addDays, formatReason, localDayOf, localDayStart, Reason } from '@hp/contracts';
import { waitFor } from '@hp/testing';
import { EmbeddedPlatform } from '../src/support/embedded-platform';

const SPEED = Number(process.env['DEMO_SPEED'] ?? 720);
/** How close to the wall clock a station's last reading must be to count as caught up. */
const CAUGHT_UP_MS = 15 * 60_000;

interface ParkView {
  parkCode: string;
  operating: boolean;
  status: string;
  provisional: boolean;
  reasons: Reason[];
  stations: { stationId: number; stationCode: string; days: number; provisionalDays: number }[];
}

interface StationDay {
  day: string;
  verdict: string;
  provisional?: boolean;
  judgedUntil?: string | null;
  reasons: Reason[];
  parameters: { parameterCode: string; capture: number; expectedRecords: number; validRecords: number }[];
}

async function main(): Promise<void> {
  const started = new Date();
  const today = localDayOf(started);
  const yesterday = addDays(today, -1);
  const backfillHours = Math.ceil((started.getTime() - localDayStart(yesterday).getTime()) / 3_600_000);
  const platform = await EmbeddedPlatform.start('demo-day', {
    SIMULATOR_ENABLED: 'true',
    SIMULATOR_BACKFILL_HOURS: String(backfillHours),
    // The replay of yesterday is what this shows; the 90-day history of `npm start` would skip it.
    SIMULATOR_HISTORY_DAYS: '0',
    SIMULATOR_SPEED: String(SPEED),
  });
  const api = platform.api.bind(platform);
  const parksOn = (token: string, day: string) =>
    api<ParkView[]>(`/compliance/parks?from=${day}&to=${addDays(day, 1)}`, token);
  const stationDay = async (token: string, stationId: number, day: string) =>
    (
      await api<{ days: StationDay[] }>(
        `/stations/${stationId}/compliance?from=${day}&to=${addDays(day, 1)}`,
        token,
      )
    ).days.find((d) => d.day === day);

  try {
    const token = await platform.signIn();
    const atStart = await parksOn(token, today);
    const atStartAt = new Date();
    const operating = atStart.filter((p) => p.operating && p.stations.length > 0);
    const stations = operating.flatMap((p) => p.stations);

    // Every station's last reading near the wall clock: yesterday and today so far are published.
    const lastReading = async (stationId: number) => {
      const from = new Date(Date.now() - 2 * CAUGHT_UP_MS).toISOString();
      const page = await api<{ readings: { time: string }[] }>(
        `/stations/${stationId}/readings?parameter=Flow&from=${encodeURIComponent(from)}&limit=1`,
        token,
      );
      return Math.max(0, ...page.readings.map((r) => Date.parse(r.time)));
    };
    await waitFor(
      async () => {
        for (const s of stations)
          if (Date.now() - (await lastReading(s.stationId)) > CAUGHT_UP_MS) return false;
        return true;
      },
      {
        timeoutMs: ((backfillHours * 3_600_000) / SPEED) * 2 + 300_000,
        intervalMs: 5_000,
        description: 'every simulated station caught up with the wall clock',
      },
    );
    const caughtUp = new Date();
    // Judged on that data: yesterday with every record in, today judged after the catch-up.
    await waitFor(
      async () => {
        for (const s of stations) {
          const done = await stationDay(token, s.stationId, yesterday);
          const now = await stationDay(token, s.stationId, today);
          if (!done || !now?.judgedUntil || Date.parse(now.judgedUntil) < caughtUp.getTime()) return false;
        }
        return true;
      },
      {
        timeoutMs: 600_000,
        intervalMs: 5_000,
        description: "every station's days judged after the catch-up",
      },
    );
    const [yesterdayParks, todayParks] = [await parksOn(token, yesterday), await parksOn(token, today)];
    const detail = new Map<number, { yesterday?: StationDay; today?: StationDay }>();
    for (const s of stations)
      detail.set(s.stationId, {
        yesterday: await stationDay(token, s.stationId, yesterday),
        today: await stationDay(token, s.stationId, today),
      });

    const status = (views: ParkView[], code: string) => {
      const v = views.find((p) => p.parkCode === code);
      return v ? `${v.status}${v.provisional ? ' (provisional)' : ''}` : '-';
    };
    const captures = (d: StationDay | undefined) =>
      d?.parameters.map((p) => `${p.parameterCode} ${Math.round(p.capture * 100)}`).join(' ') ?? '-';
    const rows = operating.map((p) => {
      const station = p.stations[0];
      const d = detail.get(station.stationId)!;
      return {
        park: p.parkCode,
        station: station.stationCode,
        atStart: status(atStart, p.parkCode),
        yesterday: status(yesterdayParks, p.parkCode),
        yesterdayReasons: (yesterdayParks.find((v) => v.parkCode === p.parkCode)?.reasons ?? []).map((r) =>
          formatReason(r, 'vi'),
        ),
        yesterdayCapture: captures(d.yesterday),
        today: status(todayParks, p.parkCode),
        todayJudgedUntil: d.today?.judgedUntil ?? null,
        todayCapture: captures(d.today),
      };
    });
    const header = [
      'park',
      'today at start',
      `${yesterday} (one simulated day)`,
      'capture % (yesterday)',
      `${today} so far`,
    ];
    const lines = rows.map((r) => [r.park, r.atStart, r.yesterday, r.yesterdayCapture, r.today]);
    const table = [header, ...lines].map((cells) => `| ${cells.join(' | ')} |`);
    table.splice(1, 0, `|${header.map(() => ' --- ').join('|')}|`);
    process.stdout.write(
      `\nnpm start, fresh data directory, ${stations.length} simulated stations; started ${started.toISOString()}, ` +
        `tiles read ${atStartAt.toISOString()}, simulators caught up ${caughtUp.toISOString()} ` +
        `(replayed ${backfillHours} h at ${SPEED}x)\n${table.join('\n')}\n` +
        `${JSON.stringify({ demoDay: { started, caughtUp, speed: SPEED, backfillHours, rows } })}\n`,
    );
  } finally {
    await platform.dispose();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
