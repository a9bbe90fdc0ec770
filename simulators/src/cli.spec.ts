import { ConfigError } from '@hp/config';
import { cliFleetOptions, parseCliArgs, syntheticStations, UsageError } from './cli';

describe('simulator command line', () => {
  it('reads --stations with optional capacities, in both flag forms', () => {
    expect(parseCliArgs(['--stations', 'DVU:DVU-OUT,NKH:NKH-OUT:4500']).stations).toEqual([
      { parkCode: 'DVU', stationCode: 'DVU-OUT', designCapacityM3PerDay: null },
      { parkCode: 'NKH', stationCode: 'NKH-OUT', designCapacityM3PerDay: 4500 },
    ]);
    expect(parseCliArgs(['--stations=A:B', '--start=2026-01-05T00:00:00+07:00'])).toEqual({
      help: false,
      stations: [{ parkCode: 'A', stationCode: 'B', designCapacityM3PerDay: null }],
      startTime: '2026-01-05T00:00:00+07:00',
    });
    expect(parseCliArgs([])).toEqual({ help: false, stations: null, startTime: undefined });
    expect(parseCliArgs(['-h']).help).toBe(true);
  });

  it.each([
    [['--stations'], /--stations needs a value/],
    [['--stations', 'ONLYPARK'], /must be PARK:STATION/],
    [['--stations', 'P:S/1'], /may hold only letters/],
    [['--stations', 'P:S:-3'], /positive number of m3\/day/],
    [['--stations', 'P:S,P:S'], /lists P:S twice/],
    [['--stations', ','], /lists no station/],
    [['--start', 'yesterday'], /not an ISO 8601 time/],
    [['--speed', '3'], /unknown argument "--speed"/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(UsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });

  it('names synthetic stations SIM-P01:SIM-P01-OUT onwards', () => {
    expect(syntheticStations(2)).toEqual([
      { parkCode: 'SIM-P01', stationCode: 'SIM-P01-OUT' },
      { parkCode: 'SIM-P02', stationCode: 'SIM-P02-OUT' },
    ]);
    expect(syntheticStations(120)[119].stationCode).toBe('SIM-P120-OUT');
  });

  it('takes broker and fleet settings from the environment', () => {
    const options = cliFleetOptions(parseCliArgs([]), {
      MQTT_URL: 'mqtt://broker:1883',
      MQTT_PROTOCOL_VERSION: '4',
      SIMULATOR_STATIONS: '3',
      SIMULATOR_SEED: '7',
      SIMULATOR_INTERVAL_MS: '500',
      SIMULATOR_SPEED: '120',
    });
    expect(options).toMatchObject({
      mqttUrl: 'mqtt://broker:1883',
      protocolVersion: 4,
      seed: 7,
      intervalMs: 500,
      speed: 120,
    });
    expect(options.stations.map((s) => s.stationCode)).toEqual(['SIM-P01-OUT', 'SIM-P02-OUT', 'SIM-P03-OUT']);

    const defaults = cliFleetOptions(parseCliArgs(['--stations', 'A:B']), {});
    expect(defaults).toMatchObject({
      mqttUrl: 'mqtt://127.0.0.1:1884',
      seed: 20230,
      intervalMs: 2000,
      speed: 60,
    });
    expect(defaults.stations).toHaveLength(1);
    expect(() => cliFleetOptions(parseCliArgs([]), { SIMULATOR_SPEED: 'fast' })).toThrow(ConfigError);
  });
});
